import { parentPort } from "node:worker_threads";
import { readUpload } from "./read-upload";
import { type ImportKind, TEMPLATES } from "./templates";

// The worker thread of read-upload-thread.ts: loads one workbook at a time off the main event loop.

export interface ReadJob {
  id: number;
  data: ArrayBuffer;
  kind: ImportKind;
}

parentPort?.on("message", async (job: ReadJob) => {
  const reading = await readUpload(job.data, TEMPLATES[job.kind]);
  parentPort?.postMessage({ id: job.id, reading });
});

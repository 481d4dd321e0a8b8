import { parentPort } from "node:worker_threads";
import { type ComputeJob, runJob } from "./compute";

// The worker thread of compute-thread.ts: runs one job at a time, off the server's event loop.

parentPort?.on("message", async ({ id, job }: { id: number; job: ComputeJob }) => {
  try {
    parentPort?.postMessage({ id, ok: true, value: await runJob(job) });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, message: String(error) });
  }
});

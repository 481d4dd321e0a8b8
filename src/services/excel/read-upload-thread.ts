import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { UploadReader, UploadReading } from "./read-upload";
import type { ReadJob } from "./read-upload-worker";

// exceljs loads a workbook synchronously once its zip is open: 20,000 rows block the event loop for about
// a second, and every other request of the county (/health included) waits. On Node the loading therefore
// runs in one worker thread, one file at a time, with a memory cap; Workers isolate requests themselves.

// The worker runs the TypeScript sources through tsx, as the server itself does (`tsx src/entry-node.ts`).
// (Its CommonJS build cannot register the loader from an eval'd worker, so the ESM build is imported.)
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs"),
);
const WORKER_URL = new URL("./read-upload-worker.ts", import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API.href)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(import.meta.url)}))`;
// Far above what a file within the import's bounds needs; a file that needs more is refused, not the server.
const WORKER_MEMORY_MB = 1024;

const unreadable: UploadReading = {
  ok: false,
  status: 413,
  problems: [{ path: "file", message: "工作簿过大，无法读取 The workbook is too large to read" }],
};

/** An UploadReader that loads workbooks in a worker thread, started on first use and restarted if it dies. */
export function createThreadedUploadReader(): UploadReader {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, (reading: UploadReading) => void>();

  function settleAll(reading: UploadReading) {
    for (const resolve of pending.values()) resolve(reading);
    pending.clear();
  }

  function start(): Worker {
    const thread = new Worker(BOOT, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
    });
    thread.on("message", ({ id, reading }: { id: number; reading: UploadReading }) => {
      pending.get(id)?.(reading);
      pending.delete(id);
      if (pending.size === 0) thread.unref();
    });
    thread.on("error", () => settleAll(unreadable));
    thread.on("exit", () => {
      if (worker === thread) worker = undefined;
      settleAll(unreadable);
    });
    return thread;
  }

  return (data, kind) =>
    new Promise((resolve) => {
      worker ??= start();
      worker.ref();
      const id = nextId++;
      pending.set(id, resolve);
      const copy = data.slice(0);
      worker.postMessage({ id, data: copy, kind } satisfies ReadJob, [copy]);
    });
}

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ServiceError } from "../errors";
import { type Compute, type ComputeJob, decodeReading, type PreviewOutcome, runJob } from "./compute";

// In the compiled server (`npm run build`, dist/server.mjs) the worker is its own bundle beside it,
// dist/compute-worker.mjs. From the TypeScript sources (tests, `npm run dev`) the worker runs them through
// tsx, as the server does; tsx's CommonJS build cannot register the loader from an eval'd worker, so its
// ESM build is imported.
const COMPILED = import.meta.url.endsWith(".mjs");

function spawnWorker(options: { resourceLimits: { maxOldGenerationSizeMb: number } }): Worker {
  if (COMPILED) return new Worker(new URL("./compute-worker.mjs", import.meta.url), options);
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  );
  const workerUrl = new URL("./compute-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi.href)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { ...options, eval: true });
}
// Far above what work within the request bounds needs; beyond them the job fails, not the server.
const WORKER_MEMORY_MB = 1024;
/** A job still running after this is stopped (the thread is restarted) and its request refused. */
export const COMPUTE_TIMEOUT_MS = 60_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const tooMuch = () =>
  new ServiceError(
    413,
    "TOO_MUCH_WORK",
    "请求的计算量过大，已中止 The request needs too much work; it was stopped",
  );
// Jobs queued behind one that was stopped did nothing wrong: they are asked to try again.
const restarted = () =>
  new ServiceError(503, "COMPUTE_RESTARTED", "服务繁忙，请稍后重试 The server is busy; try again shortly");

/** Compute in one worker thread, jobs one at a time, started on first use and restarted if it dies. */
export function createThreadCompute(): Compute {
  let worker: Worker | undefined;
  let nextId = 0;
  let stopped: number | undefined;
  const pending = new Map<number, Pending>();

  // The thread died: out of memory, or stopped because job `stopped` ran out of time.
  function failAll(thread: Worker) {
    if (worker === thread) worker = undefined;
    for (const [id, job] of pending)
      job.reject(id === stopped || stopped === undefined ? tooMuch() : restarted());
    pending.clear();
    stopped = undefined;
  }

  function start(): Worker {
    const thread = spawnWorker({ resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB } });
    thread.on("message", (answer: { id: number; ok: boolean; value?: unknown; message?: string }) => {
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.ok) job?.resolve(answer.value);
      else job?.reject(new Error(answer.message));
      if (pending.size === 0) thread.unref(); // an idle thread does not keep the process alive
    });
    thread.on("error", () => failAll(thread));
    thread.on("exit", () => failAll(thread));
    return thread;
  }

  function run<T>(job: ComputeJob, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      worker ??= start();
      const thread = worker;
      thread.ref();
      const id = nextId++;
      const timer = setTimeout(() => {
        stopped = id;
        void thread.terminate();
      }, COMPUTE_TIMEOUT_MS);
      const settle =
        <A>(fn: (arg: A) => void) =>
        (arg: A) => {
          clearTimeout(timer);
          fn(arg);
        };
      pending.set(id, { resolve: settle(resolve as (value: unknown) => void), reject: settle(reject) });
      try {
        thread.postMessage({ id, job }, transfer);
      } catch {
        // Input the structured clone cannot copy (JSON nested 100,000 deep): computed here, where the
        // validation refuses it at once.
        pending.delete(id);
        clearTimeout(timer);
        runJob(job).then((value) => resolve(value as T), reject);
      }
    });
  }

  return {
    async readUpload(data, kind) {
      const copy = data.slice(0); // the caller keeps its bytes (for the file's SHA-256)
      return decodeReading(await run<string>({ task: "readUpload", args: [copy, kind] }, [copy]));
    },
    preview: (scheme, people) => run<PreviewOutcome>({ task: "preview", args: [scheme, people] }),
  };
}

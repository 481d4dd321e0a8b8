import type { SessionUser } from "../../auth/session";
import { log } from "../../log";
import { ServiceError } from "../errors";
import type { ImportResult } from "./import-service";
import type { ImportKind } from "./templates";

// Long imports run after the 202 answer and are polled. The jobs live in the memory of the process that
// runs them: fine for one Node server; on Workers (many isolates) a poll may reach an isolate that never
// saw the job and gets 404 — there, keep files under the job threshold (README "Excel").

/** A running or finished import, as a poll sees it. */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: "running" | "succeeded" | "failed";
  processed: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: ImportResult | null;
  error: { code: string; message: string; details: unknown } | null;
}

interface StoredJob extends ImportJob {
  userId: number;
  countyId: number;
  expiresAt: number;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_JOBS = 200;

/** An in-memory registry of import jobs (one per app instance). */
export function createImportJobs(clock: () => number = Date.now) {
  const jobs = new Map<string, StoredJob>();

  function sweep() {
    const now = clock();
    for (const [id, job] of jobs) if (job.status !== "running" && job.expiresAt < now) jobs.delete(id);
    // Oldest finished jobs go first when too many are kept.
    for (const [id, job] of jobs) {
      if (jobs.size <= MAX_JOBS) break;
      if (job.status !== "running") jobs.delete(id);
    }
  }

  /** Starts `run` in the background; the returned promise settles when it ends (never rejects). */
  function start(
    user: SessionUser,
    kind: ImportKind,
    total: number,
    run: (onProgress: (processed: number) => void) => Promise<ImportResult>,
  ): { job: ImportJob; done: Promise<void> } {
    sweep();
    const job: StoredJob = {
      id: crypto.randomUUID(),
      kind,
      status: "running",
      processed: 0,
      total,
      startedAt: new Date(clock()).toISOString(),
      finishedAt: null,
      result: null,
      error: null,
      userId: user.id,
      countyId: user.countyId,
      expiresAt: Number.POSITIVE_INFINITY,
    };
    jobs.set(job.id, job);
    const finish = (patch: Partial<StoredJob>) => {
      Object.assign(job, patch, { finishedAt: new Date(clock()).toISOString(), expiresAt: clock() + TTL_MS });
    };
    const done = run((processed) => {
      job.processed = processed;
    }).then(
      (result) => finish({ status: "succeeded", processed: total, result }),
      (error: unknown) => finish({ status: "failed", error: describeFailure(error) }),
    );
    return { job: view(job), done };
  }

  /** The job if it exists and the user started it (an admin of the county may look at any). */
  function get(id: string, user: SessionUser): ImportJob | undefined {
    const job = jobs.get(id);
    if (!job || job.countyId !== user.countyId) return undefined;
    if (job.userId !== user.id && user.role !== "admin") return undefined;
    return view(job);
  }

  return { start, get };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;

function view({ userId: _u, countyId: _c, expiresAt: _e, ...job }: StoredJob): ImportJob {
  return { ...job };
}

function describeFailure(error: unknown): ImportJob["error"] {
  if (error instanceof ServiceError)
    return { code: error.code, message: error.message, details: error.details ?? [] };
  log.error("import job failed", { error });
  return {
    code: "INTERNAL",
    message: "导入失败，未导入任何数据 The import failed; nothing was imported",
    details: [],
  };
}

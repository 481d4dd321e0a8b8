import type { Db } from "./client";
import { databaseFaultOf } from "./faults";

/**
 * A write whose connection broke after its work was done, while COMMIT was on its way: PostgreSQL may or
 * may not have committed it. The client is told so (COMMIT_UNKNOWN: re-read before retrying), never a plain
 * 503 "nothing was saved" that would make it retry a save that did happen.
 */
export class CommitUnknownError extends Error {
  constructor(readonly fault: unknown) {
    super("commit outcome unknown");
    this.name = "CommitUnknownError";
  }
}

/** The request's database, whose transactions report a connection lost at commit as CommitUnknownError. */
export function withCommitTracking(db: Db): Db {
  const tracked: Db = Object.create(db);
  tracked.transaction = (async (work, config) => {
    let workDone = false;
    try {
      return await db.transaction(async (tx) => {
        const result = await work(tx);
        workDone = true;
        return result;
      }, config);
    } catch (error) {
      // A lock or serialization failure at commit is a clean rollback; only a lost connection is ambiguous.
      if (workDone && databaseFaultOf(error)?.code === "DATABASE_UNAVAILABLE")
        throw new CommitUnknownError(error);
      throw error;
    }
  }) as Db["transaction"];
  return tracked;
}

import type { SessionPolicy, ValidSession } from "../auth/session";
import type { DatabaseKind, Db } from "../db/client";
import type { EvidenceStorage } from "../storage/evidence-storage";

/** Hono's environment for every route: the database and the signed-in session, if any. */
export interface AppEnv {
  Variables: {
    db: Db;
    storage: EvidenceStorage;
    session: ValidSession | null;
    /** The request's time, from `deps.clock`: deadlines and "this month" are judged against it. */
    now: Date;
  };
}

/** What createApp needs from the runtime that hosts it. */
export interface AppDeps {
  /** The database; a function gives each request its own (Workers: a client per request, opened by the entry). */
  db: Db | (() => Db);
  databaseKind: DatabaseKind;
  sessionPolicy: SessionPolicy;
  /** Evidence files: a local folder on Node, R2 on Workers. */
  storage: EvidenceStorage;
  /**
   * The caller's network address, for sign-in throttling: Node passes its socket's peer address; when absent
   * (Workers), the `cf-connecting-ip` header that Cloudflare sets is used, then "unknown".
   */
  clientAddress?: (c: import("hono").Context) => string | undefined;
  /** The clock; tests set it to walk a period's deadlines. Defaults to the system time. */
  clock?: () => Date;
  /** Logs one line per request (src/http/access-log.ts); the Node server turns it on. */
  accessLog?: boolean;
  /** Long computations (workbook loading, 试算): Node passes a worker thread; the default runs inline. */
  compute?: import("../services/compute/compute").Compute;
  /** Serves the built front end; absent when there is none (API-only). */
  staticFiles?: import("hono").MiddlewareHandler;
}

import { drizzle } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import type { Db, DbConnection } from "./client";
import { schema } from "./schema-all";

// Runs on Node and inside a Worker alike: no migrator, no file system, no PGlite here, so the Worker
// bundle that imports this module stays free of them.

/** How to open a postgres.js client when given a URL (ignored when a client is passed in). */
export interface PostgresOptions {
  /** Upper bound on the connection pool (a Worker request should keep this small). */
  max?: number;
  /** Named prepared statements (postgres.js default true; Hyperdrive needs them for caching). */
  prepare?: boolean;
  /** Look up array types on connect; off saves a round trip when no custom array types are used. */
  fetchTypes?: boolean;
  /**
   * Server-side limits sent as startup parameters, so that no lock wait or runaway query holds a request (or
   * the period lock) for long. Not for Hyperdrive, which resets session settings: set them on the role there.
   */
  timeouts?: PostgresTimeouts;
}

/** PostgreSQL's own timeouts, in milliseconds (statement_timeout, lock_timeout, idle_in_transaction_session_timeout). */
export interface PostgresTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

/** What a Node server uses: a lock wait gives up well before a statement, and both well before a client does. */
export const DEFAULT_TIMEOUTS: PostgresTimeouts = {
  statementMs: 15_000,
  lockMs: 5_000,
  idleInTransactionMs: 60_000,
};

function timeoutParameters(timeouts: PostgresTimeouts | undefined): Record<string, string> {
  if (!timeouts) return {};
  return {
    statement_timeout: String(timeouts.statementMs),
    lock_timeout: String(timeouts.lockMs),
    idle_in_transaction_session_timeout: String(timeouts.idleInTransactionMs),
  };
}

/**
 * Seconds before reconnecting after the n-th connection error in a row. postgres.js's default grows as
 * 3^n/100 up to 20 s and counts every pooled connection that was cut: after `pg_terminate_backend` of ten
 * connections the next requests waited 6–18 s. Bounded here, a request waits at most a second for the
 * reconnect and at most CONNECT_TIMEOUT_S for the connection; then it is answered 503 with Retry-After.
 */
export const reconnectBackoff = (retries: number) => Math.min(0.1 * retries, 1);
/** Seconds a request waits for a new connection (below the statement timeout). */
export const CONNECT_TIMEOUT_S = 10;

/** A postgres.js connection with the drizzle handle over it; `sql` is the raw client. */
export interface PostgresConnection extends DbConnection {
  kind: "postgres";
  sql: Sql;
}

/** Opens PostgreSQL through postgres.js (a URL, or a client the caller configured) with snake_case columns. */
export function openPostgres(source: string | Sql, options: PostgresOptions = {}): PostgresConnection {
  const sql =
    typeof source === "string"
      ? postgres(source, {
          max: options.max ?? 10,
          prepare: options.prepare ?? true,
          fetch_types: options.fetchTypes ?? true,
          onnotice: () => {},
          backoff: reconnectBackoff,
          connect_timeout: CONNECT_TIMEOUT_S,
          connection: { application_name: "kaohe", ...timeoutParameters(options.timeouts) },
        })
      : source;
  // drizzle's postgres-js database is a PgDatabase over the same schema: widen it to the runtime-neutral Db.
  const db: Db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, kind: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
}

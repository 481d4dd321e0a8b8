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
}

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
          connection: { application_name: "kaohe" },
        })
      : source;
  // drizzle's postgres-js database is a PgDatabase over the same schema: widen it to the runtime-neutral Db.
  const db: Db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, kind: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
}

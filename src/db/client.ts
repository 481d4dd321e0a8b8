import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { PostgresTimeouts } from "./postgres";
import type { schema } from "./schema-all";

type Schema = typeof schema;

/** The database handle every service takes: the same API on PGlite and on postgres.js. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either a database handle or an open transaction: queries that can run in both take this. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

/** An open database without migrations: all a Worker gets (it never migrates). */
export interface DbConnection {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/** An open database on Node, able to migrate itself. */
export interface DbHandle extends DbConnection {
  /** Applies the migrations in `drizzle/` (safe to call from several processes at once). */
  migrate(migrationsFolder?: string): Promise<void>;
  /** PGlite only: a tarball of the whole data folder. */
  dump?: () => Promise<Blob>;
}

export interface DbConfig {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder, or `memory://` for a throw-away database. */
  dataDir?: string;
  /** PGlite only: start from a data-folder snapshot (a `dumpDataDir` tarball), e.g. a restored backup. */
  loadDataDir?: Blob;
  /** Upper bound on the postgres.js pool. */
  maxConnections?: number;
  /** PostgreSQL only: statement, lock and idle-in-transaction timeouts (DEFAULT_TIMEOUTS when absent). */
  timeouts?: PostgresTimeouts;
}

// The drivers are imported on demand so that a PostgreSQL deployment never loads PGlite's WebAssembly, and so
// that the Worker, which imports only ./postgres, never bundles PGlite or the file-system migrator.

/** Opens PGlite (no URL) or PostgreSQL through postgres.js (URL), with snake_case columns. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const [{ openPostgres, DEFAULT_TIMEOUTS }, { migratePostgres }, { assertPostgresPatched }] =
      await Promise.all([import("./postgres"), import("./migrate"), import("./postgres-patch-check")]);
    assertPostgresPatched();
    const connection = openPostgres(url, {
      max: config.maxConnections ?? 10,
      timeouts: config.timeouts ?? DEFAULT_TIMEOUTS,
    });
    return { ...connection, migrate: (migrationsFolder) => migratePostgres(url, migrationsFolder) };
  }
  const { openPglite } = await import("./pglite");
  return openPglite(config.dataDir ?? "./data", config.loadDataDir);
}

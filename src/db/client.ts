import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { schema } from "./schema-all";

type Schema = typeof schema;

/** The database handle every service takes: the same API on PGlite and on postgres.js. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either a database handle or an open transaction: queries that can run in both take this. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  /** Applies the migrations in `drizzle/` (safe to call from several processes at once). */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
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
}

export const DEFAULT_MIGRATIONS_FOLDER = "./drizzle";
// Arbitrary constant key so concurrent starters serialise their migrations.
const MIGRATION_LOCK_KEY = 7_246_001;

/** Opens PGlite (no URL) or PostgreSQL through postgres.js (URL), with snake_case columns. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.maxConnections ?? 10);
  return openPglite(config.dataDir ?? "./data", config.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connection: { application_name: "kaohe" },
  });
  const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate(migrationsFolder = DEFAULT_MIGRATIONS_FOLDER) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      // One dedicated connection holds a session-level advisory lock for the whole run.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(drizzle(single, { casing: "snake_case" }), { migrationsFolder });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, loadDataDir: Blob | undefined): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create({ dataDir: dataDir === "memory://" ? undefined : dataDir, loadDataDir });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate(migrationsFolder = DEFAULT_MIGRATIONS_FOLDER) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder });
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
  };
}

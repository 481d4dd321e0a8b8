import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { DEFAULT_MIGRATIONS_FOLDER } from "./migrations-folder";

// Node only: drizzle's migrator reads `drizzle/` from the file system. A Worker never migrates; the database
// is migrated from a machine (`npm run migrate`) before a deployment.

// Arbitrary constant key so concurrent starters serialise their migrations.
const MIGRATION_LOCK_KEY = 7_246_001;

/** Applies the migrations to PostgreSQL; safe to run from several processes at once. */
export async function migratePostgres(
  url: string,
  migrationsFolder = DEFAULT_MIGRATIONS_FOLDER,
): Promise<void> {
  // One dedicated connection holds a session-level advisory lock for the whole run.
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(single, { casing: "snake_case" }), { migrationsFolder });
  } finally {
    await single.end({ timeout: 5 });
  }
}

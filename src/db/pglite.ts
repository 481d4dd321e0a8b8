import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db, DbHandle } from "./client";
import { lockDataDir } from "./data-dir-lock";
import { DEFAULT_MIGRATIONS_FOLDER } from "./migrate";
import { schema } from "./schema-all";

/**
 * Opens the embedded PGlite database in a data folder (`memory://` for a throw-away one). Node only.
 * One process at a time: a folder held by another live process (the server, a backup, create-admin …) is
 * refused with DataDirInUseError before PGlite touches it, since two PGlite instances on one folder corrupt it.
 */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DbHandle> {
  const inMemory = dataDir === "memory://";
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: inMemory ? undefined : dataDir, loadDataDir });
  } catch (error) {
    release();
    throw error;
  }
  const db: Db = drizzle(client, { schema, casing: "snake_case" });
  return {
    db,
    kind: "pglite",
    // The folder lock above makes this process the only one, so unlike PostgreSQL no migration lock is needed.
    async migrate(migrationsFolder = DEFAULT_MIGRATIONS_FOLDER) {
      await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder });
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
    dump: () => client.dumpDataDir("none"),
  };
}

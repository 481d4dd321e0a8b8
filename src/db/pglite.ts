import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db, DbHandle } from "./client";
import { DEFAULT_MIGRATIONS_FOLDER } from "./migrate";
import { schema } from "./schema-all";

/** Opens the embedded PGlite database in a data folder (`memory://` for a throw-away one). Node only. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DbHandle> {
  const client = await PGlite.create({ dataDir: dataDir === "memory://" ? undefined : dataDir, loadDataDir });
  const db: Db = drizzle(client, { schema, casing: "snake_case" });
  return {
    db,
    kind: "pglite",
    // One process owns an embedded database, so unlike PostgreSQL no lock is needed.
    async migrate(migrationsFolder = DEFAULT_MIGRATIONS_FOLDER) {
      await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder });
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
  };
}

import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db, DbHandle } from "./client";
import { DEFAULT_MIGRATIONS_FOLDER } from "./migrate";
import { schema } from "./schema-all";

/** Longest stretch of database work before the event loop is let turn (see letTheLoopTurn). */
const MAX_TURN_MS = 20;

/**
 * PGlite runs PostgreSQL on the server's own thread: each protocol message is synchronous WebAssembly, and
 * a transaction's statements follow one another as microtasks, so an import of 20,000 rows or a period's
 * recompute would hold the event loop for seconds. Once every MAX_TURN_MS of database work the next
 * message waits for one turn of the loop; other requests queue on PGlite's own lock meanwhile, as before.
 */
function letTheLoopTurn(client: PGlite): void {
  const run = client.execProtocolRaw.bind(client);
  let turnStarted = performance.now();
  client.execProtocolRaw = async (message, options) => {
    if (performance.now() - turnStarted > MAX_TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
    return run(message, options);
  };
}

/** Opens the embedded PGlite database in a data folder (`memory://` for a throw-away one). Node only. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DbHandle> {
  const client = await PGlite.create({ dataDir: dataDir === "memory://" ? undefined : dataDir, loadDataDir });
  letTheLoopTurn(client);
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

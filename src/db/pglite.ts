import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Db, DbHandle } from "./client";
import { lockDataDir } from "./data-dir-lock";
import { DEFAULT_MIGRATIONS_FOLDER } from "./migrations-folder";
import { schema } from "./schema-all";

/**
 * PostgreSQL's shared buffers, inside PGlite's WebAssembly memory. Its default, 128 MB, is allocated and
 * cleared at every start: measured on the demo county (issue 21, load average ~15) 3.5–5.9 s to open and
 * ~305 MB resident with 128 MB, 2.3 s and ~190 MB with 32 MB, the report queries no slower (the demo
 * database is ~15 MB; what does not fit stays in the kernel's page cache).
 */
const SHARED_BUFFERS = "32MB";

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
    client = await PGlite.create({
      dataDir: inMemory ? undefined : dataDir,
      loadDataDir,
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
    });
  } catch (error) {
    release();
    throw error;
  }
  letTheLoopTurn(client);
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

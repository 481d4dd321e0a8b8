// `npm run migrate`: applies the migrations in drizzle/ to DATABASE_URL (or the embedded PGlite database) and
// nothing else: no demo data, no accounts. This is how a Workers deployment's database is prepared, since a
// Worker never migrates; run it from a machine that reaches the database before each deployment.
import { parseConfig } from "../src/config";
import { createDb } from "../src/db/client";

const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.KAOHE_DATA_DIR,
  maxConnections: 1,
});
try {
  const startedAt = performance.now();
  await handle.migrate();
  const where = handle.kind === "postgres" ? "PostgreSQL" : `embedded PGlite in ${config.KAOHE_DATA_DIR}`;
  console.log(`[kaohe] migrations applied to ${where} in ${Math.round(performance.now() - startedAt)} ms`);
} finally {
  await handle.close();
}

import { existsSync } from "node:fs";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";
import { parseConfig, sessionPolicyOf } from "./config";
import { createDb } from "./db/client";
import { createApp } from "./http/app";
import { createThreadCompute } from "./services/compute/compute-thread";
import { isDatabaseEmpty, seedDemoCounty } from "./services/demo/seed-demo-county";
import { createMemoryStorage } from "./storage/evidence-storage";
import { createLocalFolderStorage } from "./storage/local-folder-storage";

const startedAt = performance.now();
const config = parseConfig(process.env);
const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.KAOHE_DATA_DIR });
await handle.migrate();

// Only the embedded database seeds itself; a PostgreSQL deployment gets demo data only from `npm run seed`.
// Production never gets the demo accounts' shared default password: its first admin comes from create-admin.
const seedDemo = config.KAOHE_SEED_DEMO === "auto" && config.NODE_ENV !== "production";
if (handle.kind === "pglite" && seedDemo && (await isDatabaseEmpty(handle.db))) {
  console.log("[kaohe] empty embedded database: seeding the demo county 桂阳县 …");
  const summary = await seedDemoCounty(handle.db);
  console.log(
    `[kaohe] seeded ${summary.townships} townships, ${summary.people} people, ${summary.users} accounts`,
  );
}

const hasWeb = existsSync(`${config.KAOHE_WEB_DIR}/index.html`);

/** The built front end; page URLs (no file extension) get index.html, since the web app routes in the browser. */
function serveWebApp(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  const page = serveStatic({ root, rewriteRequestPath: () => "/index.html" });
  return (c, next) => (/\.\w+$/.test(c.req.path) ? files(c, next) : page(c, next));
}
const app = createApp({
  db: handle.db,
  databaseKind: handle.kind,
  sessionPolicy: sessionPolicyOf(config),
  storage:
    config.KAOHE_DATA_DIR === "memory://"
      ? createMemoryStorage()
      : createLocalFolderStorage(config.KAOHE_EVIDENCE_DIR ?? `${config.KAOHE_DATA_DIR}/evidence`),
  // The socket peer: behind a reverse proxy this is the proxy, so throttling then counts per proxy.
  clientAddress: (c) => getConnInfo(c).remote.address,
  staticFiles: hasWeb ? serveWebApp(config.KAOHE_WEB_DIR) : undefined,
  compute: createThreadCompute(),
});

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const where = handle.kind === "pglite" ? `embedded PGlite in ${config.KAOHE_DATA_DIR}` : "PostgreSQL";
  console.log(
    `[kaohe] listening on http://${config.HOST}:${info.port}/ (${where}), ready in ${Math.round(performance.now() - startedAt)} ms`,
  );
  console.log("[kaohe] demo accounts (password kaohe-demo) are listed in README.md");
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[kaohe] ${signal}: closing …`);
  // Stop taking requests, let the ones in flight finish, then close the database so PGlite flushes cleanly.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

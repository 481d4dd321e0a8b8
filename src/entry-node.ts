import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { parseConfig, sessionPolicyOf } from "./config";
import { createDb, type DbHandle } from "./db/client";
import { loadDemoSnapshot } from "./db/demo-snapshot";
import { counties } from "./db/schema/org";
import { createApp } from "./http/app";
import { clientAddressResolver, parseTrustedProxies, withForwardedProto } from "./http/client-address";
import { configureLog, log } from "./log";
import { createThreadCompute } from "./services/compute/compute-thread";
import { DEMO_COUNTY } from "./services/demo/county-data";
import { isDatabaseEmpty, seedDemoCounty } from "./services/demo/seed-demo-county";
import { createMemoryStorage } from "./storage/evidence-storage";
import { createLocalFolderStorage } from "./storage/local-folder-storage";

const startedAt = performance.now();
// `npm start` may have built dist/ first in this very process (scripts/start.mjs says when it finished).
const loadingFrom = Number(process.env.KAOHE_LOADING_FROM_MS ?? 0) || 0;
const config = parseConfig(process.env);
configureLog({ format: config.LOG_FORMAT, level: config.LOG_LEVEL });
const trustedProxies = parseTrustedProxies(config.TRUST_PROXY);

// Only the embedded database seeds itself; a PostgreSQL deployment gets demo data only from `npm run seed`.
// Production never gets the demo accounts' shared default password: its first admin comes from create-admin.
const seedDemo = config.KAOHE_SEED_DEMO === "auto" && config.NODE_ENV !== "production";
const embedded = !config.DATABASE_URL;
const dataDir = config.KAOHE_DATA_DIR;
const freshFolder = embedded && dataDir !== "memory://" && !existsSync(join(dataDir, "PG_VERSION"));
async function openDatabase(): Promise<DbHandle> {
  // The compiled server sits in dist/ beside the demo snapshot `npm run build` made (src/db/demo-snapshot.ts).
  // Read here, not at module level, so that its ~65 MB are garbage once loaded (issue 21).
  const snapshot =
    seedDemo && freshFolder ? loadDemoSnapshot(dirname(fileURLToPath(import.meta.url))) : undefined;
  const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir, loadDataDir: snapshot });
  await handle.migrate();
  if (snapshot) log.info("empty embedded database: loaded the demo county 桂阳县 from the build's snapshot");
  else if (handle.kind === "pglite" && seedDemo && (await isDatabaseEmpty(handle.db))) {
    log.info("empty embedded database: seeding the demo county 桂阳县 …");
    const summary = await seedDemoCounty(handle.db);
    log.info("seeded the demo county", { ...summary });
  }
  return handle;
}

const handle = await openDatabase().catch((error: unknown) => {
  log.error("cannot open the database", { error });
  process.exit(1);
});

/** What the operator does next: create the first admin on an empty database; the demo accounts otherwise. */
async function nextStep(): Promise<void> {
  if (await isDatabaseEmpty(handle.db)) {
    log.warn(
      "数据库中还没有账号：请运行 `node dist/create-admin.mjs`（源码目录：`npm run create-admin`）创建第一个管理员。 " +
        "The database has no accounts yet: run `node dist/create-admin.mjs` (`npm run create-admin` in a source checkout) to create the first admin.",
    );
    return;
  }
  if (config.NODE_ENV === "production") return;
  const [demo] = await handle.db.select().from(counties).where(eq(counties.code, DEMO_COUNTY.code)).limit(1);
  if (demo) log.info("demo accounts (password kaohe-demo) are listed in README.md");
}

/** The built front end; page URLs (no file extension) get index.html, since the web app routes in the browser. */
function serveWebApp(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  const page = serveStatic({ root, rewriteRequestPath: () => "/index.html" });
  return (c, next) => (/\.\w+$/.test(c.req.path) ? files(c, next) : page(c, next));
}
const hasWeb = existsSync(`${config.KAOHE_WEB_DIR}/index.html`);
if (!hasWeb) log.warn(`no front end in ${config.KAOHE_WEB_DIR} (run npm run build): serving the API only`);

const app = createApp({
  db: handle.db,
  databaseKind: handle.kind,
  sessionPolicy: sessionPolicyOf(config),
  storage:
    dataDir === "memory://"
      ? createMemoryStorage()
      : createLocalFolderStorage(config.KAOHE_EVIDENCE_DIR ?? `${dataDir}/evidence`),
  // The socket peer, or behind the proxies of TRUST_PROXY the client they name in X-Forwarded-For.
  clientAddress: clientAddressResolver(trustedProxies, (c) => getConnInfo(c).remote.address),
  staticFiles: hasWeb ? serveWebApp(config.KAOHE_WEB_DIR) : undefined,
  accessLog: true,
  compute: createThreadCompute(),
});

await nextStep();
type NodeEnv = { incoming: { socket: { remoteAddress?: string } } };
const fetchThroughProxies = withForwardedProto<NodeEnv>(
  trustedProxies,
  (env) => env.incoming.socket.remoteAddress,
  (request, env) => app.fetch(request, env),
);
const server = serve({ fetch: fetchThroughProxies, port: config.PORT, hostname: config.HOST }, (info) => {
  const where = handle.kind === "pglite" ? `embedded PGlite in ${dataDir}` : "PostgreSQL";
  log.info(
    `listening on http://${config.HOST}:${info.port}/ (${where}), ready in ${Math.round(performance.now() - startedAt)} ms` +
      ` (after ${Math.round(startedAt - loadingFrom)} ms of ${loadingFrom ? "" : "Node's start and "}module loading)`,
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: closing …`);
  // Stop taking requests, let the ones in flight finish, then close the database so PGlite flushes cleanly
  // and its data folder's lock is released.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
// A failure outside any request still leaves one structured line (with its stack) before the process ends.
process.on("uncaughtException", (error) => {
  log.error("uncaught exception: stopping", { error });
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  log.error("unhandled promise rejection: stopping", { error });
  process.exit(1);
});
process.on("SIGINT", () => void shutdown("SIGINT"));

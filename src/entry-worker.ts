import { AsyncLocalStorage } from "node:async_hooks";
import type { ExecutionContext, Hyperdrive, R2Bucket } from "@cloudflare/workers-types/index";
import { parseConfig, sessionPolicyOf } from "./config";
import type { Db } from "./db/client";
import { openPostgres } from "./db/postgres";
import { createApp } from "./http/app";
import { createR2Storage } from "./storage/r2-storage";

// The Worker adapter: the same app as on Node, over PostgreSQL through Hyperdrive and evidence in R2. It never
// migrates or seeds (migrations run from a machine: `npm run migrate`). The built front end is served by
// Workers Static Assets before the Worker is invoked (see wrangler.toml), so the app gets no staticFiles.

/** The bindings and variables that wrangler.toml gives the Worker. */
export interface WorkerEnv {
  HYPERDRIVE: Hyperdrive;
  EVIDENCE: R2Bucket;
  [variable: string]: unknown;
}

// Hyperdrive pools the real connections, so a client per request is cheap; workerd allows six open
// connections per request, and one request rarely needs more than one at a time.
const MAX_CONNECTIONS_PER_REQUEST = 5;

// workerd forbids I/O objects (sockets) shared between requests, so each request opens its own client; the
// app itself is built once per isolate (building it costs milliseconds of CPU) and finds the request's
// database here.
const requestDatabase = new AsyncLocalStorage<Db>();

function currentDatabase(): Db {
  const db = requestDatabase.getStore();
  if (!db) throw new Error("no database outside a request");
  return db;
}

// An isolate's env (bindings and vars) is fixed until the next deployment, so the app can be kept.
let app: ReturnType<typeof createApp> | undefined;

function appFor(env: WorkerEnv): ReturnType<typeof createApp> {
  if (app) return app;
  const config = parseConfig(env);
  app = createApp({
    db: currentDatabase,
    databaseKind: "postgres",
    sessionPolicy: sessionPolicyOf(config),
    storage: createR2Storage(env.EVIDENCE),
  });
  return app;
}

/** Serves one request with a postgres.js client of its own, closed once the response is on its way. */
async function handleRequest(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  const handler = appFor(env);
  // Prepared statements stay on (postgres.js's default): Hyperdrive supports them and needs them to cache.
  // The schema has no custom array types, so the type lookup on connect is skipped (a round trip saved).
  const connection = openPostgres(env.HYPERDRIVE.connectionString, {
    max: MAX_CONNECTIONS_PER_REQUEST,
    fetchTypes: false,
  });
  try {
    return await requestDatabase.run(connection.db, () => handler.fetch(request, env, ctx));
  } finally {
    ctx.waitUntil(connection.close());
  }
}

export default { fetch: handleRequest };

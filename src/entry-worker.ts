import type { ExecutionContext, Hyperdrive, R2Bucket } from "@cloudflare/workers-types/index";
import { parseConfig, sessionPolicyOf } from "./config";
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

/** Serves one request with a postgres.js client of its own, closed once the response is on its way. */
async function handleRequest(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  const config = parseConfig(env);
  // I/O objects cannot outlive the request that opened them in workerd: no client is shared between requests.
  const connection = openPostgres(env.HYPERDRIVE.connectionString, {
    max: MAX_CONNECTIONS_PER_REQUEST,
    // The schema has no custom array types; skipping the type lookup saves a round trip per connection.
    fetchTypes: false,
  });
  const app = createApp({
    db: connection.db,
    databaseKind: connection.kind,
    sessionPolicy: sessionPolicyOf(config),
    storage: createR2Storage(env.EVIDENCE),
  });
  try {
    return await app.fetch(request, env, ctx);
  } finally {
    ctx.waitUntil(connection.close());
  }
}

export default { fetch: handleRequest };

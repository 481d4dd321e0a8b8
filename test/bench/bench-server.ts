import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { parseConfig, sessionPolicyOf } from "../../src/config";
import { createDb } from "../../src/db/client";
import { createApp } from "../../src/http/app";
import { createMemoryStorage } from "../../src/storage/evidence-storage";

// The server the HTTP benchmarks load: the product's app exactly as the Node entry builds it (same config,
// same pool size), wrapped in a bench-only app that adds `GET /bench/bare`, an endpoint that runs one trivial
// query on the same pool. It is the reference the dashboard's requests/s are compared with; it is not part
// of the product. Run as its own process so that its memory can be read from /proc.

const config = parseConfig(process.env);
if (!config.DATABASE_URL) throw new Error("the bench server needs DATABASE_URL");
const handle = await createDb({ databaseUrl: config.DATABASE_URL });
const app = createApp({
  db: handle.db,
  databaseKind: handle.kind,
  sessionPolicy: sessionPolicyOf(config),
  storage: createMemoryStorage(),
  clientAddress: () => "127.0.0.1",
});

const bench = new Hono()
  .get("/bench/bare", async (c) => {
    await handle.db.execute(sql`select 1`);
    return c.json({ ok: true });
  })
  // Where the resident memory goes (V8 heap, buffers), beside the RSS the harness reads from /proc.
  .get("/bench/memory", (c) => c.json(process.memoryUsage()))
  .route("/", app);

const server = serve({ fetch: bench.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`[bench-server] listening on ${info.port}`);
});

process.on("SIGTERM", () => {
  server.close(() => void handle.close().then(() => process.exit(0)));
});

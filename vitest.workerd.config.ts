import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineConfig } from "vitest/config";

// The Worker entry (src/entry-worker.ts) inside workerd with wrangler.toml's own configuration: Hyperdrive
// pointed at a throw-away database that the global setup migrates and seeds (on the PostgreSQL server of
// DATABASE_URL, else an embedded PGlite served over the PostgreSQL protocol), R2 simulated locally, web/dist as
// static assets.

// postgres.js inside workerd rejects a pending socket read with exactly this on every `sql.end()`
// (porsager/postgres#1202); it is reported as unhandled although every query has completed.
const POSTGRES_END_IN_WORKERD = "Stream was cancelled.";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        hyperdrives: { HYPERDRIVE: inject("workerdDatabaseUrl") },
        // SELF calls the Worker's fetch directly; a binding to the current worker goes through the static
        // assets router first, as a request from the Internet does.
        serviceBindings: { SITE: kCurrentWorker },
      },
    })),
  ],
  test: {
    include: ["test/workerd/**/*.test.ts"],
    globalSetup: ["test/workerd/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    onUnhandledError: (error) => error.message !== POSTGRES_END_IN_WORKERD,
  },
});

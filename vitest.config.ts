import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// `*.pg.test.ts` need a real PostgreSQL server and `*.pglite.test.ts` the embedded database: each run includes
// only the files for its database, so none is skipped (and a PostgreSQL run without a server fails in setup).
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "src/**/*.test.ts"],
    exclude: [...configDefaults.exclude, onPostgres ? "**/*.pglite.test.ts" : "**/*.pg.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one PostgreSQL database when DATABASE_URL is set; each file owns its county.
    fileParallelism: true,
    // Vitest's default is one worker fewer than the cores: on CI's two cores, one file at a time. Most files
    // spend much of their time waiting (on PostgreSQL, a child server, LibreOffice), so two run at once there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

import { defineConfig } from "vitest/config";

// Browser tests: the real Node server on a throw-away PGlite database, driven through Debian's Chromium.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
  },
});

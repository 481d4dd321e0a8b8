import { defineConfig } from "vitest/config";

// Browser tests: the real Node server on a throw-away PGlite database, driven through Debian's Chromium.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    // A page that answers a click waits for the server (scrypt at sign-in, reports built on first read): on a
    // loaded machine that took over a second, the default poll time, so a correct page failed. A stuck page still
    // fails, after 15 s.
    expect: { poll: { timeout: 15_000 } },
  },
});

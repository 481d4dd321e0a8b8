import { defineConfig } from "vitest/config";

// `npm run test:release`: builds the release archive and runs it unpacked, offline, on PGlite and on
// PostgreSQL (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres). Slow (a build and an npm ci),
// so it runs once in .ci/run rather than in each `npm test`.
export default defineConfig({
  test: {
    include: ["test/release/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});

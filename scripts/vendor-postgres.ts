// `npm run vendor:postgres`: makes vendor/postgres-3.4.9-kaohe.tgz, postgres.js 3.4.9 with the fix below, which
// package.json installs instead of the registry's package (`file:` dependency). A vendored tarball, not a
// postinstall script, so that `npm ci --ignore-scripts` and offline installs get the fix too; the server checks
// at start-up that the installed package carries it (src/db/postgres-patch-check.ts). Drop it all when upstream
// releases the fix. When PostgreSQL closes a connection in the middle of a transaction (pg_terminate_backend, a
// restart or failover, idle_in_transaction_session_timeout), postgres.js 3.4.9:
//
// 1. throws from a setImmediate callback (`TypeError: Cannot read properties of null (reading 'write')`): an
//    uncaught exception that stops the Node server (porsager/postgres#1154, #1208);
// 2. or keeps a stale write timer, so that pooled connection never sends again: every later query on it
//    waits for CONNECT_TIMEOUT (#1208, #1215);
// 3. replays the dead backend's error (57P01) onto the first query after the reconnect (#1215, #1223);
// 4. lets a transaction whose connection died go on issuing queries on the reconnected connection, outside
//    any transaction: a write the client was told had failed can be committed after all (#1216).
// 5. leaves the array-type fetch of a connection cut during it (right after a reconnect) as an unhandled
//    promise rejection, which stops the Node server (found by the keyed-writes storm of issue 14).
//
// Fixes proposed upstream (#1209, #1215), none released as of 3.4.9. The patch below follows them:
// teardown forgets the pending write and the last error; a write without a socket rejects the connection's
// queries with CONNECTION_CLOSED instead of throwing; a transaction remembers that its connection closed
// and refuses every later query (its own queue, rollback and commit included).
// test/integration/reliability-faults.pg.test.ts fails without this patch.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PATCHED_FILES } from "../src/db/postgres-patch";

/** Applies the replacements to one file, all or none; throws when the source is not the expected 3.4.9. */
function patchFile(path: string, replacements: [string, string][]): void {
  let patched = readFileSync(path, "utf8");
  for (const [from, to] of replacements) {
    if (!patched.includes(from))
      throw new Error(
        `${path}: the source differs from postgres.js 3.4.9; review the patch (fixed upstream?)`,
      );
    patched = patched.replace(from, to);
  }
  writeFileSync(path, patched);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const work = mkdtempSync(join(tmpdir(), "kaohe-vendor-postgres-"));
  try {
    execFileSync("npm", ["pack", "postgres@3.4.9", "--silent"], {
      cwd: work,
      stdio: ["ignore", "pipe", "inherit"],
    });
    execFileSync("tar", ["xzf", "postgres-3.4.9.tgz"], { cwd: work });
    for (const [file, replacements] of PATCHED_FILES) patchFile(join(work, "package", file), replacements);
    const out = fileURLToPath(new URL("../vendor/postgres-3.4.9-kaohe.tgz", import.meta.url));
    // Fixed owner and times, so that the tarball (and the lock file's integrity) is the same on every run.
    execFileSync(
      "tar",
      [
        "czf",
        out,
        "--sort=name",
        "--owner=0",
        "--group=0",
        "--numeric-owner",
        "--mtime=1985-10-26 08:15Z",
        "package",
      ],
      {
        cwd: work,
        env: { ...process.env, GZIP: "-n" },
      },
    );
    console.log(`[vendor:postgres] wrote ${out}; run npm install to update package-lock.json`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

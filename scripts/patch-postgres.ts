// Patches postgres.js 3.4.9 (run by `npm install` / `npm ci` as postinstall; idempotent; restore the original
// with `npm ci`). When PostgreSQL closes a connection in the middle of a transaction (pg_terminate_backend, a
// restart or failover, idle_in_transaction_session_timeout), postgres.js 3.4.9:
//
// 1. throws from a setImmediate callback (`TypeError: Cannot read properties of null (reading 'write')`): an
//    uncaught exception that stops the Node server (porsager/postgres#1154, #1208);
// 2. or keeps a stale write timer, so that pooled connection never sends again: every later query on it
//    waits for CONNECT_TIMEOUT (#1208, #1215);
// 3. replays the dead backend's error (57P01) onto the first query after the reconnect (#1215, #1223);
// 4. lets a transaction whose connection died go on issuing queries on the reconnected connection, outside
//    any transaction: a write the client was told had failed can be committed after all (#1216).
//
// Fixes proposed upstream (#1209, #1215), none released as of 3.4.9. The patch below follows them:
// teardown forgets the pending write and the last error; a write without a socket rejects the connection's
// queries with CONNECTION_CLOSED instead of throwing; a transaction remembers that its connection closed
// and refuses every later query (its own queue, rollback and commit included).
// test/integration/reliability-faults.pg.test.ts fails without this patch.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARKER = "/* kaohe: porsager/postgres#1208 #1215 #1216 */";

const CONNECTION: [string, string][] = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    if (!socket) ${MARKER} {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n",
    "      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null\n",
  ],
  [
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n",
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = errorResponse = null\n",
  ],
];

const INDEX: [string, string][] = [
  ["      , prepare = null\n", `      , prepare = null\n      , closedError = null ${MARKER}\n`],
  [
    "        new Promise((_, reject) => connection.onclose = reject)",
    "        new Promise((_, reject) => connection.onclose = e => {\n          closedError = e || Errors.connection('CONNECTION_CLOSED', options)\n          while (queries.length) queries.shift().reject(closedError)\n          reject(closedError)\n        })",
  ],
  [
    "      function handler(q) {\n        q.catch(e => uncaughtError || (uncaughtError = e))\n",
    "      function handler(q) {\n        if (closedError)\n          return q.reject(closedError)\n        q.catch(e => uncaughtError || (uncaughtError = e))\n",
  ],
];

const FILES: [string, [string, string][]][] = [
  ["src/connection.js", CONNECTION],
  ["cjs/src/connection.js", CONNECTION],
  ["cf/src/connection.js", CONNECTION],
  ["src/index.js", INDEX],
  ["cjs/src/index.js", INDEX],
  ["cf/src/index.js", INDEX],
];

/** The installed postgres package's folder (its exports map hides package.json, so walk up from the entry). */
function packageRoot(): string | undefined {
  try {
    let dir = dirname(createRequire(join(process.cwd(), "package.json")).resolve("postgres"));
    while (dir !== dirname(dir)) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "postgres") return dir;
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return undefined;
}

/** Applies the replacements to one file, all or none; returns what happened. */
function patchFile(path: string, replacements: [string, string][]): string {
  const source = readFileSync(path, "utf8");
  if (source.includes(MARKER)) return "already patched";
  let patched = source;
  for (const [from, to] of replacements) {
    if (!patched.includes(from))
      return "LEFT ALONE: the source differs from postgres.js 3.4.9 (fixed upstream?)";
    patched = patched.replace(from, to);
  }
  writeFileSync(path, patched);
  return "patched";
}

const root = packageRoot();
if (!root) {
  console.warn("[patch-postgres] postgres.js is not installed; nothing to patch");
} else {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  for (const [file, replacements] of FILES) {
    const path = join(root, file);
    if (existsSync(path))
      console.log(`[patch-postgres] postgres@${version} ${file}: ${patchFile(path, replacements)}`);
  }
}

// The fix kaohe applies to postgres.js 3.4.9 (why: scripts/vendor-postgres.ts, which builds the vendored
// tarball from these replacements; src/db/postgres-patch-check.ts checks the installed package for the marker).

export const POSTGRES_PATCH_MARKER = "/* kaohe: porsager/postgres#1208 #1215 #1216 */";

const CONNECTION: [string, string][] = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    if (!socket) ${POSTGRES_PATCH_MARKER} {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n",
    "      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null\n",
  ],
  [
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n",
    "    incomings = null\n    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = errorResponse = null\n",
  ],
  [
    // A connection cut while it fetches the array types (its first query after connecting) rejected this
    // promise with nobody listening: an unhandled rejection that stops the Node server. error() already
    // rejects the waiting queries with the connection's error, and the next connect fetches the types again.
    "        return fetchArrayTypes()\n",
    "        return fetchArrayTypes().catch(() => {})\n",
  ],
];

const INDEX: [string, string][] = [
  [
    "      , prepare = null\n",
    `      , prepare = null\n      , closedError = null ${POSTGRES_PATCH_MARKER}\n`,
  ],
  [
    "        new Promise((_, reject) => connection.onclose = reject)",
    "        new Promise((_, reject) => connection.onclose = e => {\n          closedError = e || Errors.connection('CONNECTION_CLOSED', options)\n          while (queries.length) queries.shift().reject(closedError)\n          reject(closedError)\n        })",
  ],
  [
    "      function handler(q) {\n        q.catch(e => uncaughtError || (uncaughtError = e))\n",
    "      function handler(q) {\n        if (closedError)\n          return q.reject(closedError)\n        q.catch(e => uncaughtError || (uncaughtError = e))\n",
  ],
];

export const PATCHED_FILES: [string, [string, string][]][] = [
  ["src/connection.js", CONNECTION],
  ["cjs/src/connection.js", CONNECTION],
  ["cf/src/connection.js", CONNECTION],
  ["src/index.js", INDEX],
  ["cjs/src/index.js", INDEX],
  ["cf/src/index.js", INDEX],
];

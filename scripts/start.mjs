// `npm start`: builds when dist/ is missing or older than its sources (scripts/build.ts), then runs the
// compiled server in this very process, so the signals npm forwards (SIGTERM, SIGINT) reach the server itself.
// `--build-only` stops after the build: the test suite's global setup uses it, so tests run the same dist/.
// Plain JavaScript on purpose: it must run before anything is compiled.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = join(root, "dist", "build-stamp");
const sources = [
  "src",
  "scripts",
  "drizzle",
  "web/src",
  "web/public",
  "web/index.html",
  "web/vite.config.ts",
];

/** The newest modification time of a file or of anything in a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

function staleReason() {
  if (!existsSync(stamp)) return "no build yet (dist/ is missing)";
  const builtAt = statSync(stamp).mtimeMs;
  const changed = sources.find((name) => newest(join(root, name)) > builtAt);
  return changed ? `${changed} changed since the last build` : undefined;
}

const reason = process.env.KAOHE_SKIP_BUILD ? undefined : staleReason();
if (reason) {
  console.log(`[kaohe] ${reason}: building …`);
  const built = spawnSync(
    process.execPath,
    ["--import", "tsx", join(root, "scripts/build.ts"), "--if-stale"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (built.status !== 0) {
    console.error("[kaohe] the build failed (see above); `npm ci` installs what it needs");
    process.exit(built.status ?? 1);
  }
}
// The server's "ready" line counts Node's start and module loading from here, not the build's minutes.
process.env.KAOHE_LOADING_FROM_MS = String(Math.round(performance.now()));
if (!process.argv.includes("--build-only"))
  await import(pathToFileURL(join(root, "dist", "server.mjs")).href);

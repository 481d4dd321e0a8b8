// `npm run release`: kaohe-<version>.tar.gz for a server without internet (docs/DEPLOY.md). One folder,
// `kaohe/`: the compiled server and tools (dist/), the front end (web/dist), the migrations (drizzle/), the
// demo snapshot, and the production node_modules, installed here from package-lock.json. Unpack it and run
// `node dist/server.mjs` inside it: nothing is downloaded or compiled on the target. The archive carries
// node_modules for the platform it was made on (PGlite is WebAssembly; tsx's esbuild binary is the only
// native part, and the server does not use it), so build it on Linux x64 for a Linux x64 server.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const version: string = manifest.version;
const STAGE = join(ROOT, "release");
const APP = join(STAGE, "kaohe");
const ARCHIVE = join(ROOT, `kaohe-${version}.tar.gz`);
const CONTENTS = [
  "dist",
  "web/dist",
  "drizzle",
  "vendor",
  "deploy",
  "docs/DEPLOY.md",
  "package.json",
  "package-lock.json",
  "README.md",
  "LICENSE",
  "CHANGELOG.md",
];

/** The commands of the unpacked archive: the compiled tools, no TypeScript, no build. */
const RELEASE_SCRIPTS = {
  start: "node dist/server.mjs",
  "create-admin": "node dist/create-admin.mjs",
  migrate: "node dist/migrate.mjs",
  seed: "node dist/seed.mjs",
  backup: "node dist/backup.mjs",
  restore: "node dist/restore.mjs",
};

const startedAt = performance.now();
const step = (what: string) =>
  console.log(`[release] ${what} (${Math.round(performance.now() - startedAt)} ms)`);
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });

if (!process.argv.includes("--no-build"))
  run(process.execPath, ["--import", "tsx", "scripts/build.ts"], ROOT);
step("built");
rmSync(STAGE, { recursive: true, force: true });
mkdirSync(APP, { recursive: true });
for (const item of CONTENTS) {
  if (!existsSync(join(ROOT, item))) throw new Error(`${item} is missing: run npm run build first`);
  cpSync(join(ROOT, item), join(APP, item), { recursive: true });
}
// Exactly the production dependencies of the lock file; no install scripts (none is needed: the postgres.js
// fix is in the vendored tarball).
run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], APP);
step("installed the production node_modules");
const { devDependencies: _dev, scripts: _scripts, ...kept } = manifest;
writeFileSync(
  join(APP, "package.json"),
  `${JSON.stringify({ ...kept, scripts: RELEASE_SCRIPTS }, null, 2)}\n`,
);
rmSync(join(APP, "package-lock.json"));
rmSync(ARCHIVE, { force: true });
execFileSync("tar", ["czf", ARCHIVE, "-C", STAGE, "kaohe"]);
rmSync(STAGE, { recursive: true, force: true });
step(`wrote ${ARCHIVE} (${(statSync(ARCHIVE).size / 1024 / 1024).toFixed(1)} MB)`);

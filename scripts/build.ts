// `npm run build`: the compiled server and command-line tools (esbuild, dist/*.mjs), the front end (Vite,
// web/dist) and the demo snapshot (dist/demo-snapshot.tar.gz). `npm start` runs it when the build is missing
// or older than its sources. `--if-stale` rebuilds the front end and the snapshot only when they are stale;
// the server bundle always (esbuild takes well under a second).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import {
  currentMigrationTags,
  DEMO_SNAPSHOT_FILE,
  DEMO_SNAPSHOT_INFO,
  type DemoSnapshotInfo,
  loadDemoSnapshot,
} from "../src/db/demo-snapshot";
import { openPglite } from "../src/db/pglite";
import { seedDemoCounty } from "../src/services/demo/seed-demo-county";
import { buildWeb, newestMtime, reportSizes, webBuildStaleReason } from "./build-web";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

/** Entry points: the server and the tools an operator runs next to it (`node dist/<name>.mjs`). */
const ENTRIES: Record<string, string> = {
  server: "src/entry-node.ts",
  "create-admin": "scripts/create-admin.ts",
  migrate: "scripts/migrate.ts",
  seed: "scripts/seed.ts",
  backup: "scripts/backup.ts",
  restore: "scripts/restore.ts",
  // The server's worker thread for workbook loading and 试算 (src/services/compute/compute-thread.ts).
  "compute-worker": "src/services/compute/compute-worker.ts",
};

async function buildServer(): Promise<void> {
  // Chunk names change with their content: drop the last build's, or dist/ (and the release) would keep them.
  for (const name of readdirSync(DIST)) if (/\.mjs(\.map)?$/.test(name)) rmSync(join(DIST, name));
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: DIST,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Packages stay in node_modules: PGlite finds its WebAssembly beside its own module, and the
    // postgres.js check at start-up reads the installed package.
    packages: "external",
    platform: "node",
    format: "esm",
    // Dynamic imports become chunks loaded on first use (dist/chunk-*.mjs, beside the entries so that
    // import.meta.url-relative paths still hold): the server loads PGlite or postgres.js, not both, and
    // docx with the first document (issue 21). Without splitting esbuild hoists every package import of a
    // lazily imported module to the top of the bundle.
    splitting: true,
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

/** Migrates and seeds a throw-away PGlite database and dumps it; skipped when the snapshot is current. */
async function buildDemoSnapshot(force: boolean): Promise<boolean> {
  const seedSources = ["src/services/demo", "src/db/seed"].map((dir) => join(ROOT, dir));
  const snapshot = join(DIST, DEMO_SNAPSHOT_FILE);
  const current =
    loadDemoSnapshot(DIST) !== undefined &&
    statSync(snapshot).mtimeMs >= Math.max(...seedSources.map(newestMtime));
  if (current && !force) return false;
  const handle = await openPglite("memory://");
  try {
    await handle.migrate(join(ROOT, "drizzle"));
    await seedDemoCounty(handle.db);
    if (!handle.dump) throw new Error("PGlite cannot dump its data folder");
    const tarball = new Uint8Array(await (await handle.dump()).arrayBuffer());
    writeFileSync(snapshot, gzipSync(tarball));
    const info: DemoSnapshotInfo = { migrations: currentMigrationTags() };
    writeFileSync(join(DIST, DEMO_SNAPSHOT_INFO), `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

const ifStale = process.argv.includes("--if-stale");
const startedAt = performance.now();
const elapsed = () => `${Math.round(performance.now() - startedAt)} ms`;
if (!ifStale) rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

await buildServer();
console.log(`[build] server and tools → dist/*.mjs (${elapsed()})`);

const webReason = webBuildStaleReason();
if (!ifStale || webReason) {
  const vite = await import("vite").catch(() => undefined);
  if (!vite && existsSync(join(ROOT, "web/dist/index.html"))) {
    console.warn(`[build] ${webReason}, but Vite is not installed: keeping the existing web/dist`);
  } else if (!vite) {
    throw new Error("Vite is not installed (dev dependencies omitted?): cannot build the front end");
  } else {
    await buildWeb();
    console.log(`[build] front end → web/dist (${elapsed()})`);
    if (reportSizes().length > 0) process.exitCode = 1;
  }
}

if (await buildDemoSnapshot(!ifStale))
  console.log(`[build] demo snapshot → dist/${DEMO_SNAPSHOT_FILE} (${elapsed()})`);
// npm start compares this stamp with the sources (scripts/start.mjs).
writeFileSync(join(DIST, "build-stamp"), `${new Date().toISOString()}\n`);

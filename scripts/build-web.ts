import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const WEB_ROOT = fileURLToPath(new URL("../web", import.meta.url));
const DIST = join(WEB_ROOT, "dist");

/** First-load budgets (gzipped JS) for the pages that matter most on a slow township connection. */
const BUDGETS_KB: Record<string, number> = {
  "src/pages/sign-in.tsx": 150,
  "src/pages/reports/dashboard.tsx": 250,
};

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const BUILT = join(DIST, "index.html");
const SOURCES = ["src", "public", "index.html", "vite.config.ts"].map((name) => join(WEB_ROOT, name));

export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

/** Why web/dist needs building (missing, or older than a source file), or undefined when it is current. */
export function webBuildStaleReason(): string | undefined {
  if (!existsSync(BUILT)) return "web/dist is missing";
  const builtAt = statSync(BUILT).mtimeMs;
  return SOURCES.some((path) => newestMtime(path) > builtAt)
    ? "web/src changed since the last build"
    : undefined;
}

/** Builds web/ with Vite into web/dist. */
export async function buildWeb(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(WEB_ROOT, "vite.config.ts"), logLevel: "warn" });
}

function gzippedBytes(file: string): number {
  return gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
}

/** The chunk keys a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints gzipped sizes per chunk and each page's first-load JS; returns the pages over budget. */
export function reportSizes(): string[] {
  const manifest: Manifest = JSON.parse(readFileSync(join(DIST, ".vite/manifest.json"), "utf8"));
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error("no entry in the Vite manifest");
  const entry = staticClosure(manifest, entryKey);

  console.log("[build:web] chunks (gzipped):");
  const rows = Object.values(manifest)
    .map((chunk) => ({ file: chunk.file, gz: gzippedBytes(chunk.file) }))
    .sort((a, b) => b.gz - a.gz);
  for (const row of rows) console.log(`  ${kb(row.gz).padStart(9)}  ${row.file}`);

  console.log("[build:web] first-load JS per page (entry + page, gzipped):");
  const over: string[] = [];
  const pages = Object.keys(manifest).filter(
    (key) => manifest[key]?.isDynamicEntry && key.includes("pages/"),
  );
  for (const page of pages.sort()) {
    const keys = new Set([...entry, ...staticClosure(manifest, page)]);
    const total = [...keys].reduce((sum, key) => sum + gzippedBytes(manifest[key]?.file ?? ""), 0);
    const budget = BUDGETS_KB[page];
    const mark = budget === undefined ? "" : total / 1024 <= budget ? `  (budget ${budget} KB: ok)` : "";
    if (budget !== undefined && total / 1024 > budget) over.push(`${page}: ${kb(total)} > ${budget} KB`);
    console.log(`  ${kb(total).padStart(9)}  ${page.replace("src/pages/", "")}${mark}`);
  }
  for (const line of over) console.error(`[build:web] over budget: ${line}`);
  return over;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = performance.now();
  console.log("[build:web] building the front end with Vite …");
  await buildWeb();
  console.log(`[build:web] built web/dist in ${Math.round(performance.now() - startedAt)} ms`);
  if (reportSizes().length > 0) process.exit(1);
}

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { securityHeaders } from "../src/http/security-middleware";

// On Workers, the built front end is served by Workers Static Assets without running the Worker, so the app's
// security headers (CSP, frame and sniffing rules) would be missing from index.html and its scripts, unlike on
// Node where the same middleware wraps the static files. This writes them into web/dist/_headers, taken from
// that middleware itself so the two runtimes cannot drift apart, and keeps build metadata out of the upload.

const DIST = fileURLToPath(new URL("../web/dist", import.meta.url));
// Headers that describe one response's body, not a policy.
const PER_RESPONSE = new Set(["content-type", "content-length"]);

/** The header lines that the app's security middleware puts on every response. */
export async function securityHeaderLines(): Promise<string[]> {
  const probe = new Hono().use(securityHeaders()).get("*", (c) => c.body(null, 204));
  const res = await probe.request("https://kaohe.invalid/");
  return [...res.headers]
    .filter(([name]) => !PER_RESPONSE.has(name))
    .map(([name, value]) => `${name}: ${value}`);
}

/** Writes `_headers` (every asset gets the security headers) and `.assetsignore` into a built web folder. */
export async function prepareWorkerAssets(dist = DIST): Promise<void> {
  const lines = await securityHeaderLines();
  writeFileSync(join(dist, "_headers"), `/*\n${lines.map((line) => `  ${line}`).join("\n")}\n`);
  // Vite's manifest is for scripts/build-web.ts's size report, not for browsers.
  writeFileSync(join(dist, ".assetsignore"), ".vite\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await prepareWorkerAssets();
  console.log("[kaohe] web/dist/_headers and .assetsignore written for Workers Static Assets");
}

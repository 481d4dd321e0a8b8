import { spawn } from "node:child_process";
import { join } from "node:path";

// The tests that run the server or a command-line tool in a child process run the compiled files `npm run
// build` makes (dist/<name>.mjs), as an operator does: starting one is a plain `node` start, where `tsx`
// compiled the whole source tree again in every child. The global setups build dist/ once when it is stale.

const ROOT = new URL("../../", import.meta.url).pathname;

/** The compiled entry of the server or of a tool (scripts/build.ts lists them). */
export function compiled(
  name: "server" | "create-admin" | "migrate" | "seed" | "backup" | "restore",
): string {
  return join(ROOT, "dist", `${name}.mjs`);
}

/** Builds dist/ when it is missing or older than its sources, by `npm start`'s own rule (scripts/start.mjs). */
export async function buildIfStale(): Promise<void> {
  const child = spawn(process.execPath, ["scripts/start.mjs", "--build-only"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`the build failed (exit ${code}): see the output above`);
}

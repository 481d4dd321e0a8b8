import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_PASSWORD, type GeneratedCounty } from "./generate-province";
import { medianLoad, signIn } from "./http-bench";
import { type LoadResult, loadGet } from "./http-load";
import { freePort, type RunningServer, residentMb, sampleMemory, startServer } from "./server-process";

// Benchmark 5: the resident memory of the server the county runs, the compiled dist/server.mjs with the
// product's configuration (production, access log, the front end served), not the bench server under tsx:
// idle (started, one sign-in) and the peak under the dashboard load of benchmark 2. BENCH_NODE_FLAGS passes
// Node flags to it (e.g. `--max-semi-space-size=4`), to measure their effect on memory and speed.

export interface MemoryResult {
  idleRssMb: number;
  peakRssMb: number;
  /** The compiled server's dashboard under the same load as benchmark 2 (for the flags' cost in speed). */
  dashboard: LoadResult;
  nodeFlags: string[];
}

/** `npm run build` when dist/ is older than the sources (the Vite and snapshot steps only when stale). */
export function buildIfStale(): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--if-stale"], { stdio: "inherit" });
}

/** The process whose memory counts: `pid` itself, or the node process `npm start` runs under it. */
export function serverPid(pid: number): number {
  const children = (() => {
    try {
      return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
    } catch {
      return "";
    }
  })()
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
  return children.length === 1 && children[0] !== undefined ? serverPid(children[0]) : pid;
}

/** Starts `node dist/server.mjs` on PostgreSQL as a county would run it. */
export async function startCompiledServer(databaseUrl: string, nodeFlags: string[]): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "kaohe-bench-compiled-"));
  const server = await startServer(
    process.execPath,
    [...nodeFlags, "dist/server.mjs"],
    { DATABASE_URL: databaseUrl, NODE_ENV: "production", KAOHE_DATA_DIR: dataDir },
    { port: await freePort() },
  );
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Idle RSS after one sign-in, then the peak during `rounds` dashboard loads of `seconds` each. */
export async function benchMemory(
  server: RunningServer,
  county: GeneratedCounty,
  options: { seconds: number; rounds: number; connections: number; nodeFlags: string[] },
): Promise<MemoryResult> {
  const token = await signIn(server.baseUrl, `${county.code.toLowerCase()}-assessor`, BENCH_PASSWORD);
  const pid = serverPid(server.child.pid ?? -1);
  // Let the sign-in's garbage settle, as a server between requests would.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idleRssMb = residentMb(pid);
  const memory = sampleMemory(pid);
  const path = `/api/v1/reports/periods/${county.periodId}/dashboard`;
  const load = { connections: options.connections, seconds: options.seconds, token };
  await loadGet(server.baseUrl, path, { ...load, seconds: 3 });
  const rounds: LoadResult[] = [];
  for (let round = 0; round < options.rounds; round++) rounds.push(await loadGet(server.baseUrl, path, load));
  return { idleRssMb, peakRssMb: memory.stop(), dashboard: medianLoad(rounds), nodeFlags: options.nodeFlags };
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "../../src/services/demo/seed-demo-county";
import { medianLoad, signIn } from "./http-bench";
import { type LoadResult, loadGet } from "./http-load";
import { buildIfStale, serverPid } from "./memory-bench";
import { freePort, type RunningServer, residentMb, sampleMemory, startServer } from "./server-process";
import { median } from "./stats";

// Benchmark 4: the embedded default. `npm start` on an empty data folder (the demo snapshot, migrated and seeded
// at build time)
// and on an existing one, timed from spawn to the first successful health response; then the county
// dashboard's requests/s on PGlite.

export interface PgliteResult {
  coldStartMs: number;
  warmStartMs: number;
  coldStarts: number[];
  warmStarts: number[];
  dashboard: LoadResult;
  /** `GET /api/v1/auth/me` under the same load: the same session lookup, nothing else. */
  me: LoadResult;
  /** Resident memory of the node process `npm start` runs: idle (signed in) and the peak under the load. */
  idleRssMb: number;
  peakRssMb: number;
}

// The real command on the compiled server, with the staleness check skipped: the benchmark builds once first
// (other engineers edit sources while benchmarks run, and a rebuild would time esbuild and Vite, not the server).
function npmStart(dataDir: string): Promise<RunningServer> {
  return freePort().then((port) =>
    startServer(
      "npm",
      ["start", "--silent"],
      { KAOHE_DATA_DIR: dataDir, KAOHE_SKIP_BUILD: "1", NODE_ENV: "development" },
      { port, timeoutMs: 120_000 },
    ),
  );
}

/** Cold and warm starts (`rounds` each, a fresh folder per cold start), then dashboard load on the last. */
export async function benchPglite(options: {
  rounds: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<PgliteResult> {
  buildIfStale();
  const coldStarts: number[] = [];
  const warmStarts: number[] = [];
  const folders: string[] = [];
  let server: RunningServer | undefined;
  try {
    for (let round = 0; round < options.rounds; round++) {
      const dataDir = await mkdtemp(join(tmpdir(), "kaohe-bench-pglite-"));
      folders.push(dataDir);
      const cold = await npmStart(dataDir);
      coldStarts.push(cold.readyMs);
      await cold.stop();
      server = await npmStart(dataDir);
      warmStarts.push(server.readyMs);
      options.log(
        `  npm start round ${round + 1}: cold ${cold.readyMs.toFixed(0)} ms, warm ${server.readyMs.toFixed(0)} ms`,
      );
      if (round < options.rounds - 1) {
        await server.stop();
        server = undefined;
      }
    }
    if (!server) throw new Error("no server left running");
    const { dashboard, me, idleRssMb, peakRssMb } = await loadDashboard(server, options);
    return {
      coldStartMs: median(coldStarts),
      warmStartMs: median(warmStarts),
      coldStarts,
      warmStarts,
      dashboard,
      me,
      idleRssMb,
      peakRssMb,
    };
  } finally {
    await server?.stop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
}

async function loadDashboard(
  server: RunningServer,
  options: { rounds: number; seconds: number; connections: number; log: (line: string) => void },
): Promise<{ dashboard: LoadResult; me: LoadResult; idleRssMb: number; peakRssMb: number }> {
  const token = await signIn(server.baseUrl, "assessor", DEMO_PASSWORD);
  const pid = serverPid(server.child.pid ?? -1);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idleRssMb = residentMb(pid);
  const memory = sampleMemory(pid);
  const res = await fetch(`${server.baseUrl}/api/v1/periods`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body: unknown = await res.json();
  const items =
    body && typeof body === "object" && "items" in body && Array.isArray(body.items) ? body.items : [];
  const published = items.find((p: unknown) => p && typeof p === "object" && "year" in p && p.year === 2025);
  const periodId = published && typeof published === "object" && "id" in published ? published.id : undefined;
  if (typeof periodId !== "number") throw new Error("the demo county's 2025 period was not found");
  const path = `/api/v1/reports/periods/${periodId}/dashboard`;
  // One PGlite connection serves every request in turn: latencies grow with the queue, hence the long timeout.
  const load = { connections: options.connections, seconds: options.seconds, token, timeoutSeconds: 60 };
  await loadGet(server.baseUrl, path, { ...load, seconds: 3 });
  await loadGet(server.baseUrl, "/api/v1/auth/me", { ...load, seconds: 2 });
  const rounds: LoadResult[] = [];
  const me: LoadResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    me.push(await loadGet(server.baseUrl, "/api/v1/auth/me", load));
    rounds.push(await loadGet(server.baseUrl, path, load));
    options.log(
      `  PGlite dashboard round ${round + 1}: ${rounds.at(-1)?.rps.toFixed(0)} req/s (p99 ${rounds.at(-1)?.p99} ms), auth/me ${me.at(-1)?.rps.toFixed(0)} req/s (p99 ${me.at(-1)?.p99} ms)`,
    );
  }
  return { dashboard: medianLoad(rounds), me: medianLoad(me), idleRssMb, peakRssMb: memory.stop() };
}

import { writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { prepareBenchDatabase } from "./bench-db";
import {
  benchDashboard,
  benchSelfReports,
  type DashboardResult,
  type SelfReportResult,
  startBenchServer,
} from "./http-bench";
import { benchMemory, buildIfStale, type MemoryResult, startCompiledServer } from "./memory-bench";
import { benchPglite, type PgliteResult } from "./pglite-bench";
import { benchRecompute, type RecomputeResult } from "./recompute-bench";
import { type Figure, printTable } from "./table";

// `npm run bench`: every benchmark, then one table (figure, value, target, ratio). Never part of `npm test`.
// Environment: BENCH_DATABASE_URL (a PostgreSQL server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_COUNTIES (80), BENCH_SECONDS per load round (10), BENCH_ROUNDS (3), BENCH_FRESH=1 to regenerate the
// province template, BENCH_ONLY=1,2,3,4 to run some benchmarks (5 comes with 2), BENCH_DB_NAME for the
// database the template is cloned into (kaohe_bench), BENCH_NODE_FLAGS for the compiled server of 5.

const env = process.env;
const config = {
  serverUrl: env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  counties: Number(env.BENCH_COUNTIES ?? 80),
  seconds: Number(env.BENCH_SECONDS ?? 10),
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  fresh: env.BENCH_FRESH === "1",
  only: new Set((env.BENCH_ONLY ?? "1,2,3,4").split(",").map((s) => s.trim())),
  connections: 50,
  nodeFlags: (env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
};
const log = (line: string) => console.log(line);

log(
  `kaohe benchmarks: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GB`,
);
const database = await prepareBenchDatabase(
  config.serverUrl,
  env.BENCH_DB_NAME ?? "kaohe_bench",
  config.counties,
  {
    fresh: config.fresh,
    log,
  },
);
const { province } = database;
log(
  `province: ${province.counties.length} counties, ${province.rows.people} people, ${province.rows.sheets} sheets, ${province.rows.sheetItems} sheet items, ${province.rows.progressEntries} progress entries`,
);
const periodIds = province.counties.map((county) => county.periodId);
const county = province.counties[Math.floor(province.counties.length / 2)];
if (!county) throw new Error("no county generated");

let recompute: RecomputeResult[] = [];
let dashboard: DashboardResult | undefined;
let selfReport: SelfReportResult | undefined;
let pglite: PgliteResult | undefined;
let memory: MemoryResult | undefined;

// Benchmark 1 also leaves every period computed, which the dashboard benchmark reads.
if (config.only.has("1") || config.only.has("2")) {
  log("1 · recompute the province period (every county), against its bulk-write floor");
  const parallel = config.only.has("1") ? [1, 2, 4] : [2];
  recompute = await benchRecompute(database.url, periodIds, {
    parallel,
    rounds: config.only.has("1") ? config.rounds : 1,
    log,
  });
}
if (config.only.has("2") || config.only.has("3")) {
  const server = await startBenchServer(database.url);
  const options = { seconds: config.seconds, rounds: config.rounds, connections: config.connections, log };
  try {
    if (config.only.has("2")) {
      log(
        `2 · county dashboard (${county.code}) vs bare endpoint, ${config.connections} connections; 5 · peak RSS`,
      );
      dashboard = await benchDashboard(server, county, options);
    }
    if (config.only.has("3")) {
      log(`3 · ${config.connections} staff saving a self-reported item of their own sheets`);
      selfReport = await benchSelfReports(server, database.url, county, options);
    }
  } finally {
    await server.stop();
  }
}
if (config.only.has("2")) {
  log(`5 · the compiled server's memory (node ${[...config.nodeFlags, "dist/server.mjs"].join(" ")})`);
  buildIfStale();
  const server = await startCompiledServer(database.url, config.nodeFlags);
  try {
    memory = await benchMemory(server, county, { ...config, nodeFlags: config.nodeFlags });
    log(
      `  compiled server: idle ${memory.idleRssMb.toFixed(0)} MB, peak ${memory.peakRssMb.toFixed(0)} MB, dashboard ${memory.dashboard.rps.toFixed(0)} req/s (p99 ${memory.dashboard.p99} ms)`,
    );
  } finally {
    await server.stop();
  }
}
if (config.only.has("4")) {
  log("4 · embedded PGlite: npm start cold and warm, dashboard");
  pglite = await benchPglite({ rounds: config.rounds, seconds: config.seconds, connections: 20, log });
}

const figures: Figure[] = [];
const best = [...recompute].sort((a, b) => a.recompute - b.recompute)[0];
for (const r of recompute) {
  const tag = r === best ? " (fastest)" : "";
  figures.push(
    {
      name: `1 recompute province, ${r.parallel} at a time${tag}`,
      value: r.recompute,
      unit: "s",
      target: { max: 10 },
    },
    { name: `1 … its floor (bulk write), ${r.parallel} at a time`, value: r.floor, unit: "s" },
    {
      name: `1 … recompute ÷ floor, ${r.parallel} at a time`,
      value: r.recompute / r.floor,
      unit: "×",
      target: { max: 3 },
    },
    { name: `1 … recompute with nothing changed, ${r.parallel} at a time`, value: r.unchanged, unit: "s" },
  );
}
if (dashboard) {
  const d = dashboard;
  figures.push(
    { name: "2 dashboard requests/s (PostgreSQL, 50 conn.)", value: d.dashboard.rps, unit: "req/s" },
    { name: "2 … bare endpoint requests/s (one select 1)", value: d.bare.rps, unit: "req/s" },
    { name: "2 … GET /auth/me requests/s (the same session lookup)", value: d.me.rps, unit: "req/s" },
    {
      name: "2 … dashboard ÷ auth/me",
      value: d.dashboard.rps / d.me.rps,
      unit: "",
      target: { min: 0.5 },
    },
    { name: "2 … dashboard ÷ bare", value: d.dashboard.rps / d.bare.rps, unit: "" },
    { name: "2 … dashboard p99", value: d.dashboard.p99, unit: "ms", target: { max: 50 } },
    { name: "5 bench server (tsx) RSS idle, for comparison", value: d.idleRssMb, unit: "MB" },
    { name: "5 bench server (tsx) peak RSS during 2", value: d.peakRssMb, unit: "MB" },
  );
}
if (memory) {
  figures.push(
    {
      name: "5 server RSS idle (dist/server.mjs, signed in)",
      value: memory.idleRssMb,
      unit: "MB",
      target: { max: 100 },
    },
    {
      name: "5 server peak RSS, dashboard load as in 2",
      value: memory.peakRssMb,
      unit: "MB",
      target: { max: 160 },
    },
    { name: "5 … its dashboard requests/s", value: memory.dashboard.rps, unit: "req/s" },
    { name: "5 … its dashboard p99", value: memory.dashboard.p99, unit: "ms" },
  );
}
if (selfReport) {
  figures.push(
    { name: "3 self-report save p50, 50 staff back to back", value: selfReport.p50, unit: "ms" },
    {
      name: "3 self-report save p99, 50 staff back to back",
      value: selfReport.p99,
      unit: "ms",
      target: { max: 50 },
    },
    { name: "3 … saves/s", value: selfReport.rps, unit: "req/s" },
    { name: "3 save p50, 50 staff saving once a second each", value: selfReport.paced.p50, unit: "ms" },
    {
      name: "3 save p99, 50 staff saving once a second each",
      value: selfReport.paced.p99,
      unit: "ms",
      target: { max: 50 },
    },
  );
}
if (pglite) {
  figures.push(
    {
      name: "4 npm start, empty data folder (demo snapshot)",
      value: pglite.coldStartMs / 1000,
      unit: "s",
      target: { max: 2 },
    },
    {
      name: "4 npm start, existing data folder",
      value: pglite.warmStartMs / 1000,
      unit: "s",
      target: { max: 1 },
    },
    { name: "4 PGlite dashboard requests/s (20 conn.)", value: pglite.dashboard.rps, unit: "req/s" },
    { name: "4 … PGlite GET /auth/me requests/s (20 conn.)", value: pglite.me.rps, unit: "req/s" },
    {
      name: "4 … PGlite dashboard ÷ auth/me",
      value: pglite.dashboard.rps / pglite.me.rps,
      unit: "",
      target: { min: 0.5 },
    },
    { name: "4 … PGlite dashboard p99", value: pglite.dashboard.p99, unit: "ms", target: { max: 50 } },
    { name: "4 PGlite server RSS idle (npm start, signed in)", value: pglite.idleRssMb, unit: "MB" },
    { name: "4 PGlite server peak RSS, its dashboard load", value: pglite.peakRssMb, unit: "MB" },
  );
}
printTable(figures, log);
const out = join(tmpdir(), `kaohe-bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
await writeFile(
  out,
  JSON.stringify(
    { config, province: province.rows, recompute, dashboard, memory, selfReport, pglite, figures },
    null,
    2,
  ),
);
log(`raw results: ${out}`);

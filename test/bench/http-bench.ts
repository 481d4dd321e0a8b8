import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { BENCH_PASSWORD, type GeneratedCounty } from "./generate-province";
import { type LoadResult, loadGet, loadSelfReports, type StaffSession } from "./http-load";
import { freePort, type RunningServer, residentMb, sampleMemory, startServer } from "./server-process";
import { median } from "./stats";

// Benchmarks 2, 3 and 5 on PostgreSQL: the county dashboard against a bare endpoint under 50 connections,
// 50 staff saving their self-reports at once, and the server's peak resident memory during benchmark 2.

export interface HttpOptions {
  seconds: number;
  rounds: number;
  connections: number;
  log: (line: string) => void;
}

export interface DashboardResult {
  dashboard: LoadResult;
  bare: LoadResult;
  /** `GET /api/v1/auth/me`: the same session lookup as the dashboard, and nothing else. */
  me: LoadResult;
  /** Resident memory of the idle server (started, one sign-in, no load yet), MB. */
  idleRssMb: number;
  /** Peak resident memory of the server process during the dashboard benchmark, MB. */
  peakRssMb: number;
  /** Every round, for the spread. */
  dashboardRps: number[];
  bareRps: number[];
  meRps: number[];
}

export interface SelfReportResult extends LoadResult {
  rounds: LoadResult[];
  /** The same staff each saving once a second (people pause between saves; the closed loop does not). */
  paced: LoadResult;
}

/** Signs a user in once and returns the session token (scrypt makes sign-in deliberately slow). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const body: unknown = await res.json();
  const token = body && typeof body === "object" && "token" in body ? body.token : undefined;
  if (!res.ok || typeof token !== "string") throw new Error(`sign-in of ${username}: ${res.status}`);
  return token;
}

/** The median of each figure over the rounds. */
export function medianLoad(rounds: readonly LoadResult[]): LoadResult {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
  };
}

/** Starts the bench server (the product's app plus /bench/bare) on the database. */
export async function startBenchServer(databaseUrl: string): Promise<RunningServer> {
  return startServer(
    process.execPath,
    [
      // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      "--import",
      "tsx",
      fileURLToPath(new URL("./bench-server.ts", import.meta.url)),
    ],
    { DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    { port: await freePort() },
  );
}

/** Benchmark 2 (and 5): bare endpoint and dashboard alternately, `rounds` times each, memory sampled. */
export async function benchDashboard(
  server: RunningServer,
  county: GeneratedCounty,
  options: HttpOptions,
): Promise<DashboardResult> {
  const token = await signIn(server.baseUrl, `${county.code.toLowerCase()}-assessor`, BENCH_PASSWORD);
  const path = `/api/v1/reports/periods/${county.periodId}/dashboard`;
  const check = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!check.ok) throw new Error(`dashboard answered ${check.status}: ${await check.text()}`);
  const pid = server.child.pid ?? -1;
  const idleRssMb = residentMb(pid);
  const memory = sampleMemory(pid);
  const load = { connections: options.connections, seconds: options.seconds };
  // Warm-up: JIT, connection pool, PostgreSQL's caches.
  await loadGet(server.baseUrl, "/bench/bare", { ...load, seconds: 2 });
  await loadGet(server.baseUrl, path, { ...load, seconds: 3, token });
  await loadGet(server.baseUrl, "/api/v1/auth/me", { ...load, seconds: 2, token });
  const bare: LoadResult[] = [];
  const dashboard: LoadResult[] = [];
  const me: LoadResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    bare.push(await loadGet(server.baseUrl, "/bench/bare", load));
    me.push(await loadGet(server.baseUrl, "/api/v1/auth/me", { ...load, token }));
    dashboard.push(await loadGet(server.baseUrl, path, { ...load, token }));
    options.log(
      `  dashboard round ${round + 1}: ${dashboard.at(-1)?.rps.toFixed(0)} req/s (p99 ${dashboard.at(-1)?.p99} ms), auth/me ${me.at(-1)?.rps.toFixed(0)} req/s (p99 ${me.at(-1)?.p99} ms), bare ${bare.at(-1)?.rps.toFixed(0)} req/s`,
    );
  }
  return {
    dashboard: medianLoad(dashboard),
    bare: medianLoad(bare),
    me: medianLoad(me),
    idleRssMb,
    peakRssMb: memory.stop(),
    dashboardRps: dashboard.map((r) => r.rps),
    bareRps: bare.map((r) => r.rps),
    meRps: me.map((r) => r.rps),
  };
}

/** Benchmark 3: `connections` staff of a county each saving an item of their own sheet, back to back. */
export async function benchSelfReports(
  server: RunningServer,
  databaseUrl: string,
  county: GeneratedCounty,
  options: HttpOptions,
): Promise<SelfReportResult> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const rows = await sql<{ sheetId: number; version: number; employeeNo: string }[]>`
    select s.id as "sheetId", s.version, p.employee_no as "employeeNo"
    from sheets s join people p on p.id = s.person_id
    where s.period_id = ${county.periodId} order by s.id limit ${options.connections}`;
  await sql.end();
  const staff: StaffSession[] = [];
  // Two sign-ins at a time: each costs the server one scrypt.
  for (let i = 0; i < rows.length; i += 2) {
    const pair = rows.slice(i, i + 2);
    const tokens = await Promise.all(
      pair.map((row) => signIn(server.baseUrl, row.employeeNo, BENCH_PASSWORD)),
    );
    for (const [k, row] of pair.entries())
      staff.push({ token: tokens[k] ?? "", sheetId: row.sheetId, version: row.version });
  }
  const save = { code: "A1", values: [96.5, 97.5] as const };
  await loadSelfReports(server.baseUrl, staff, { ...save, seconds: 2 });
  const rounds: LoadResult[] = [];
  const paced: LoadResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Saves still in flight when a round stopped went through unseen: start from the stored versions.
    await refreshVersions(databaseUrl, staff);
    rounds.push(await loadSelfReports(server.baseUrl, staff, { ...save, seconds: options.seconds }));
    await refreshVersions(databaseUrl, staff);
    paced.push(
      await loadSelfReports(server.baseUrl, staff, { ...save, seconds: options.seconds, savesPerSecond: 1 }),
    );
    const [last, calm] = [rounds.at(-1), paced.at(-1)];
    options.log(
      `  self-report round ${round + 1}: back to back p50 ${last?.p50} ms, p99 ${last?.p99} ms, ${last?.rps.toFixed(0)} saves/s, ${last?.failures} failed; once a second each p50 ${calm?.p50} ms, p99 ${calm?.p99} ms`,
    );
  }
  return { ...medianLoad(rounds), rounds, paced: medianLoad(paced) };
}

// Waits until the saves of the last round have all landed (the versions stop moving), then takes them.
async function refreshVersions(databaseUrl: string, staff: StaffSession[]): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const read = async () => {
    const rows = await sql<{ id: number; version: number }[]>`
      select id, version from sheets where id in ${sql(staff.map((member) => member.sheetId))}`;
    return new Map(rows.map((row) => [row.id, row.version]));
  };
  try {
    let versions = await read();
    for (let wait = 0; wait < 40; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const again = await read();
      const settled = [...again].every(([id, version]) => versions.get(id) === version);
      versions = again;
      if (settled) break;
    }
    for (const member of staff) member.version = versions.get(member.sheetId) ?? member.version;
  } finally {
    await sql.end();
  }
}

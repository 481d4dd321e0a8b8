// `npm run soak`: a bounded soak test on loopback. A real server process (src/entry-node.ts) on a fresh demo
// county — PostgreSQL when DATABASE_URL is set, else embedded PGlite — takes mixed reads and writes from every
// role for SOAK_SECONDS (default 300) over SOAK_CONNECTIONS (default 100) connections. Pass criteria: zero 5xx
// and zero transport errors, every acknowledged write counted back in the database after a graceful stop, and
// the server's memory flat after warm-up (RSS sampled every SOAK_SAMPLE_MS). SOAK_REPORT=<file> keeps the
// figures as JSON. Exit code 1 when any criterion fails.
import { readFileSync, writeFileSync } from "node:fs";
import autocannon, { type Result } from "autocannon";
import { startServer } from "../../support/reliability-processes";
import { queryRows } from "../../support/reliability-snapshot";
import { countRows, prepareDatabase } from "./database";
import {
  inFlight,
  progressScenario,
  readScenario,
  selfReportScenario,
  signInScenario,
  type Tally,
  targetScenario,
} from "./scenarios";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 100);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_MS ?? 5_000);
/** Seconds a client waits for an answer; a request that takes longer counts as a timeout. */
const TIMEOUT_S = Number(process.env.SOAK_TIMEOUT_S ?? 120);
/** Timeouts tolerated, as a share of all requests (a slow answer is not a failed one, but it is reported). */
const MAX_TIMEOUT_RATE = Number(process.env.SOAK_MAX_TIMEOUT_RATE ?? 0.01);
const PASSWORD = "kaohe-demo";

const log = (text: string) => console.log(`[soak] ${text}`);
const share = (fraction: number) => Math.max(1, Math.round(CONNECTIONS * fraction));

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

const database = await prepareDatabase(process.env.DATABASE_URL);
log(`database: ${database.kind}; ${SECONDS} s, ${CONNECTIONS} connections`);

// Work items and baselines, read before the server starts (PGlite allows one process per folder).
const setup = await database.open();
async function periodOf(year: number): Promise<number> {
  const [row] = await queryRows<{ id: number }>(setup.db, `select id from periods where year = ${year}`);
  if (!row) throw new Error(`the demo county has no ${year} period`);
  return Number(row.id);
}
const open2026 = await periodOf(2026);
const published2025 = await periodOf(2025);
const drafts = await queryRows<{ id: number; personId: number; employeeNo: string; version: number }>(
  setup.db,
  `select s.id, s.person_id as "personId", p.employee_no as "employeeNo", s.version from sheets s
   join people p on p.id = s.person_id join users u on u.person_id = p.id
   where s.period_id = ${open2026} and s.status = 'draft' order by s.id`,
);
const selfConnections = share(0.2);
const progressConnections = share(0.15);
const selfSheets = drafts.slice(0, selfConnections);
const progressStaff = drafts.slice(selfSheets.length, selfSheets.length + progressConnections);
if (progressStaff.length < progressConnections) throw new Error("not enough draft sheets for the soak");
const targetPeople = drafts.slice(-60).map((d) => Number(d.personId));
const [someTownship] = await queryRows<{ id: number }>(
  setup.db,
  "select id from townships order by id limit 1",
);
const before = await countRows(
  setup,
  selfSheets.map((s) => Number(s.id)),
  progressStaff.map((s) => Number(s.personId)),
);
await setup.close();

const server = await startServer({ ...database.env, NODE_ENV: "production", KAOHE_SEED_DEMO: "never" });
const pid = server.child.pid ?? 0;
log(`server ${server.url} (pid ${pid}), RSS ${rssMb(pid).toFixed(0)} MB at start`);

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
const token = signIn;
const [admin, viewer, assessor, township, reader] = [
  await token("admin"),
  await token("viewer"),
  await token("assessor"),
  await token("xz01"),
  await token("GY0101"),
];
const selfItems = [];
for (const s of selfSheets)
  selfItems.push({ sheetId: Number(s.id), token: await token(s.employeeNo), version: Number(s.version) });
const progressItems = [];
for (const s of progressStaff)
  progressItems.push({ personId: Number(s.personId), token: await token(s.employeeNo), periodId: open2026 });
const setupSessions = selfItems.length + progressItems.length + 5;

const readers = Math.max(5, CONNECTIONS - selfConnections - progressConnections - share(0.05) - share(0.02));
// Reports 30 %, assessor, township and staff 20 % each, admin the rest.
const readerConnections = [0.3, 0.2, 0.2, 0.2].map((f) => Math.max(1, Math.floor(readers * f)));
readerConnections.push(Math.max(1, readers - readerConnections.reduce((a, b) => a + b, 0)));
const readersOf = (i: number) => readerConnections[i] ?? 1;
const scenarios = [
  selfReportScenario(selfItems, selfConnections),
  progressScenario(progressItems, progressConnections),
  targetScenario(admin, open2026, targetPeople, share(0.05)),
  signInScenario("viewer", PASSWORD, share(0.02)),
  readScenario(
    "viewer: reports",
    viewer,
    [
      `/api/v1/reports/periods/${published2025}/dashboard`,
      `/api/v1/reports/periods/${published2025}/townships`,
      `/api/v1/reports/periods/${published2025}/people?limit=50`,
      `/api/v1/reports/periods/${published2025}/townships/${someTownship?.id}`,
    ],
    readersOf(0),
  ),
  readScenario(
    "assessor: queue and audit",
    assessor,
    [`/api/v1/periods/${open2026}/sheets`, `/api/v1/sheets/${selfSheets[0]?.id}`, "/api/v1/audit?limit=50"],
    readersOf(1),
  ),
  readScenario(
    "township: review queue and targets",
    township,
    [`/api/v1/periods/${open2026}/sheets`, `/api/v1/periods/${open2026}/targets`],
    readersOf(2),
  ),
  readScenario(
    "staff: own sheet and progress",
    reader,
    ["/api/v1/me/sheets", `/api/v1/periods/${open2026}/progress`, "/api/v1/auth/me"],
    readersOf(3),
  ),
  readScenario(
    "admin: people, users, periods",
    admin,
    ["/api/v1/people?limit=100", "/api/v1/users?limit=100", "/api/v1/periods"],
    readersOf(4),
  ),
];

const samples: { at: number; rss: number }[] = [];
const started = Date.now();
const sampler = setInterval(() => {
  try {
    samples.push({ at: (Date.now() - started) / 1000, rss: rssMb(pid) });
  } catch {
    // the server is gone; the stop below reports it
  }
}, SAMPLE_MS);
log(`running ${scenarios.map((s) => `${s.name} ×${s.connections}`).join(", ")}`);
const results: Result[] = await Promise.all(
  scenarios.map(({ tally: _t, name: _n, ...options }) =>
    autocannon({ ...options, url: server.url, duration: SECONDS, timeout: TIMEOUT_S }),
  ),
);
clearInterval(sampler);
const aliveAtEnd = server.child.exitCode === null;
const exitCode = await server.stop("SIGTERM");
const output = server.output();

// Count back, in the database itself, after a graceful stop.
const check = await database.open();
const after = await countRows(
  check,
  selfSheets.map((s) => Number(s.id)),
  progressStaff.map((s) => Number(s.personId)),
);
await check.close();
if (!process.env.SOAK_KEEP) await database.drop();

const [self, progress, targets, signIns] = scenarios.map((s) => s.tally) as [Tally, Tally, Tally, Tally];
// A write still in flight when the clock ran out may or may not have committed; any other difference is a
// lost (acknowledged but missing) or an invented (stored but never sent) write.
const versionGap = (item: { sheetId: number }) =>
  (after.versions.get(item.sheetId) ?? 0) -
  (before.versions.get(item.sheetId) ?? 0) -
  (self.acked.get(item.sheetId) ?? 0);
const logins = signIns.acked.get(1) ?? 0;
const logouts = signIns.acked.get(2) ?? 0;
const within = (stored: number, acknowledged: number, pending: number) =>
  stored >= acknowledged && stored <= acknowledged + pending;
const countBack = {
  selfReports: {
    acknowledged: self.ackedTotal,
    inFlightAtStop: inFlight(self),
    audited: after.selfReportAudits - before.selfReportAudits,
    sheetsWithLostSaves: selfItems.filter((item) => versionGap(item) < 0).length,
    unansweredSavesStored: selfItems.reduce((n, item) => n + Math.max(0, versionGap(item)), 0),
  },
  progress: {
    acknowledgedRows: progress.written,
    inFlightAtStop: inFlight(progress),
    stored: after.progress - before.progress,
  },
  targets: {
    acknowledged: targets.ackedTotal,
    inFlightAtStop: inFlight(targets),
    audited: after.targetAudits - before.targetAudits,
  },
  sessions: {
    expected: setupSessions + logins - logouts,
    signInsInFlight: inFlight(signIns, 1),
    signOutsInFlight: inFlight(signIns, 2),
    stored: after.sessions - before.sessions,
  },
};
const sessionsOk =
  countBack.sessions.stored >= countBack.sessions.expected - countBack.sessions.signOutsInFlight &&
  countBack.sessions.stored <= countBack.sessions.expected + countBack.sessions.signInsInFlight;

const statuses = new Map<number, number>();
for (const result of results)
  for (const [code, { count }] of Object.entries(result.statusCodeStats))
    statuses.set(Number(code), (statuses.get(Number(code)) ?? 0) + count);
const total = [...statuses.values()].reduce((a, b) => a + b, 0);
const fivexx = [...statuses].filter(([code]) => code >= 500).reduce((n, [, c]) => n + c, 0);
// autocannon counts a timeout as an error too.
const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
const errors = results.reduce((n, r) => n + r.errors, 0) - timeouts;
const warm = samples.filter((s) => s.at >= Math.min(60, SECONDS * 0.2));
const quarter = Math.max(1, Math.floor(warm.length / 4));
const mean = (xs: { rss: number }[]) => xs.reduce((a, s) => a + s.rss, 0) / Math.max(1, xs.length);
const memory = {
  startMb: samples[0]?.rss ?? 0,
  peakMb: Math.max(...samples.map((s) => s.rss)),
  firstQuarterAfterWarmupMb: mean(warm.slice(0, quarter)),
  lastQuarterMb: mean(warm.slice(-quarter)),
};
const memoryFlat = memory.lastQuarterMb <= memory.firstQuarterAfterWarmupMb * 1.2 + 32;
const latency = results.map((r, i) => ({
  scenario: scenarios[i]?.name,
  requests: r.requests.total,
  errors: r.errors,
  timeouts: r.timeouts,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
}));

const report = {
  database: database.kind,
  seconds: SECONDS,
  connections: CONNECTIONS,
  requests: total,
  requestsPerSecond: Math.round(total / SECONDS),
  statuses: Object.fromEntries(statuses),
  fivexx,
  transportErrors: errors,
  timeouts,
  countBack,
  memory,
  latency,
  serverAliveAtEnd: aliveAtEnd,
  serverExitCode: exitCode,
};
console.log(JSON.stringify(report, null, 2));
if (process.env.SOAK_REPORT) writeFileSync(process.env.SOAK_REPORT, `${JSON.stringify(report, null, 2)}\n`);

const failures = [
  fivexx > 0 && `${fivexx} responses with 5xx`,
  errors > 0 && `${errors} transport errors`,
  timeouts > total * MAX_TIMEOUT_RATE && `${timeouts} requests took longer than ${TIMEOUT_S} s`,
  countBack.selfReports.sheetsWithLostSaves > 0 && "self-reports: a sheet lost acknowledged saves",
  countBack.selfReports.unansweredSavesStored > inFlight(self) && "self-reports: more saves than were sent",
  !within(countBack.selfReports.audited, self.ackedTotal, inFlight(self)) &&
    "self-reports: audit ≠ acknowledged",
  !within(countBack.progress.stored, progress.written, inFlight(progress)) &&
    "progress: stored ≠ acknowledged",
  !within(countBack.targets.audited, targets.ackedTotal, inFlight(targets)) &&
    "targets: audit ≠ acknowledged",
  !sessionsOk && "sessions: stored ≠ expected",
  !memoryFlat && "memory grew after warm-up",
  (!aliveAtEnd || exitCode !== 0) && `server did not stop cleanly (exit ${exitCode})`,
].filter(Boolean);
if (failures.length > 0) {
  console.error(`[soak] FAILED: ${failures.join("; ")}`);
  if (fivexx > 0 || exitCode !== 0) console.error(output.slice(-4_000));
  process.exit(1);
}
log(`passed: ${total} requests, 0 5xx, every acknowledged write counted back, memory flat`);

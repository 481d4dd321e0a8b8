import ExcelJS from "exceljs";
import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "../../src/db/client";
import { createAdminAccount } from "../../src/services/accounts/first-admin-service";
import { assessingPeriod, ok, openPeriod, selfReport, sheetVersion } from "../support/reliability-period";
import { startPrivateCluster, startServer, waitFor } from "../support/reliability-processes";
import { diffStates, queryRows, snapshotTables } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Faults on a real PostgreSQL server (this file runs only when DATABASE_URL is set; see vitest.config.ts):
// the app's connection is terminated in the middle of multi-row writes, a lock wait runs into lock_timeout,
// and the server is restarted under a running Node server. Each fault rolls back completely, answers 503 with
// Retry-After, and the next request succeeds without restarting anything.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let admin: Sql;
const now = new Date("2027-12-20T10:00:00+08:00");

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  const config = inject("testDb");
  if (config.kind !== "postgres") throw new Error("reliability-faults.pg.test.ts needs DATABASE_URL");
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  const [row] = await queryRows<{ name: string }>(handle.db, "select current_database() as name");
  const url = new URL(config.url);
  url.pathname = `/${row?.name}`;
  // A separate connection, as an operator would have: it takes locks and terminates the app's backends.
  admin = postgres(url.toString(), {
    max: 2,
    onnotice: () => {},
    connection: { application_name: "kaohe-admin" },
  });
}, 120_000);
afterAll(async () => {
  await admin?.end();
  await handle?.close();
});

/** The pid of an app backend (application_name kaohe) of this database that waits for a lock. */
async function blockedAppBackend(): Promise<number> {
  return waitFor(
    async () => {
      const rows = await admin<{ pid: number }[]>`
        select pid from pg_stat_activity
        where datname = current_database() and application_name = 'kaohe' and wait_event_type = 'Lock'`;
      return rows[0]?.pid;
    },
    15_000,
    "an app backend blocked on a lock",
  );
}

/**
 * Runs a request and terminates its backend while it is inside its transaction: the audit row is the last
 * thing every write inserts, so with audit_log locked the request has done all its other writes and waits.
 */
async function terminateMidWrite(request: () => Promise<Response>): Promise<Response> {
  const lock = await admin.reserve();
  try {
    await lock`begin`;
    await lock`lock table audit_log in share mode`;
    const pending = request();
    const pid = await blockedAppBackend();
    const [killed] = await admin<{ ok: boolean }[]>`select pg_terminate_backend(${pid}) as ok`;
    expect(killed?.ok).toBe(true);
    await lock`rollback`;
    return await pending;
  } finally {
    lock.release();
  }
}

async function expectRetryable(res: Response, code = "DATABASE_UNAVAILABLE") {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(503);
  expect(body.error.code).toBe(code);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
}

const WRITTEN_TABLES = [
  "sheets",
  "sheet_items",
  "township_results",
  "audit_log",
  "targets",
  "progress_entries",
  "periods",
];

describe("the app's connection is terminated in the middle of a write", () => {
  it("submit: rolled back, 503 with Retry-After, and the retry succeeds", async () => {
    const { members } = await openPeriod(api, 2028, ["xz06"]);
    const [member] = members;
    if (!member) throw new Error("no member");
    await selfReport(api, [member], true);
    const version = await sheetVersion(api, member.sheetId);
    const before = await snapshotTables(handle.db, WRITTEN_TABLES);
    const submit = () =>
      api.call(member.employeeNo, "POST", `/api/v1/sheets/${member.sheetId}/submit`, { version });
    await expectRetryable(await terminateMidWrite(submit));
    expect(diffStates(before, await snapshotTables(handle.db, WRITTEN_TABLES))).toEqual([]);
    const retried = await ok(await submit());
    expect(retried.sheet.status).toBe("submitted");
  }, 180_000);

  it("scoring (the whole period recomputed): rolled back, 503, and the retry succeeds", async () => {
    const { periodId, members } = await assessingPeriod(api, handle, 2029, ["xz07", "xz08"]);
    const target = members[2];
    if (!target) throw new Error("no member");
    const version = await sheetVersion(api, target.sheetId);
    const before = await snapshotTables(handle.db, WRITTEN_TABLES);
    const score = () =>
      api.call("assessor", "PATCH", `/api/v1/sheets/${target.sheetId}/score`, {
        version,
        items: [
          { code: "D3", value: "良" },
          { code: "B1", value: 150, reason: "核查台账" },
        ],
      });
    await expectRetryable(await terminateMidWrite(score));
    expect(diffStates(before, await snapshotTables(handle.db, WRITTEN_TABLES))).toEqual([]);
    const retried = await ok(await score());
    expect(retried.sheet.version).toBe(version + 1);
    const [results] = await queryRows<{ n: number }>(
      handle.db,
      `select count(*)::int as n from township_results where period_id = ${periodId}`,
    );
    expect(Number(results?.n)).toBe(2);
  }, 180_000);

  // The Excel import (src/services/excel) writes many target rows in one transaction.
  it("an Excel import of targets: rolled back, 503, and the retry succeeds", async () => {
    const { periodId } = await openPeriod(api, 2030, ["xz09"]);
    const exported = await api.call("admin", "GET", `/api/v1/excel/exports/periods/${periodId}/targets`);
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("empty export");
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const valueColumn = header.indexOf("目标值");
    expect(valueColumn).toBeGreaterThan(0);
    let changed = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(valueColumn);
      cell.value = Number(cell.value) + 1;
      changed++;
    });
    expect(changed).toBeGreaterThan(10);
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    const importFile = async () => {
      const form = new FormData();
      form.append("file", new File([file], "目标.xlsx"));
      form.append("reason", "年中调整");
      return api.app.request(`/api/v1/excel/imports/targets?periodId=${periodId}`, {
        method: "POST",
        headers: { cookie: await api.cookieFor("admin") },
        body: form,
      });
    };
    const before = await snapshotTables(handle.db, WRITTEN_TABLES);
    await expectRetryable(await terminateMidWrite(importFile));
    expect(diffStates(before, await snapshotTables(handle.db, WRITTEN_TABLES))).toEqual([]);
    const retried = await ok(await importFile());
    expect(retried.result.updated).toBe(changed);
  }, 180_000);
});

// Keyed writes (src/http/idempotency.ts): the client retries with the same Idempotency-Key until it gets an
// answer. Whatever the fault — before the commit, at the commit, after it — every change lands exactly once,
// every answer is the real one or a retryable 503, and nothing is half-written.
const RETRYABLE_CODES = ["DATABASE_UNAVAILABLE", "DATABASE_BUSY", "COMMIT_UNKNOWN"];

interface KeyedOutcome {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
  body: any;
  attempts: { status: number; code?: string; replayed: boolean }[];
}

/** Sends one keyed write and retries it with the same key, as the web client does, until it is not a 503. */
async function untilAnswered(send: (key: string) => Promise<Response>): Promise<KeyedOutcome> {
  const key = `fault-${crypto.randomUUID()}`;
  const attempts: KeyedOutcome["attempts"] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const res = await send(key);
    const body = await json(res);
    attempts.push({
      status: res.status,
      code: body?.error?.code,
      replayed: res.headers.get("idempotent-replayed") === "true",
    });
    if (res.status !== 503) return { status: res.status, body, attempts };
    expect(RETRYABLE_CODES, JSON.stringify(body)).toContain(body.error.code);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer after 40 attempts: ${JSON.stringify(attempts)}`);
}

/** Audit rows per entity id for one action. */
async function auditsOf(action: string, entityIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ entity_id: string; n: number }>(
    handle.db,
    `select entity_id, count(*)::int as n from audit_log
     where action = '${action}' and entity_id in (${entityIds.map((id) => `'${id}'`).join(", ")})
     group by entity_id`,
  );
  return new Map(rows.map((r) => [r.entity_id, Number(r.n)]));
}

describe("keyed writes retried while the app's connections are terminated", () => {
  it("a keyed submit cut mid-write: nothing written (its key neither), the retry applies it once and replays", async () => {
    const { members } = await openPeriod(api, 2031, ["xz10"]);
    const [member] = members;
    if (!member) throw new Error("no member");
    await selfReport(api, [member], true);
    const version = await sheetVersion(api, member.sheetId);
    const tables = [...WRITTEN_TABLES, "idempotency_keys"];
    const before = await snapshotTables(handle.db, tables);
    const key = `fault-${crypto.randomUUID()}`;
    const submit = () =>
      api.call(
        member.employeeNo,
        "POST",
        `/api/v1/sheets/${member.sheetId}/submit`,
        { version },
        { "Idempotency-Key": key },
      );
    await expectRetryable(await terminateMidWrite(submit));
    expect(diffStates(before, await snapshotTables(handle.db, tables))).toEqual([]);
    const first = await submit();
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const answer = await ok(first);
    expect(answer.sheet.status).toBe("submitted");
    const replayed = await submit();
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await ok(replayed)).toEqual(answer);
    expect(await sheetVersion(api, member.sheetId)).toBe(version + 1);
  }, 180_000);

  it("a keyed self-report cut at its COMMIT: COMMIT_UNKNOWN, and the retry with the key applies it once", async () => {
    const { members } = await openPeriod(api, 2034, ["xz14"]);
    const [member] = members;
    if (!member) throw new Error("no member");
    const version = await sheetVersion(api, member.sheetId);
    // A deferred trigger on the stored answer runs during COMMIT and waits for an advisory lock the operator
    // holds: the backend is terminated while COMMIT is on its way.
    await admin.unsafe(`
      create function test_commit_gate() returns trigger language plpgsql as
        $$ begin perform pg_advisory_xact_lock(4242); return null; end $$;
      create constraint trigger test_commit_gate after update on idempotency_keys
        deferrable initially deferred for each row execute function test_commit_gate();`);
    const key = `fault-${crypto.randomUUID()}`;
    const items = Object.entries(member.values).map(([code, value]) => ({ code, value }));
    const save = () =>
      api.call(
        member.employeeNo,
        "PATCH",
        `/api/v1/sheets/${member.sheetId}/self`,
        { version, items },
        { "Idempotency-Key": key },
      );
    const gate = await admin.reserve();
    try {
      await gate`select pg_advisory_lock(4242)`;
      const pending = save();
      const pid = await blockedAppBackend();
      await admin`select pg_terminate_backend(${pid})`;
      await expectRetryable(await pending, "COMMIT_UNKNOWN");
    } finally {
      await gate`select pg_advisory_unlock(4242)`;
      gate.release();
      await admin.unsafe(
        "drop trigger test_commit_gate on idempotency_keys; drop function test_commit_gate();",
      );
    }
    // Cut before the commit record: not saved, so the retry saves it — once.
    const retried = await save();
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect((await ok(retried)).sheet.version).toBe(version + 1);
    expect((await save()).headers.get("idempotent-replayed")).toBe("true");
    expect(await sheetVersion(api, member.sheetId)).toBe(version + 1);
    const audits = await auditsOf("sheet.self_report", [String(member.sheetId)]);
    expect(audits.get(String(member.sheetId))).toBe(1);
  }, 120_000);

  it("scorings and self-reports under repeated pg_terminate_backend: each applied once, no 500", async () => {
    const scoring = await assessingPeriod(api, handle, 2032, ["xz11", "xz12"]);
    const reporting = await openPeriod(api, 2033, ["xz13"]);
    const scoreVersions = new Map<number, number>();
    for (const m of scoring.members) scoreVersions.set(m.sheetId, await sheetVersion(api, m.sheetId));
    const selfVersions = new Map<number, number>();
    for (const m of reporting.members) selfVersions.set(m.sheetId, await sheetVersion(api, m.sheetId));

    const operations = [
      ...scoring.members.map((m, i) => async () => {
        const outcome = await untilAnswered((key) =>
          api.call(
            "assessor",
            "PATCH",
            `/api/v1/sheets/${m.sheetId}/score`,
            { version: scoreVersions.get(m.sheetId), items: [{ code: "D3", value: i % 2 ? "良" : "优" }] },
            { "Idempotency-Key": key },
          ),
        );
        return { sheetId: m.sheetId, kind: "score" as const, outcome };
      }),
      ...reporting.members.map((m) => async () => {
        const items = Object.entries(m.values).map(([code, value]) => ({ code, value }));
        const outcome = await untilAnswered((key) =>
          api.call(
            m.employeeNo,
            "PATCH",
            `/api/v1/sheets/${m.sheetId}/self`,
            { version: selfVersions.get(m.sheetId), items },
            { "Idempotency-Key": key },
          ),
        );
        return { sheetId: m.sheetId, kind: "self" as const, outcome };
      }),
    ];

    // Everyone signs in before the storm: a sign-in cut by it answers 503 like any other request, and this test is
    // about the keyed writes, not about signing in.
    await api.cookieFor("assessor");
    for (const m of reporting.members) await api.cookieFor(m.employeeNo);

    // The operator's side: terminate every app backend of this database, at intervals, a bounded number of times.
    let kills = 0;
    let killing = true;
    const killer = (async () => {
      for (let round = 0; killing && round < 25; round++) {
        await new Promise((resolve) => setTimeout(resolve, 60 + ((round * 37) % 140)));
        const rows = await admin<{ ok: boolean }[]>`
          select pg_terminate_backend(pid) as ok from pg_stat_activity
          where datname = current_database() and application_name = 'kaohe' and pid <> pg_backend_pid()`;
        kills += rows.filter((r) => r.ok).length;
      }
    })();
    const results: Awaited<ReturnType<(typeof operations)[number]>>[] = [];
    const queue = [...operations];
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) results.push(await next());
      }),
    );
    killing = false;
    await killer;
    // The storm's last kills may have left dead connections in the app's pool; their first use answers 503
    // (retryable, as the writes above show). Use each once before the checks read through the app.
    await Promise.all(Array.from({ length: 12 }, () => api.call("admin", "GET", "/api/v1/periods")));

    const attempts = results.flatMap((r) => r.outcome.attempts);
    console.log(
      `[keyed faults] ${results.length} writes, ${attempts.length} attempts, ${kills} backends terminated; ` +
        `503: ${attempts.filter((a) => a.status === 503).length} ` +
        `(COMMIT_UNKNOWN ${attempts.filter((a) => a.code === "COMMIT_UNKNOWN").length}), ` +
        `replayed: ${attempts.filter((a) => a.replayed).length}`,
    );
    expect(kills).toBeGreaterThan(0);
    // Every attempt was the real answer or a retryable 503; every write ended with its real answer.
    expect(attempts.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    for (const { sheetId, kind, outcome } of results) {
      expect(outcome.status, JSON.stringify(outcome)).toBe(200);
      const before = (kind === "score" ? scoreVersions : selfVersions).get(sheetId) ?? -1;
      expect(outcome.body.sheet.version).toBe(before + 1);
      expect(await sheetVersion(api, sheetId)).toBe(before + 1);
    }
    // Applied exactly once: one audit row per sheet and action, one stored answer per key.
    // A score audits each changed item (entity `sheet:code`); D3 is the one item each score changes.
    const scored = await auditsOf(
      "sheet.score",
      [...scoreVersions.keys()].map((id) => `${id}:D3`),
    );
    expect([...scoreVersions.keys()].map((id) => scored.get(`${id}:D3`) ?? 0)).toEqual(
      [...scoreVersions.keys()].map(() => 1),
    );
    const reported = await auditsOf(
      "sheet.self_report",
      [...selfVersions.keys()].map((id) => String(id)),
    );
    expect([...selfVersions.keys()].map((id) => reported.get(String(id)) ?? 0)).toEqual(
      [...selfVersions.keys()].map(() => 1),
    );
    // Nothing half-written: the scored period's results agree with its sheets (recomputed in the same transaction).
    const [results2] = await queryRows<{ n: number }>(
      handle.db,
      `select count(*)::int as n from township_results where period_id = ${scoring.periodId}`,
    );
    expect(Number(results2?.n)).toBe(2);
  }, 240_000);
});

describe("timeouts", () => {
  it("every connection of the app carries statement, lock and idle-in-transaction timeouts", async () => {
    const [settings] = await queryRows<Record<string, string>>(
      handle.db,
      "select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock, current_setting('idle_in_transaction_session_timeout') as idle",
    );
    expect(settings).toEqual({ statement: "15s", lock: "5s", idle: "1min" });
  });

  it("a request stuck behind a lock gives up after lock_timeout with 503 DATABASE_BUSY, not a hang", async () => {
    const periods = (await ok(await api.call("admin", "GET", "/api/v1/periods"))).items;
    const period = periods.find((p: { year: number }) => p.year === 2029);
    const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${period.id}/sheets`))).items;
    const sheet = sheets[0];
    const version = await sheetVersion(api, sheet.id);
    // Connections the earlier storms terminated may still sit in the app's pool, and the first use of one answers
    // DATABASE_UNAVAILABLE: use every pooled connection once before measuring the lock wait.
    await Promise.all(Array.from({ length: 12 }, () => api.call("admin", "GET", "/api/v1/periods")));
    const lock = await admin.reserve();
    try {
      await lock`begin`;
      await lock`select id from periods where id = ${period.id} for update`;
      const started = Date.now();
      const res = await api.call("assessor", "PATCH", `/api/v1/sheets/${sheet.id}/score`, {
        version,
        items: [{ code: "D3", value: "优" }],
      });
      const waited = Date.now() - started;
      await expectRetryable(res, "DATABASE_BUSY");
      expect(waited).toBeGreaterThanOrEqual(4_500);
      expect(waited).toBeLessThan(14_000);
    } finally {
      await lock`rollback`;
      lock.release();
    }
    expect(await sheetVersion(api, sheet.id)).toBe(version);
  }, 60_000);
});

describe("the driver when a transaction's connection dies (postgres.js, patched: vendor/postgres-3.4.9-kaohe.tgz)", () => {
  it("a transaction that goes on after its backend was terminated cannot write on the reconnected connection", async () => {
    const [row] = await queryRows<{ name: string }>(handle.db, "select current_database() as name");
    const config = inject("testDb");
    const url = new URL(config.kind === "postgres" ? config.url : "");
    url.pathname = `/${row?.name}`;
    // One connection only, so the pool must reconnect the very connection object the transaction held.
    const client = postgres(url.toString(), {
      max: 1,
      onnotice: () => {},
      connection: { application_name: "kaohe-driver-probe" },
    });
    try {
      await client`create table driver_probe (label text)`;
      let resume: () => void = () => {};
      const paused = new Promise<void>((resolve) => {
        resume = resolve;
      });
      const transaction = client
        .begin(async (tx) => {
          await tx`insert into driver_probe values ('first')`;
          await paused; // other work, while the backend is terminated and the connection reused
          await tx`insert into driver_probe values ('second')`;
        })
        .then(
          () => "committed",
          (error: { code?: string }) => `refused ${error.code}`,
        );
      const pid = await waitFor(
        async () =>
          (
            await admin<{ pid: number }[]>`
              select pid from pg_stat_activity where application_name = 'kaohe-driver-probe' and state = 'idle in transaction'`
          )[0]?.pid,
        15_000,
        "the probe transaction",
      );
      await admin`select pg_terminate_backend(${pid})`;
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
      resume();
      expect(await transaction).toMatch(/^refused /);
      expect(await client`select label from driver_probe`).toEqual([]);
    } finally {
      await client`drop table if exists driver_probe`.catch(() => {});
      await client.end({ timeout: 5 });
    }
  }, 60_000);
});

// Last in this file: a PostgreSQL restart. It restarts a private cluster (initdb in a temporary folder), not the
// shared server, so that the other suites running at the same time keep their connections.
describe("PostgreSQL restarts under a running server", () => {
  it("requests during the restart get 503, then the server reconnects by itself and nothing is lost", async () => {
    const cluster = await startPrivateCluster();
    const setup = await createDb({ databaseUrl: cluster.url, maxConnections: 2 });
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      await setup.migrate();
      const password = "Restart-test-2026!";
      await createAdminAccount(setup.db, {
        countyCode: "431021",
        countyName: "桂阳县",
        username: "ops",
        displayName: "运维",
        password,
      });
      await setup.close();
      server = await startServer({ DATABASE_URL: cluster.url });
      const base = server.url;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "ops", password }),
      });
      const { token } = await json(login);
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const createViewer = (name: string) =>
        call("POST", "/api/v1/users", { username: name, displayName: name, role: "viewer", password });
      const acknowledged: string[] = [];
      for (const name of ["before_1", "before_2"]) {
        expect((await createViewer(name)).status).toBe(201);
        acknowledged.push(name);
      }

      // A steady stream of reads and writes while the server restarts.
      const statuses: number[] = [];
      let streaming = true;
      const stream = (async () => {
        for (let i = 0; streaming; i++) {
          const res = await (i % 2 ? call("GET", "/api/v1/auth/me") : createViewer(`during_${i}`));
          statuses.push(res.status);
          if (res.status === 201) acknowledged.push(`during_${i}`);
          else if (res.status === 503) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
          await res.body?.cancel();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await cluster.restart();
      await waitFor(
        async () => ((await call("GET", "/api/v1/auth/me")).status === 200 ? true : undefined),
        30_000,
        "the server to answer again",
      );
      streaming = false;
      await stream;
      // Requests that reached a dead connection or a stopped server were answered 503, never 500.
      expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
      console.log(
        `[restart] ${statuses.length} requests during the restart: ${statuses.filter((s) => s === 503).length} × 503`,
      );

      // Same process, reconnected: a write is acknowledged and every acknowledged write is there.
      expect((await createViewer("after_1")).status).toBe(201);
      acknowledged.push("after_1");
      const listed = await json(await call("GET", "/api/v1/users?role=viewer&limit=500"));
      const names = new Set(listed.items.map((u: { username: string }) => u.username));
      expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
      expect(server.child.exitCode).toBeNull();
      expect(await server.stop("SIGTERM")).toBe(0);
    } finally {
      await server?.stop("SIGKILL");
      await setup.close().catch(() => {});
      await cluster.stop();
    }
  }, 240_000);
});

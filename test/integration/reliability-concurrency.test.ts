import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import {
  assessingPeriod,
  ok,
  openPeriod,
  type PeriodMember,
  selfReport,
  sheetVersion,
} from "../support/reliability-period";
import { diffStates, queryRows, snapshotTables } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Races through the real app, on PGlite and on PostgreSQL: parallel scoring of one period, two writers on
// one sheet, submissions racing the deadline, a publication racing a score, duplicate creations. Every race
// ends in a consistent state that is counted back; no request fails with a 5xx or hangs.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const fixedNow = new Date("2027-12-20T10:00:00+08:00");
let clock: () => Date = () => fixedNow;
const ASSESSORS = ["assessor", "assessor_2", "assessor_3", "assessor_4"];
const RATINGS = ["优", "良", "中", "差"];

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => clock() });
  for (const name of ASSESSORS.slice(1)) {
    await ok(
      await api.call("admin", "POST", "/api/v1/users", {
        username: name,
        displayName: `考核组 ${name}`,
        role: "assessor",
        password: "Kaohe-assessor-2027!",
      }),
      201,
    );
    await api.cookieFor(name, "Kaohe-assessor-2027!");
  }
});
afterAll(() => handle?.close());

/** Audit rows of one action on a set of sheets. */
async function auditCount(action: string, sheetIds: readonly number[]) {
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    `select count(*)::int as n from audit_log where action = '${action}' and split_part(entity_id, ':', 1)::int in (${sheetIds.join(",")})`,
  );
  return Number(row?.n ?? 0);
}

/** Proves the stored results are the engine's over the stored values: recomputing again changes nothing. */
async function expectResultsCurrent(periodId: number) {
  // township_results are replaced on every recomputation: compare them without their id and timestamp.
  const tables = ["sheets", "sheet_items", "township_results"];
  const stable = ["id", "computed_at"];
  const before = await snapshotTables(handle.db, tables, stable);
  await handle.db.transaction((tx) => recomputePeriod(tx, periodId));
  expect(diffStates(before, await snapshotTables(handle.db, tables, stable))).toEqual([]);
}

describe("scoring one period in parallel", () => {
  let period: { periodId: number; members: PeriodMember[] };

  beforeAll(async () => {
    period = await assessingPeriod(api, handle, 2027, ["xz02", "xz03", "xz04"]);
  }, 120_000);

  it("many assessors scoring different sheets at once: every score lands, results match the last state", async () => {
    const versions = new Map<number, number>();
    for (const m of period.members) versions.set(m.sheetId, await sheetVersion(api, m.sheetId));
    const written = period.members.map((m, i) => ({
      member: m,
      rating: RATINGS[i % 4] ?? "良",
      b1: (m.values.B1 ?? 200) - (i % 3),
    }));
    const responses = await Promise.all(
      written.map(({ member, rating, b1 }, i) =>
        api.call(
          ASSESSORS[i % ASSESSORS.length] ?? "assessor",
          "PATCH",
          `/api/v1/sheets/${member.sheetId}/score`,
          {
            version: versions.get(member.sheetId),
            items: [
              { code: "D3", value: rating },
              { code: "B1", value: b1, reason: "核查台账 checked the register" },
            ],
          },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses, JSON.stringify(await Promise.all(responses.map((r) => r.clone().text())))).toEqual(
      written.map(() => 200),
    );
    // Count back: each sheet moved on by exactly one version and holds exactly what was sent.
    for (const { member, rating, b1 } of written) {
      const view = await ok(await api.call("assessor", "GET", `/api/v1/sheets/${member.sheetId}`));
      expect(view.sheet.version).toBe((versions.get(member.sheetId) ?? 0) + 1);
      const item = (code: string) => view.items.find((i: { code: string }) => i.code === code);
      expect(item("D3").verifiedValue).toBe(rating);
      expect(item("B1").verifiedValue).toBe(b1);
    }
    const sheetIds = period.members.map((m) => m.sheetId);
    expect(await auditCount("sheet.score", sheetIds)).toBe(written.length * 2);
    await expectResultsCurrent(period.periodId);
  }, 120_000);

  it("two assessors scoring the same sheet from the same version: one wins, the other is told to reload", async () => {
    const target = period.members[0] as PeriodMember;
    const version = await sheetVersion(api, target.sheetId);
    const auditBefore = await auditCount("sheet.score", [target.sheetId]);
    const contenders = ASSESSORS.map((assessor, i) =>
      api.call(assessor, "PATCH", `/api/v1/sheets/${target.sheetId}/score`, {
        version,
        items: [{ code: "D3", value: RATINGS[i] }],
      }),
    );
    const responses = await Promise.all(contenders);
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const res of responses.filter((r) => r.status !== 200)) {
      expect(res.status).toBe(409);
      expect((await json(res)).error.code).toBe("STALE_VERSION");
    }
    const view = await ok(await api.call("assessor", "GET", `/api/v1/sheets/${target.sheetId}`));
    expect(view.sheet.version).toBe(version + 1);
    expect(view.items.find((i: { code: string }) => i.code === "D3").verifiedValue).toBe(
      RATINGS[winners[0] ?? 0],
    );
    expect(await auditCount("sheet.score", [target.sheetId])).toBe(auditBefore + 1);
    await expectResultsCurrent(period.periodId);
  }, 60_000);

  it("a publication racing a score: either the score lands before publication or it is refused", async () => {
    // Every sheet scored and marked, then the admin publishes while an assessor changes one last rating.
    for (const m of period.members) {
      const version = await sheetVersion(api, m.sheetId);
      await ok(await api.call("assessor", "POST", `/api/v1/sheets/${m.sheetId}/mark-scored`, { version }));
    }
    const target = period.members[1] as PeriodMember;
    const version = await sheetVersion(api, target.sheetId);
    const [publish, score] = await Promise.all([
      api.call("admin", "POST", `/api/v1/periods/${period.periodId}/publish`),
      api.call("assessor_2", "PATCH", `/api/v1/sheets/${target.sheetId}/score`, {
        version,
        items: [{ code: "D3", value: "差" }],
      }),
    ]);
    expect(publish.status).toBe(200);
    const view = await ok(await api.call("assessor", "GET", `/api/v1/sheets/${target.sheetId}`));
    const d3 = view.items.find((i: { code: string }) => i.code === "D3").verifiedValue;
    const [publishAudit] = await queryRows<{ id: number }>(
      handle.db,
      `select id from audit_log where action = 'period.publish' and entity_id = '${period.periodId}'`,
    );
    const [scoreAudit] = await queryRows<{ id: number }>(
      handle.db,
      `select max(id) as id from audit_log where action = 'sheet.score' and entity_id = '${target.sheetId}:D3'`,
    );
    if (score.status === 200) {
      expect(d3).toBe("差");
      expect(Number(scoreAudit?.id)).toBeLessThan(Number(publishAudit?.id));
    } else {
      expect(score.status).toBe(409);
      expect(["PERIOD_NOT_ASSESSING", "SHEET_PUBLISHED"]).toContain((await json(score)).error.code);
      expect(d3).not.toBe("差");
    }
    expect(view.sheet.status).toBe("published");
    await expectResultsCurrent(period.periodId);
  }, 120_000);
});

describe("racing the self-report deadline", () => {
  it("submissions racing the deadline: exactly those that arrived before it are submitted", async () => {
    const { periodId, members } = await openPeriod(api, 2028, ["xz05"]);
    await selfReport(api, members, true);
    const versions = await Promise.all(members.map((m) => sheetVersion(api, m.sheetId)));
    // The deadline 2029-01-10 ends at 23:59:59.999 China time; the clock crosses it during the race.
    const before = new Date("2029-01-10T23:59:59.999+08:00");
    const after = new Date("2029-01-11T00:00:00.000+08:00");
    const handedOut: Date[] = [];
    const crossAt = Math.floor(members.length / 2);
    clock = () => {
      const t = handedOut.length < crossAt ? before : after;
      handedOut.push(t);
      return t;
    };
    let responses: Response[];
    try {
      responses = await Promise.all(
        members.map((m, i) =>
          api.call(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/submit`, { version: versions[i] }),
        ),
      );
    } finally {
      clock = () => fixedNow;
    }
    const accepted = responses.filter((r) => r.status === 200).length;
    expect(handedOut).toHaveLength(members.length);
    expect(accepted).toBe(handedOut.filter((t) => t === before).length);
    for (const res of responses.filter((r) => r.status !== 200)) {
      expect(res.status).toBe(409);
      expect((await json(res)).error.code).toBe("DEADLINE_PASSED");
    }
    const [counted] = await queryRows<{ n: number }>(
      handle.db,
      `select count(*)::int as n from sheets where period_id = ${periodId} and status = 'submitted'`,
    );
    expect(Number(counted?.n)).toBe(accepted);
    expect(
      await auditCount(
        "sheet.submit",
        members.map((m) => m.sheetId),
      ),
    ).toBe(accepted);
  }, 180_000);
});

describe("duplicate writes at the same moment", () => {
  it("two progress corrections of the same month: both answered, each revision kept once", async () => {
    const periods = (await ok(await api.call("admin", "GET", "/api/v1/periods"))).items;
    const open = periods.find(
      (p: { year: number; kind: string }) => p.year === 2026 && p.kind === "annual",
    ).id;
    const values = [101, 102, 103, 104];
    const responses = await Promise.all(
      values.map((value) =>
        api.call("GY0601", "PUT", `/api/v1/periods/${open}/progress`, {
          entries: [{ indicatorCode: "B1", month: 11, value }],
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(values.map(() => 200));
    const rows = await queryRows<{ revision: number; value: string }>(
      handle.db,
      `select p.revision, p.value::text as value from progress_entries p join people on people.id = p.person_id
       join indicators i on i.id = p.indicator_id
       where people.employee_no = 'GY0601' and p.period_id = ${open} and p.month = 11 and i.code = 'B1' order by p.revision`,
    );
    const revisions = rows.map((r) => r.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(
      rows
        .slice(-values.length)
        .map((r) => Number(r.value))
        .sort(),
    ).toEqual(values);
  }, 60_000);

  it("two admins creating the same period at once: one is created, the other gets 409", async () => {
    const schemes = await ok(await api.call("admin", "GET", "/api/v1/schemes"));
    const townships = (await ok(await api.call("admin", "GET", "/api/v1/townships"))).items;
    const body = {
      year: 2040,
      name: "并发创建",
      schemeId: schemes.items.find((s: { code: string }) => s.code === "GY-2025-STAFF").id,
      selfReportDeadline: "2041-01-10",
      reviewDeadline: "2041-01-20",
      recheckDeadline: "2041-02-15",
      appealDeadline: "2041-02-28",
      townshipIds: [townships[0].id],
    };
    const responses = await Promise.all(
      [1, 2, 3].map(() => api.call("admin", "POST", "/api/v1/periods", body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const res of responses.filter((r) => r.status === 409))
      expect(["PERIOD_EXISTS", "CONFLICT"]).toContain((await json(res)).error.code);
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      "select count(*)::int as n from periods where year = 2040",
    );
    expect(Number(row?.n)).toBe(1);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { expectStatus, type Json, json } from "../support/year-walk";

// 季度得分合成全年 in real period scoring, on PGlite and (with DATABASE_URL) PostgreSQL: the annual period's
// scheme weighs its own total with the totals of the same county's published quarterly periods of that year
// (composition.yearFrom), read by the period's recomputation; a quarter published later moves the year.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

const YEAR = 2034;
const deadlines = {
  selfReportDeadline: "2099-01-10",
  reviewDeadline: "2099-01-20",
  recheckDeadline: "2099-02-15",
  appealDeadline: "2099-02-28",
};

// One indicator the assessors score: 完成率 against 100, 10 points, so a sheet's total is its value.
function schemeDocument(code: string, composition?: unknown) {
  return {
    code,
    name: code,
    year: YEAR,
    gradeBands: [
      { grade: "excellent", label: "优秀", min: 95 },
      { grade: "good", label: "合格", min: 60 },
      { grade: "fail", label: "不合格", min: 0 },
    ],
    excellentQuota: 0.2,
    preVetoBottomN: 0,
    bonusCap: 0,
    ...(composition === undefined ? {} : { composition }),
    categories: [
      {
        code: "A",
        name: "主要指标",
        indicators: [
          {
            code: "A1",
            name: "完成率",
            unit: "%",
            points: 10,
            target: 100,
            appliesTo: ["station", "reassigned"],
            source: "assessor",
            rule: { type: "ratio" },
          },
        ],
      },
    ],
  };
}

async function importScheme(document: unknown): Promise<number> {
  const created = await expectStatus(await api.call("admin", "POST", "/api/v1/schemes", document), 201);
  return created.scheme.id;
}

interface Member {
  sheetId: number;
  employeeNo: string;
}

/** Creates, opens and takes a period of 龙潭街道 (xz01) to 评分, each member's A1 given by `valueOf`. */
async function scorePeriod(
  body: Record<string, unknown>,
  a1Of: (member: Member, index: number) => number,
): Promise<{ periodId: number; members: Member[] }> {
  const me = await json(await api.call("xz01", "GET", "/api/v1/auth/me"));
  const created = await expectStatus(
    await api.call("admin", "POST", "/api/v1/periods", {
      year: YEAR,
      ...deadlines,
      townshipIds: [me.user.scope.township.id],
      ...body,
    }),
    201,
  );
  const periodId: number = created.period.id;
  await expectStatus(await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`), 200);
  const listed = await json(await api.call("admin", "GET", `/api/v1/periods/${periodId}/sheets`));
  const members: Member[] = listed.items
    .map((s: Json) => ({ sheetId: s.id, employeeNo: s.employeeNo }))
    .sort((a: Member, b: Member) => (a.employeeNo < b.employeeNo ? -1 : 1));
  for (const member of members) {
    const view = await json(await api.call(member.employeeNo, "GET", `/api/v1/sheets/${member.sheetId}`));
    await expectStatus(
      await api.call(member.employeeNo, "POST", `/api/v1/sheets/${member.sheetId}/submit`, {
        version: view.sheet.version,
      }),
      200,
    );
    const submitted = await json(await api.call("xz01", "GET", `/api/v1/sheets/${member.sheetId}`));
    await expectStatus(
      await api.call("xz01", "POST", `/api/v1/sheets/${member.sheetId}/review`, {
        version: submitted.sheet.version,
        decision: "pass",
        comment: null,
      }),
      200,
    );
  }
  await expectStatus(
    await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true }),
    200,
  );
  for (const [index, member] of members.entries()) {
    let view = await json(await api.call("assessor", "GET", `/api/v1/sheets/${member.sheetId}`));
    view = await expectStatus(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${member.sheetId}/score`, {
        version: view.sheet.version,
        items: [{ code: "A1", value: a1Of(member, index) }],
      }),
      200,
    );
    await expectStatus(
      await api.call("assessor", "POST", `/api/v1/sheets/${member.sheetId}/mark-scored`, {
        version: view.sheet.version,
      }),
      200,
    );
  }
  return { periodId, members };
}

async function publish(periodId: number) {
  await expectStatus(await api.call("admin", "POST", `/api/v1/periods/${periodId}/publish`), 200);
}

/** Each member's stored total, by 工号, as the assessors' sheet list gives it. */
async function totals(periodId: number): Promise<Map<string, number>> {
  const listed = await json(await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets`));
  return new Map(listed.items.map((s: Json) => [s.employeeNo, s.total]));
}

describe("the year combined from its published quarters (composition.yearFrom)", () => {
  let annual = 0;
  let staff: Member[] = [];
  // Own (年终) values 90, 80, 70, …; quarter 1: 80, 81, 82, …; quarter 2: 100, 60, 100, 60, …
  const own = (i: number) => 90 - 10 * (i % 4);
  const q1 = (i: number) => 80 + i;
  const q2 = (i: number) => (i % 2 === 0 ? 100 : 60);

  // Three periods walked through the API: longer than the default 30 s on a loaded machine.
  it("a published quarter feeds the annual total; the year weighs only the quarters it has", {
    timeout: 180_000,
  }, async () => {
    const quarterScheme = await importScheme(schemeDocument("GY-2034-Q"));
    const yearScheme = await importScheme(
      schemeDocument("GY-2034-Y", { yearFrom: { own: 0.6, quarters: [0.1, 0.1, 0.1, 0.1] } }),
    );
    // Quarter 1 is scored and published; quarter 3 is scored but not published, so it does not count yet.
    const first = await scorePeriod(
      { name: "2034年第一季度考核", kind: "quarter", quarter: 1, schemeId: quarterScheme },
      (_m, i) => q1(i),
    );
    await publish(first.periodId);
    await scorePeriod(
      { name: "2034年第三季度考核", kind: "quarter", quarter: 3, schemeId: quarterScheme },
      () => 0,
    );
    const year = await scorePeriod({ name: "2034年度考核", schemeId: yearScheme }, (_m, i) => own(i));
    annual = year.periodId;
    staff = year.members;
    expect(staff.length).toBeGreaterThanOrEqual(3);
    const stored = await totals(annual);
    staff.forEach((member, i) => {
      // (0.6 × own + 0.1 × q1) ÷ 0.7, rounded to cents once: e.g. (54 + 8) ÷ 0.7 = 88.571… → 88.57.
      // (6 × own + q1) ÷ 7 never ends on a half cent, so Math.round is the half-up rounding here.
      expect(stored.get(member.employeeNo), member.employeeNo).toBe(
        Math.round(((6 * own(i) + q1(i)) * 100) / 7) / 100,
      );
    });
    expect(stored.get(staff[0]?.employeeNo ?? "")).toBe(88.57);
  });

  it("publishing another quarter recomputes the year while it is being assessed", {
    timeout: 120_000,
  }, async () => {
    const quarterScheme = (await json(await api.call("admin", "GET", "/api/v1/schemes"))).items.find(
      (s: Json) => s.code === "GY-2034-Q",
    ).id;
    const second = await scorePeriod(
      { name: "2034年第二季度考核", kind: "quarter", quarter: 2, schemeId: quarterScheme },
      (_m, i) => q2(i),
    );
    // Not yet published: the year is as before.
    expect((await totals(annual)).get(staff[0]?.employeeNo ?? "")).toBe(88.57);
    await publish(second.periodId);
    const stored = await totals(annual);
    // (0.6 × 90 + 0.1 × 80 + 0.1 × 100) ÷ 0.8 = 72 ÷ 0.8 = 90; (48 + 8.1 + 6) ÷ 0.8 = 77.625 → 77.63.
    expect(stored.get(staff[0]?.employeeNo ?? "")).toBe(90);
    expect(stored.get(staff[1]?.employeeNo ?? "")).toBe(77.63);
    staff.forEach((member, i) => {
      // (6 × own + q1 + q2) × 100 ÷ 8 is exact in binary, halves included: Math.round rounds them up.
      expect(stored.get(member.employeeNo), member.employeeNo).toBe(
        Math.round(((6 * own(i) + q1(i) + q2(i)) * 100) / 8) / 100,
      );
    });
  });

  it("the published year ranks and grades on the combined totals", async () => {
    await publish(annual);
    const listed = await json(await api.call("assessor", "GET", `/api/v1/periods/${annual}/sheets`));
    const all: { total: number; rank: number; grade: string }[] = listed.items;
    const first = listed.items.find((s: Json) => s.employeeNo === staff[0]?.employeeNo);
    // Own 90 with quarters 80 and 100: 90, graded 合格 and ranked by the combined totals.
    expect(first).toMatchObject({ total: 90, grade: "good" });
    for (const sheet of all)
      expect(sheet.rank).toBe(1 + all.filter((other) => other.total > sheet.total).length);
    expect(all.filter((sheet) => sheet.total >= 95).map((sheet) => sheet.grade)).not.toContain("good");
  });
});

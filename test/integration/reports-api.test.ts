import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { people, townships } from "../../src/db/schema/org";
import { periods } from "../../src/db/schema/period";
import { townshipResults } from "../../src/db/schema/sheet";
import {
  indicatorCell,
  loadPeriodRows,
  mean,
  type PeriodRows,
  rescore,
  trendPoint,
} from "../fixtures/report-oracle";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let p2025: number;
let p2026: number;
let rows: PeriodRows;

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;
const get = async (user: string | null, path: string, status = 200) => {
  const res = await api.call(user, "GET", `/api/v1/reports${path}`);
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  return body;
};
const near = (actual: number | null, expected: number | null) => {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? 0) - expected)).toBeLessThanOrEqual(0.00011);
};

async function personId(employeeNo: string) {
  const [row] = await handle.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.employeeNo, employeeNo));
  if (!row) throw new Error(employeeNo);
  return row.id;
}
async function townshipId(name: string) {
  const [row] = await handle.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(name);
  return row.id;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
  const all = await handle.db
    .select({ id: periods.id, year: periods.year })
    .from(periods)
    .where(eq(periods.kind, "annual"));
  p2025 = all.find((p) => p.year === 2025)?.id ?? -1;
  p2026 = all.find((p) => p.year === 2026)?.id ?? -1;
  rows = await loadPeriodRows(handle.db, p2025);
});
afterAll(() => handle.close());

describe("the 2025 dashboard matches the engine", () => {
  it("ranks townships exactly as the engine re-scoring the stored items does", async () => {
    const body = await get("viewer", `/periods/${p2025}/dashboard`);
    const engine = rescore(rows).townships;
    expect(body.resultsVisible).toBe(true);
    expect(body.townships).toHaveLength(26);
    for (const township of body.townships) {
      const expected = engine.find((t) => t.name === String(township.townshipId));
      expect(township).toMatchObject({
        composite: expected?.composite,
        rank: expected?.rank,
        preVeto: expected?.preVeto,
        hasVetoedMember: expected?.hasVetoedMember,
        memberCount: expected?.memberCount,
      });
    }
    const flagged = body.townships
      .filter((t: { preVeto: boolean }) => t.preVeto)
      .map((t: { name: string }) => t.name);
    expect(flagged.sort()).toEqual(["杨柳乡", "浩塘镇"].sort());
    expect(body.townships.filter((t: { hasVetoedMember: boolean }) => t.hasVetoedMember)).toHaveLength(1);
    const stored = await handle.db.select().from(townshipResults).where(eq(townshipResults.periodId, p2025));
    expect(stored.map((t) => [t.townshipId, t.composite, t.rank]).sort()).toEqual(
      body.townships
        .map((t: { townshipId: number; composite: number; rank: number }) => [
          t.townshipId,
          t.composite,
          t.rank,
        ])
        .sort(),
    );
  });

  it("counts grades per township and county-wide against the 优秀 quota ⌊n × 0.2⌋", async () => {
    const body = await get("admin", `/periods/${p2025}/dashboard`);
    const engine = rescore(rows).people;
    const n = rows.sheets.length;
    expect(body.grades.pool).toBe(n);
    expect(body.grades.excellentQuota).toBe(0.2);
    expect(body.grades.excellentLimit).toBe(Math.floor(n * 0.2));
    expect(body.grades.excellentCount).toBeLessThanOrEqual(body.grades.excellentLimit);
    for (const band of body.grades.bands)
      expect(band.count, band.grade).toBe(engine.filter((p) => p.grade === band.grade).length);
    expect(body.grades.bands.map((b: { label: string }) => b.label)).toEqual([
      "优秀",
      "合格",
      "基本合格",
      "不合格",
    ]);
    for (const township of body.townships) {
      const counts = Object.values(township.grades as Record<string, number>);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(township.memberCount);
      const members = engine.filter((p) => p.township === String(township.townshipId));
      for (const [grade, count] of Object.entries(township.grades))
        expect(count).toBe(members.filter((p) => p.grade === grade).length);
    }
  });

  it("computes every township × indicator completion rate and score share as defined", async () => {
    const body = await get("viewer", `/periods/${p2025}/dashboard`);
    expect(body.matrix.townships).toHaveLength(26);
    const sheetTownship = new Map(rows.sheets.map((s) => [s.id, s.townshipId]));
    let checked = 0;
    for (const row of body.matrix.townships)
      for (const indicator of rows.indicators) {
        const items = rows.items.filter(
          (i) => i.indicatorId === indicator.id && sheetTownship.get(i.sheetId) === row.townshipId,
        );
        const expected = indicatorCell(rows, items);
        const cell = row.cells[indicator.code];
        if (items.length === 0) {
          expect(cell).toBeUndefined();
          continue;
        }
        near(cell.completionRate, expected.completionRate);
        near(cell.scoreShare, expected.scoreShare);
        checked++;
      }
    expect(checked).toBeGreaterThan(26 * 14);
    const a1 = rows.indicators.find((i) => i.code === "A1");
    const county = indicatorCell(
      rows,
      rows.items.filter((i) => i.indicatorId === a1?.id),
    );
    near(body.matrix.county.A1.completionRate, county.completionRate);
    near(body.matrix.county.A1.scoreShare, county.scoreShare);
    expect(body.matrix.county.E1.scoreShare).toBeNull(); // a 0-point bonus indicator has no share
    expect(body.matrix.county.D3.completionRate).toBeNull(); // a rating has no target
  });

  it("compares reassigned with station staff by category and by indicator", async () => {
    const body = await get("viewer", `/periods/${p2025}/dashboard`);
    for (const category of ["station", "reassigned"] as const) {
      const group = rows.sheets.filter((s) => s.category === category);
      const row = body.categories.find((c: { category: string }) => c.category === category);
      expect(row.count).toBe(group.length);
      near(row.averageTotal, Number((mean(group.map((s) => s.total ?? 0)) ?? 0).toFixed(2)));
      const d4 = rows.indicators.find((i) => i.code === "D4");
      const items = rows.items.filter(
        (i) => i.indicatorId === d4?.id && group.some((s) => s.id === i.sheetId),
      );
      if (category === "station") expect(row.indicators.D4).toBeUndefined();
      else near(row.indicators.D4.scoreShare, indicatorCell(rows, items).scoreShare);
    }
  });

  it("plots the county's monthly completion of the progress indicators", async () => {
    const body = await get("viewer", `/periods/${p2025}/dashboard`);
    expect(body.trend.map((s: { code: string }) => s.code)).toEqual(["A1", "A3", "A4", "B1", "B3", "D2"]);
    const b1 = body.trend.find((s: { code: string }) => s.code === "B1");
    expect(b1.months.map((m: { month: number }) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const month of [1, 6, 12]) near(b1.months[month - 1].completionRate, trendPoint(rows, "B1", month));
    expect(b1.months[11].completionRate).toBeGreaterThan(b1.months[0].completionRate * 5);
  });
});

describe("rankings", () => {
  it("lists the township ranking for every role once published", async () => {
    for (const user of ["admin", "viewer", "xz23", "GY0101"]) {
      const body = await get(user, `/periods/${p2025}/townships`);
      expect(body.items).toHaveLength(26);
      expect(body.items[0].rank).toBe(1);
      expect(body.gradeBands[0]).toEqual({ grade: "excellent", label: "优秀" });
    }
  });

  it("pages the person ranking in rank order and filters by township and category", async () => {
    const first = await get("viewer", `/periods/${p2025}/people?limit=20`);
    expect(first.total).toBe(rows.sheets.length);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ rank: 1, gradeLabel: expect.any(String) });
    const ranks = first.items.map((i: { rank: number }) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const last = await get("viewer", `/periods/${p2025}/people?limit=20&offset=${rows.sheets.length - 1}`);
    expect(last.items).toHaveLength(1);
    expect(last.items[0]).toMatchObject({ employeeNo: "GY1904", vetoed: true, gradeLabel: "不合格" });
    const reassigned = await get("viewer", `/periods/${p2025}/people?category=reassigned`);
    expect(reassigned.total).toBe(6);
    const yangliu = await townshipId("杨柳乡");
    const local = await get("viewer", `/periods/${p2025}/people?townshipId=${yangliu}`);
    expect(new Set(local.items.map((i: { townshipName: string }) => i.townshipName))).toEqual(
      new Set(["杨柳乡"]),
    );
  });
});

describe("township and personal reports", () => {
  it("gives a township its members and its indicator averages beside the county's", async () => {
    const id = await townshipId("浩塘镇");
    const body = await get("xz19", `/periods/${p2025}/townships/${id}`);
    expect(body.township.name).toBe("浩塘镇");
    expect(body.result).toMatchObject({ preVeto: true, hasVetoedMember: true });
    expect(body.members.length).toBe(body.result.memberCount);
    expect(body.members.map((m: { townshipRank: number }) => m.townshipRank)[0]).toBe(1);
    const b4 = body.indicators.find((i: { code: string }) => i.code === "B4");
    const ids = new Set(rows.sheets.filter((s) => s.townshipId === id).map((s) => s.id));
    const indicator = rows.indicators.find((i) => i.code === "B4");
    const local = rows.items.filter((i) => i.indicatorId === indicator?.id && ids.has(i.sheetId));
    near(b4.township.scoreShare, indicatorCell(rows, local).scoreShare);
    expect(b4.county.items).toBe(rows.sheets.length);
  });

  it("explains a corrected item with the assessor's reason, against township and county averages", async () => {
    const id = await personId("GY1902");
    const body = await get("assessor", `/periods/${p2025}/people/${id}`);
    expect(body.sheet).toMatchObject({
      resultsVisible: true,
      townshipName: "浩塘镇",
      gradeLabel: expect.any(String),
    });
    const stored = rows.sheets.find((s) => s.personId === id);
    expect(body.sheet).toMatchObject({
      total: stored?.total,
      rank: stored?.rank,
      townshipRank: stored?.townshipRank,
    });
    expect(body.changes).toEqual([
      expect.objectContaining({
        code: "A1",
        verifiedValue: 86.5,
        reason: expect.stringContaining("政策符合率核定为 86.5%"),
      }),
    ]);
    const categoryA = body.categories.find((c: { code: string }) => c.code === "A");
    const ownA = body.items
      .filter((i: { categoryCode: string }) => i.categoryCode === "A")
      .reduce((sum: number, i: { score: number }) => sum + i.score, 0);
    near(categoryA.score, Number(ownA.toFixed(2)));
    expect(categoryA.countyAverage).toBeGreaterThan(0);
    expect(body.progress.find((s: { code: string }) => s.code === "B1").months).toHaveLength(12);
  });

  it("shows 复核 and 申诉 records with their decisions", async () => {
    const vetoed = await get("admin", `/periods/${p2025}/people/${await personId("GY1904")}`);
    expect(vetoed.sheet.vetoed).toBe(true);
    expect(vetoed.requests).toEqual([
      expect.objectContaining({
        kind: "appeal",
        outcome: "rejected",
        decisionReason: expect.stringContaining("维持一票否决"),
      }),
    ]);
    const recheck = await get("admin", `/periods/${p2025}/people/${await personId("GY0304")}`);
    expect(recheck.requests[0]).toMatchObject({ kind: "recheck", indicatorCode: "B1", outcome: "kept" });
  });
});

describe("scope", () => {
  it("lets staff read their own report only, with results once published", async () => {
    const own = await personId("GY0101");
    const body = await get("GY0101", `/periods/${p2025}/people/${own}`);
    expect(body.sheet.total).toBeTypeOf("number");
    await get("GY0101", `/periods/${p2025}/people/${await personId("GY0102")}`, 404);
    const open = await get("GY0101", `/periods/${p2026}/people/${own}`);
    expect(open.resultsVisible).toBe(false);
    expect(open.sheet.total).toBeUndefined();
    expect(open.progress.find((s: { code: string }) => s.code === "B1").months).toHaveLength(10);
    await get("GY0101", `/periods/${p2025}/people`, 403);
    await get("GY0101", `/periods/${p2025}/dashboard`, 403);
    await get("GY0101", `/periods/${p2025}/townships/${await townshipId("龙潭街道")}`, 403);
  });

  it("keeps a township account to its own township's people", async () => {
    const yangliu = await townshipId("杨柳乡");
    const body = await get("xz23", `/periods/${p2025}/people?limit=100`);
    expect(new Set(body.items.map((i: { townshipName: string }) => i.townshipName))).toEqual(
      new Set(["杨柳乡"]),
    );
    await get("xz23", `/periods/${p2025}/people?townshipId=${await townshipId("浩塘镇")}`, 403);
    await get("xz23", `/periods/${p2025}/townships/${await townshipId("浩塘镇")}`, 403);
    await get("xz23", `/periods/${p2025}/townships/${yangliu}`);
    await get("xz23", `/periods/${p2025}/people/${await personId("GY2301")}`);
    await get("xz23", `/periods/${p2025}/people/${await personId("GY1902")}`, 404);
  });

  it("withholds unpublished results from everyone but admin and assessor", async () => {
    await get("xz23", `/periods/${p2026}/townships`, 403);
    await get("GY0101", `/periods/${p2026}/townships`, 403);
    await get("viewer", `/periods/${p2026}/townships`, 403);
    await get("viewer", `/periods/${p2026}/people`, 403);
    await get("assessor", `/periods/${p2026}/people`);
    const township = await get("xz01", `/periods/${p2026}/dashboard`);
    expect(township.resultsVisible).toBe(false);
    expect(township.townships).toBeNull();
    expect(township.trend.length).toBeGreaterThan(0);
    const members = await get("viewer", `/periods/${p2026}/townships/${await townshipId("龙潭街道")}`);
    expect(members.resultsVisible).toBe(false);
    expect(members.members.every((m: { total: null }) => m.total === null)).toBe(true);
  });

  it("refuses anonymous callers", async () => {
    await get(null, `/periods/${p2025}/townships`, 401);
    await get(null, `/periods/${p2025}/dashboard`, 401);
  });
});

describe("year over year", () => {
  it("compares a person's indicators across periods", async () => {
    const id = await personId("GY0101");
    const body = await get("admin", `/compare?personId=${id}&periods=${p2026},${p2025}`);
    expect(body.periods.map((p: { year: number }) => p.year)).toEqual([2025, 2026]);
    expect(body.periods[0].summary.total).toBeTypeOf("number");
    const a1 = body.indicators.find((i: { code: string }) => i.code === "A1");
    expect(a1.values).toHaveLength(2);
    expect(a1.values[0].score).toBeTypeOf("number");
    expect(a1.change).toBeNull(); // 2026 is not scored yet
    const staff = await get("GY0101", `/compare?personId=${id}&periods=${p2025},${p2026}`);
    expect(staff.periods[1].resultsVisible).toBe(false);
  });

  it("compares a township across periods and keeps township accounts to their own", async () => {
    const id = await townshipId("杨柳乡");
    const body = await get("viewer", `/compare?townshipId=${id}&periods=${p2025},${p2026}`);
    expect(body.subject.name).toBe("杨柳乡");
    expect(body.periods[0].summary).toMatchObject({ preVeto: true, townshipCount: 26 });
    expect(body.indicators.find((i: { code: string }) => i.code === "A1").values[0].score).toBeTypeOf(
      "number",
    );
    await get("xz19", `/compare?townshipId=${id}&periods=${p2025},${p2026}`, 403);
  });
});

describe("bad input", () => {
  it("names the bad field and never answers 500", async () => {
    const bad = await get("viewer", "/periods/abc/dashboard", 400);
    expect(bad.error.details[0].path).toBe("id");
    await get("viewer", "/periods/999999/dashboard", 404);
    const page = await get("viewer", `/periods/${p2025}/people?limit=0&category=boss`, 400);
    expect(page.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["category", "limit"]);
    const neither = await get("viewer", `/compare?periods=${p2025},${p2026}`, 400);
    expect(neither.error.details[0].path).toBe("personId");
    const one = await get("viewer", `/compare?townshipId=1&periods=${p2025}`, 400);
    expect(one.error.details[0].path).toBe("periods");
    await get("viewer", `/compare?townshipId=1&periods=${p2025},999999`, 404);
  });
});

import { eq } from "drizzle-orm";
import type { ClientResponse } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { people, townships } from "../../src/db/schema/org";
import { periods } from "../../src/db/schema/period";
import { townshipResults } from "../../src/db/schema/sheet";
import type { ErrorBody } from "../../src/http/api-schemas";
import {
  indicatorCell,
  loadPeriodRows,
  mean,
  type PeriodRows,
  rescore,
  trendPoint,
} from "../fixtures/report-oracle";
import { type ApiClient, errorOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();
let p2025: number;
let p2026: number;
let rows: PeriodRows;

type PeopleQuery = Parameters<ApiClient["reports"]["periods"][":id"]["people"]["$get"]>[0]["query"];
type CompareQuery = Parameters<ApiClient["reports"]["compare"]["$get"]>[0]["query"];

/** One period's reports as `user` (the id a string to send a bad one). */
async function period(user: string | null, id: number | string) {
  const routes = (await t.as(user)).reports.periods[":id"];
  const param = { id: String(id) };
  return {
    dashboard: () => routes.dashboard.$get({ param }),
    townships: () => routes.townships.$get({ param }),
    township: (townshipId: number) =>
      routes.townships[":townshipId"].$get({ param: { ...param, townshipId: String(townshipId) } }),
    people: (query: PeopleQuery = {}) => routes.people.$get({ param, query }),
    person: (personId: number) =>
      routes.people[":personId"].$get({ param: { ...param, personId: String(personId) } }),
  };
}

async function compare(user: string, query: CompareQuery) {
  return (await t.as(user)).reports.compare.$get({ query });
}

/** A report's body, once its status is 200 (the body's start in the message). */
async function ok<R extends { status: number; json(): Promise<unknown> }>(
  pending: Promise<R>,
): Promise<Awaited<ReturnType<R["json"]>>> {
  const res = await pending;
  const body = (await res.json()) as Awaited<ReturnType<R["json"]>>;
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return body;
}

/** The value, failing the test when it is missing (null or undefined). */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}

/** The fields a 400 names, in order. */
function pathsOf(body: ErrorBody): string[] {
  const { details } = body.error;
  if (!Array.isArray(details)) throw new Error(`expected field problems, got ${JSON.stringify(details)}`);
  return details.map((d) => d.path);
}

/** A refusal's error, once its status is checked. */
async function refused(pending: Promise<Response | ClientResponse<unknown>>, status: number) {
  const res = await pending;
  const body = await errorOf(res);
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  return body;
}
const near = (actual: number | null, expected: number | null) => {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? 0) - expected)).toBeLessThanOrEqual(0.00011);
};

async function personId(employeeNo: string) {
  const [row] = await t.db.select({ id: people.id }).from(people).where(eq(people.employeeNo, employeeNo));
  if (!row) throw new Error(employeeNo);
  return row.id;
}
async function townshipId(name: string) {
  const [row] = await t.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(name);
  return row.id;
}

beforeAll(async () => {
  const all = await t.db
    .select({ id: periods.id, year: periods.year })
    .from(periods)
    .where(eq(periods.kind, "annual"));
  p2025 = all.find((p) => p.year === 2025)?.id ?? -1;
  p2026 = all.find((p) => p.year === 2026)?.id ?? -1;
  rows = await loadPeriodRows(t.db, p2025);
});

describe("the 2025 dashboard matches the engine", () => {
  it("ranks townships exactly as the engine re-scoring the stored items does", async () => {
    const body = await ok((await period("viewer", p2025)).dashboard());
    const engine = rescore(rows).townships;
    expect(body.resultsVisible).toBe(true);
    expect(body.townships).toHaveLength(26);
    const ranked = present(body.townships, "the township ranking");
    for (const township of ranked) {
      const expected = engine.find((t) => t.name === String(township.townshipId));
      expect(township).toMatchObject({
        composite: expected?.composite,
        rank: expected?.rank,
        preVeto: expected?.preVeto,
        hasVetoedMember: expected?.hasVetoedMember,
        memberCount: expected?.memberCount,
      });
    }
    const flagged = ranked.filter((t) => t.preVeto).map((t) => t.name);
    expect(flagged.sort()).toEqual(["杨柳乡", "浩塘镇"].sort());
    expect(ranked.filter((t) => t.hasVetoedMember)).toHaveLength(1);
    const stored = await t.db.select().from(townshipResults).where(eq(townshipResults.periodId, p2025));
    expect(stored.map((t) => [t.townshipId, t.composite, t.rank]).sort()).toEqual(
      ranked.map((t) => [t.townshipId, t.composite, t.rank]).sort(),
    );
  });

  it("counts grades per township and county-wide against the 优秀 quota ⌊n × 0.2⌋", async () => {
    const body = await ok((await period("admin", p2025)).dashboard());
    const engine = rescore(rows).people;
    const n = rows.sheets.length;
    const grades = present(body.grades, "the grades");
    expect(grades.pool).toBe(n);
    expect(grades.excellentQuota).toBe(0.2);
    expect(grades.excellentLimit).toBe(Math.floor(n * 0.2));
    expect(grades.excellentCount).toBeLessThanOrEqual(grades.excellentLimit);
    for (const band of grades.bands)
      expect(band.count, band.grade).toBe(engine.filter((p) => p.grade === band.grade).length);
    expect(grades.bands.map((b) => b.label)).toEqual(["优秀", "合格", "基本合格", "不合格"]);
    for (const township of present(body.townships, "the township ranking")) {
      const counts = Object.values(township.grades as Record<string, number>);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(township.memberCount);
      const members = engine.filter((p) => p.township === String(township.townshipId));
      for (const [grade, count] of Object.entries(township.grades))
        expect(count).toBe(members.filter((p) => p.grade === grade).length);
    }
  });

  it("computes every township × indicator completion rate and score share as defined", async () => {
    const body = await ok((await period("viewer", p2025)).dashboard());
    const matrix = present(body.matrix, "the matrix");
    expect(matrix.townships).toHaveLength(26);
    const sheetTownship = new Map(rows.sheets.map((s) => [s.id, s.townshipId]));
    let checked = 0;
    for (const row of matrix.townships)
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
        if (!cell) throw new Error(`no cell for ${indicator.code}`);
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
    near(present(matrix.county.A1, "A1").completionRate, county.completionRate);
    near(present(matrix.county.A1, "A1").scoreShare, county.scoreShare);
    expect(matrix.county.E1?.scoreShare).toBeNull(); // a 0-point bonus indicator has no share
    expect(matrix.county.D3?.completionRate).toBeNull(); // a rating has no target
  });

  it("compares reassigned with station staff by category and by indicator", async () => {
    const body = await ok((await period("viewer", p2025)).dashboard());
    for (const category of ["station", "reassigned"] as const) {
      const group = rows.sheets.filter((s) => s.category === category);
      const row = present(
        present(body.categories, "the categories").find((c) => c.category === category),
        category,
      );
      expect(row.count).toBe(group.length);
      near(row.averageTotal, Number((mean(group.map((s) => s.total ?? 0)) ?? 0).toFixed(2)));
      const d4 = rows.indicators.find((i) => i.code === "D4");
      const items = rows.items.filter(
        (i) => i.indicatorId === d4?.id && group.some((s) => s.id === i.sheetId),
      );
      if (category === "station") expect(row.indicators.D4).toBeUndefined();
      else near(present(row.indicators.D4, "D4").scoreShare, indicatorCell(rows, items).scoreShare);
    }
  });

  it("plots the county's monthly completion of the progress indicators", async () => {
    const body = await ok((await period("viewer", p2025)).dashboard());
    expect(body.trend.map((s) => s.code)).toEqual(["A1", "A3", "A4", "B1", "B3", "D2"]);
    const b1 = present(
      body.trend.find((s) => s.code === "B1"),
      "B1",
    );
    expect(b1.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const month of [1, 6, 12])
      near(present(b1.months[month - 1], `month ${month}`).completionRate, trendPoint(rows, "B1", month));
    expect(present(b1.months[11], "December").completionRate).toBeGreaterThan(
      present(present(b1.months[0], "January").completionRate, "January's rate") * 5,
    );
  });
});

describe("rankings", () => {
  it("lists the township ranking for every role once published", async () => {
    for (const user of ["admin", "viewer", "xz23", "GY0101"]) {
      const body = await ok((await period(user, p2025)).townships());
      expect(body.items).toHaveLength(26);
      expect(body.items[0]?.rank).toBe(1);
      expect(body.gradeBands[0]).toEqual({ grade: "excellent", label: "优秀" });
    }
  });

  it("pages the person ranking in rank order and filters by township and category", async () => {
    const first = await ok((await period("viewer", p2025)).people({ limit: "20" }));
    expect(first.total).toBe(rows.sheets.length);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ rank: 1, gradeLabel: expect.any(String) });
    const ranks = first.items.map((i) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => (a ?? 0) - (b ?? 0)));
    const last = await ok(
      (await period("viewer", p2025)).people({ limit: "20", offset: String(rows.sheets.length - 1) }),
    );
    expect(last.items).toHaveLength(1);
    expect(last.items[0]).toMatchObject({ employeeNo: "GY1904", vetoed: true, gradeLabel: "不合格" });
    const reassigned = await ok((await period("viewer", p2025)).people({ category: "reassigned" }));
    expect(reassigned.total).toBe(6);
    const yangliu = await townshipId("杨柳乡");
    const local = await ok((await period("viewer", p2025)).people({ townshipId: String(yangliu) }));
    expect(new Set(local.items.map((i) => i.townshipName))).toEqual(new Set(["杨柳乡"]));
  });
});

describe("township and personal reports", () => {
  it("gives a township its members and its indicator averages beside the county's", async () => {
    const id = await townshipId("浩塘镇");
    const body = await ok((await period("xz19", p2025)).township(id));
    expect(body.township.name).toBe("浩塘镇");
    expect(body.result).toMatchObject({ preVeto: true, hasVetoedMember: true });
    expect(body.members.length).toBe(body.result?.memberCount);
    expect(body.members.map((m) => m.townshipRank)[0]).toBe(1);
    const b4 = present(
      body.indicators.find((i) => i.code === "B4"),
      "B4",
    );
    const ids = new Set(rows.sheets.filter((s) => s.townshipId === id).map((s) => s.id));
    const indicator = rows.indicators.find((i) => i.code === "B4");
    const local = rows.items.filter((i) => i.indicatorId === indicator?.id && ids.has(i.sheetId));
    near(present(b4.township, "the township's B4").scoreShare, indicatorCell(rows, local).scoreShare);
    expect(b4.county?.items).toBe(rows.sheets.length);
  });

  it("explains a corrected item with the assessor's reason, against township and county averages", async () => {
    const id = await personId("GY1902");
    const body = await ok((await period("assessor", p2025)).person(id));
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
    const categoryA = present(
      present(body.categories, "the categories").find((c) => c.code === "A"),
      "A",
    );
    const ownA = body.items
      .filter((i) => i.categoryCode === "A")
      .reduce((sum: number, i) => sum + (i.score ?? 0), 0);
    near(categoryA.score, Number(ownA.toFixed(2)));
    expect(categoryA.countyAverage).toBeGreaterThan(0);
    expect(body.progress.find((s) => s.code === "B1")?.months).toHaveLength(12);
  });

  it("shows 复核 and 申诉 records with their decisions", async () => {
    const vetoed = await ok((await period("admin", p2025)).person(await personId("GY1904")));
    expect(present(vetoed.sheet, "the sheet")).toMatchObject({ vetoed: true });
    expect(vetoed.requests).toEqual([
      expect.objectContaining({
        kind: "appeal",
        outcome: "rejected",
        decisionReason: expect.stringContaining("维持一票否决"),
      }),
    ]);
    const recheck = await ok((await period("admin", p2025)).person(await personId("GY0304")));
    expect(recheck.requests[0]).toMatchObject({ kind: "recheck", indicatorCode: "B1", outcome: "kept" });
  });
});

describe("scope", () => {
  it("lets staff read their own report only, with results once published", async () => {
    const own = await personId("GY0101");
    const body = await ok((await period("GY0101", p2025)).person(own));
    expect(present(body.sheet, "the sheet")).toHaveProperty("total", expect.any(Number));
    await refused((await period("GY0101", p2025)).person(await personId("GY0102")), 404);
    const open = await ok((await period("GY0101", p2026)).person(own));
    expect(open.resultsVisible).toBe(false);
    expect(present(open.sheet, "the sheet")).not.toHaveProperty("total");
    expect(open.progress.find((s) => s.code === "B1")?.months).toHaveLength(10);
    await refused((await period("GY0101", p2025)).people(), 403);
    await refused((await period("GY0101", p2025)).dashboard(), 403);
    await refused((await period("GY0101", p2025)).township(await townshipId("龙潭街道")), 403);
  });

  it("keeps a township account to its own township's people", async () => {
    const yangliu = await townshipId("杨柳乡");
    const body = await ok((await period("xz23", p2025)).people({ limit: "100" }));
    expect(new Set(body.items.map((i) => i.townshipName))).toEqual(new Set(["杨柳乡"]));
    await refused(
      (await period("xz23", p2025)).people({ townshipId: String(await townshipId("浩塘镇")) }),
      403,
    );
    await refused((await period("xz23", p2025)).township(await townshipId("浩塘镇")), 403);
    await ok((await period("xz23", p2025)).township(yangliu));
    await ok((await period("xz23", p2025)).person(await personId("GY2301")));
    await refused((await period("xz23", p2025)).person(await personId("GY1902")), 404);
  });

  it("withholds unpublished results from everyone but admin and assessor", async () => {
    await refused((await period("xz23", p2026)).townships(), 403);
    await refused((await period("GY0101", p2026)).townships(), 403);
    await refused((await period("viewer", p2026)).townships(), 403);
    await refused((await period("viewer", p2026)).people(), 403);
    await ok((await period("assessor", p2026)).people());
    const township = await ok((await period("xz01", p2026)).dashboard());
    expect(township.resultsVisible).toBe(false);
    expect(township.townships).toBeNull();
    expect(township.trend.length).toBeGreaterThan(0);
    const members = await ok((await period("viewer", p2026)).township(await townshipId("龙潭街道")));
    expect(members.resultsVisible).toBe(false);
    expect(members.members.every((m) => m.total === null)).toBe(true);
  });

  it("refuses anonymous callers", async () => {
    await refused((await period(null, p2025)).townships(), 401);
    await refused((await period(null, p2025)).dashboard(), 401);
  });
});

describe("year over year", () => {
  it("compares a person's indicators across periods", async () => {
    const id = await personId("GY0101");
    const body = await ok(compare("admin", { personId: String(id), periods: `${p2026},${p2025}` }));
    expect(body.periods.map((p) => p.year)).toEqual([2025, 2026]);
    expect(body.periods[0]?.summary).toHaveProperty("total", expect.any(Number));
    const a1 = present(
      body.indicators.find((i) => i.code === "A1"),
      "A1",
    );
    expect(a1.values).toHaveLength(2);
    expect(a1.values[0]?.score).toBeTypeOf("number");
    expect(a1.change).toBeNull(); // 2026 is not scored yet
    const staff = await ok(compare("GY0101", { personId: String(id), periods: `${p2025},${p2026}` }));
    expect(staff.periods[1]?.resultsVisible).toBe(false);
  });

  it("compares a township across periods and keeps township accounts to their own", async () => {
    const id = await townshipId("杨柳乡");
    const body = await ok(compare("viewer", { townshipId: String(id), periods: `${p2025},${p2026}` }));
    expect(body.subject.name).toBe("杨柳乡");
    expect(body.periods[0]?.summary).toMatchObject({ preVeto: true, townshipCount: 26 });
    expect(body.indicators.find((i) => i.code === "A1")?.values[0]?.score).toBeTypeOf("number");
    await refused(compare("xz19", { townshipId: String(id), periods: `${p2025},${p2026}` }), 403);
  });
});

describe("bad input", () => {
  it("names the bad field and never answers 500", async () => {
    const bad = await refused((await period("viewer", "abc")).dashboard(), 400);
    expect(pathsOf(bad)[0]).toBe("id");
    await refused((await period("viewer", 999999)).dashboard(), 404);
    // An unknown category on purpose, which the client's types refuse: by path.
    const page = await refused(
      t.call("viewer", "GET", `/api/v1/reports/periods/${p2025}/people?limit=0&category=boss`),
      400,
    );
    expect(pathsOf(page).sort()).toEqual(["category", "limit"]);
    const neither = await refused(compare("viewer", { periods: `${p2025},${p2026}` }), 400);
    expect(pathsOf(neither)[0]).toBe("personId");
    const one = await refused(compare("viewer", { townshipId: "1", periods: String(p2025) }), 400);
    expect(pathsOf(one)[0]).toBe("periods");
    await refused(compare("viewer", { townshipId: "1", periods: `${p2025},999999` }), 404);
  });
});

import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { people, personMoves, townships } from "../../src/db/schema/org";
import { periods, progressEntries } from "../../src/db/schema/period";
import { indicators, schemes } from "../../src/db/schema/scheme";
import { sheetItems, sheetRequests, sheets, townshipResults } from "../../src/db/schema/sheet";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
});
afterAll(() => handle.close());

async function periodId(year: number): Promise<number> {
  const [row] = await handle.db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.year, year), eq(periods.kind, "annual")));
  if (!row) throw new Error(`no ${year} period`);
  return row.id;
}

// The demo scheme (src/db/seed/demo-scheme.json, README "Demo accounts"): code, points, rule type, applies to station / reassigned.
const DESIGN_TABLE: [string, number, string, boolean, boolean][] = [
  ["A1", 10, "shortfall", true, true],
  ["A2", 8, "shortfall", true, true],
  ["A3", 8, "ratio", true, true],
  ["A4", 8, "bands", true, true],
  ["A5", 6, "ratio", true, false],
  ["B1", 10, "ratio", true, true],
  ["B2", 6, "threshold", true, false],
  ["B3", 4, "ratio", true, true],
  ["B4", 10, "bands", true, true],
  ["C1", 5, "threshold", true, true],
  ["C2", 5, "ratio", true, false],
  ["C3", 5, "deduction", true, true],
  ["D1", 5, "deduction", true, true],
  ["D2", 5, "threshold", true, true],
  ["D3", 5, "rating", true, true],
  ["D4", 10, "bands", false, true],
  ["E1", 0, "bonus", true, true],
  ["V1", 0, "veto", true, true],
];

describe("the demo county", () => {
  it("has 26 townships with 5–8 station staff each, 杨柳乡 and 浩塘镇 among them", async () => {
    const rows = await handle.db
      .select({ name: townships.name, staff: count(people.id) })
      .from(townships)
      .leftJoin(sql`stations`, sql`stations.township_id = ${townships.id}`)
      .leftJoin(people, and(sql`${people.stationId} = stations.id`, eq(people.category, "station")))
      .groupBy(townships.id);
    expect(rows).toHaveLength(26);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(["杨柳乡", "浩塘镇"]));
    for (const row of rows) {
      expect(row.staff).toBeGreaterThanOrEqual(5);
      expect(row.staff).toBeLessThanOrEqual(8);
    }
  });

  it("has six reassigned health-system staff with origin unit, exam score and date", async () => {
    const rows = await handle.db.select().from(people).where(eq(people.category, "reassigned"));
    expect(rows).toHaveLength(6);
    for (const person of rows) {
      expect(person.originUnit).toMatch(/医院|保健院|卫生院|中心/);
      expect(person.examScore).toBeGreaterThan(60);
      expect(person.reassignedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(rows.map((p) => p.stationId)).size).toBe(6);
  });

  it("records a station move", async () => {
    expect(await handle.db.select().from(personMoves)).toHaveLength(1);
  });

  it("has the staff scheme, whose indicators match the demo scheme document, and the campaign's", async () => {
    const codes = await handle.db.select({ code: schemes.code }).from(schemes).orderBy(asc(schemes.id));
    expect(codes.map((s) => s.code)).toEqual(["GY-2025-STAFF", "GY-2026-SPRING"]);
    const rows = await handle.db
      .select({ indicator: indicators })
      .from(indicators)
      .innerJoin(schemes, eq(schemes.id, indicators.schemeId))
      .where(eq(schemes.code, "GY-2025-STAFF"))
      .orderBy(asc(indicators.sortOrder))
      .then((found) => found.map((row) => row.indicator));
    expect(
      rows.map((r) => [r.code, r.points, r.ruleType, r.appliesToStation, r.appliesToReassigned]),
    ).toEqual(DESIGN_TABLE);
  });

  it("has demo accounts: admin, assessor, viewer, one per township, one per person", async () => {
    const byRole = await handle.db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
    const [{ n: persons } = { n: 0 }] = await handle.db.select({ n: count() }).from(people);
    expect(Object.fromEntries(byRole.map((r) => [r.role, r.n]))).toEqual({
      admin: 1,
      assessor: 1,
      viewer: 1,
      township: 26,
      staff: persons,
    });
  });
});

describe("the published 2025 period", () => {
  it("has a complete sheet for every person: every item scored, totals, grade and ranks", async () => {
    const id = await periodId(2025);
    const [{ n: persons } = { n: 0 }] = await handle.db.select({ n: count() }).from(people);
    const rows = await handle.db.select().from(sheets).where(eq(sheets.periodId, id));
    expect(rows).toHaveLength(persons);
    for (const sheet of rows) {
      expect(sheet.total).not.toBeNull();
      expect(sheet.grade).toMatch(/^(excellent|pass|basic|fail)$/);
      expect(sheet.rank).toBeGreaterThanOrEqual(1);
      expect(sheet.townshipRank).toBeGreaterThanOrEqual(1);
    }
    const unscored = await handle.db
      .select({ n: count() })
      .from(sheetItems)
      .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
      .where(and(eq(sheets.periodId, id), isNull(sheetItems.score)));
    expect(unscored[0]?.n).toBe(0);
  });

  it("has a realistic spread: one vetoed sheet, several grades, the 优秀 quota kept", async () => {
    const rows = await handle.db
      .select()
      .from(sheets)
      .where(eq(sheets.periodId, await periodId(2025)));
    expect(rows.filter((s) => s.vetoed)).toHaveLength(1);
    const grades = new Set(rows.map((s) => s.grade));
    expect(grades.size).toBeGreaterThanOrEqual(3);
    expect(rows.filter((s) => s.grade === "excellent").length).toBeLessThanOrEqual(
      Math.floor(rows.length * 0.2),
    );
    const totals = rows.map((s) => s.total ?? 0);
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(15);
  });

  it("puts 杨柳乡 and 浩塘镇 under 预否决 (bottom two), as the county's minutes did", async () => {
    const rows = await handle.db
      .select({ name: townships.name, preVeto: townshipResults.preVeto, rank: townshipResults.rank })
      .from(townshipResults)
      .innerJoin(townships, eq(townships.id, townshipResults.townshipId))
      .where(eq(townshipResults.periodId, await periodId(2025)));
    expect(rows).toHaveLength(26);
    expect(
      rows
        .filter((r) => r.preVeto)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
  });

  it("has 复核 and 申诉 records", async () => {
    const rows = await handle.db.select().from(sheetRequests);
    expect(rows.filter((r) => r.kind === "recheck").length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.kind === "appeal").length).toBeGreaterThanOrEqual(1);
  });

  it("is exactly what the engine computes from the stored items (recompute changes nothing)", async () => {
    const id = await periodId(2025);
    const snapshot = () =>
      handle.db
        .select({
          id: sheets.id,
          total: sheets.total,
          grade: sheets.grade,
          rank: sheets.rank,
          vetoed: sheets.vetoed,
        })
        .from(sheets)
        .where(eq(sheets.periodId, id))
        .orderBy(asc(sheets.id));
    const before = await snapshot();
    await handle.db.transaction((tx) => recomputePeriod(tx, id));
    expect(await snapshot()).toEqual(before);
  });
});

describe("the open 2026 period", () => {
  it("is open, with draft sheets and monthly progress through October", async () => {
    const id = await periodId(2026);
    const [period] = await handle.db.select().from(periods).where(eq(periods.id, id));
    expect(period?.status).toBe("open");
    const statuses = await handle.db
      .selectDistinct({ status: sheets.status })
      .from(sheets)
      .where(eq(sheets.periodId, id));
    expect(statuses).toEqual([{ status: "draft" }]);
    const months = await handle.db
      .selectDistinct({ month: progressEntries.month })
      .from(progressEntries)
      .where(eq(progressEntries.periodId, id))
      .orderBy(asc(progressEntries.month));
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

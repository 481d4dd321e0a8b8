import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { people, townships } from "../../src/db/schema/org";
import { progressEntries, targets } from "../../src/db/schema/period";
import { sheetItems, sheets, townshipResults } from "../../src/db/schema/sheet";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import { type GeneratedProvince, generateProvince } from "../bench/generate-province";
import { openTestDb } from "../support/test-db";

// The benchmarks' province generator (test/bench), run small: one county, loaded through drizzle on
// whichever database the suite runs on, then recomputed by the engine.

let handle: DbHandle;
let province: GeneratedProvince;

beforeAll(async () => {
  handle = await openTestDb({ demo: false });
  province = await generateProvince(handle.db, { counties: 1, progressMonths: 3 });
});

afterAll(async () => {
  await handle?.close();
});

describe("bench province generator", () => {
  it("writes one county of the shape the benchmarks use", async () => {
    const [county] = province.counties;
    expect(province.counties).toHaveLength(1);
    expect(county?.people).toBeGreaterThanOrEqual(26 * 6 + 6);
    expect(county?.people).toBeLessThanOrEqual(26 * 8 + 6);
    const db = handle.db;
    const [[t], [p], [s], [i], [tg], [pe], [u]] = await Promise.all([
      db.select({ n: count() }).from(townships),
      db.select({ n: count() }).from(people),
      db.select({ n: count() }).from(sheets),
      db.select({ n: count() }).from(sheetItems),
      db.select({ n: count() }).from(targets),
      db.select({ n: count() }).from(progressEntries),
      db.select({ n: count() }).from(users),
    ]);
    expect(t?.n).toBe(26);
    expect(p?.n).toBe(county?.people);
    expect(s?.n).toBe(county?.people);
    // 17 indicators apply to station staff, 15 to the six reassigned staff.
    expect(i?.n).toBe(((county?.people ?? 0) - 6) * 17 + 6 * 15);
    expect(i?.n).toBe(province.rows.sheetItems);
    expect(tg?.n).toBe(province.rows.targets);
    expect(pe?.n).toBe((county?.people ?? 0) * 6 * 3);
    expect(u?.n).toBe((county?.people ?? 0) + 3 + 26);
  });

  it("is recomputed by the engine: every sheet graded and ranked, townships ranked with 预否决", async () => {
    const periodId = province.counties[0]?.periodId ?? -1;
    const result = await handle.db.transaction((tx) => recomputePeriod(tx, periodId));
    expect(result.people).toHaveLength(province.counties[0]?.people ?? -1);
    const [ungraded] = await handle.db.select({ n: count() }).from(sheets).where(isNull(sheets.grade));
    expect(ungraded?.n).toBe(0);
    const [unscored] = await handle.db
      .select({ n: count() })
      .from(sheetItems)
      .where(isNull(sheetItems.score));
    expect(unscored?.n).toBe(0);
    const results = await handle.db
      .select()
      .from(townshipResults)
      .where(eq(townshipResults.periodId, periodId));
    expect(results).toHaveLength(26);
    expect(results.filter((r) => r.preVeto).length).toBeGreaterThanOrEqual(2);
  });
});

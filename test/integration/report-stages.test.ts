import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { sheets } from "../../src/db/schema/sheet";
import { download, type Json } from "../fixtures/excel-api";
import { parseCsv } from "../fixtures/libreoffice";
import {
  assertLowerIsBetter,
  assertNoUnscoredResults,
  type StageTruth,
} from "../support/report-stage-checks";
import {
  fillSelfValues,
  firstHalfTownships,
  listStageSheets,
  period2026,
  recompute,
  type StageSheet,
  scoreSheets,
  setStatus,
  townshipUser,
} from "../support/report-stages";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The demo county's 2026 period walked open → assessing (half the townships scored) → published. At each
// stage every role reads the dashboard, a township report, personal reports and the exports; none may show a
// grade, rank, 预否决 or veto built from an unscored sheet, although the engine stores results for them.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let periodId: number;
let all: StageSheet[];
let scoredTownship: number;
let unscoredTownship: number;
let users: { scoredTownship: string; unscoredTownship: string; scoredStaff: string; unscoredStaff: string };
// Late in January 2027: both the self-report (01-10) and the review (01-20) deadlines have passed.
const now = new Date("2027-01-25T10:00:00+08:00");
const VETO_PERSON_INDEX = 5; // in the second half: reports a vetoing A1 but is not scored until the end

const ROLES_READING_DASHBOARD = ["admin", "assessor", "viewer"] as const;

const get = async (user: string, path: string, status = 200) => {
  const res = await api.call(user, "GET", `/api/v1${path}`);
  const body = (await res.json()) as Json;
  expect(res.status, `${user} ${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body;
};
const csv = async (user: string, path: string) => {
  const { res, bytes } = await download(api, user, `${path}${path.includes("?") ? "&" : "?"}format=csv`);
  if (res.status !== 200) return { status: res.status, rows: [] as string[][] };
  const rows = parseCsv(new TextDecoder().decode(new Uint8Array(bytes).slice(3))).filter((r) => r.length > 1);
  return { status: res.status, rows };
};

async function truth(published: boolean): Promise<StageTruth> {
  const rows = await handle.db
    .select({ id: sheets.id, status: sheets.status })
    .from(sheets)
    .where(eq(sheets.periodId, periodId));
  const scoredIds = new Set(rows.filter((r) => ["scored", "published"].includes(r.status)).map((r) => r.id));
  const unscored = all.filter((s) => !scoredIds.has(s.sheetId));
  const scoredTownships = new Set(all.filter((s) => scoredIds.has(s.sheetId)).map((s) => s.townshipId));
  return {
    published,
    unscoredPeople: new Set(unscored.map((s) => s.personId)),
    unscoredEmployeeNos: new Set(unscored.map((s) => s.employeeNo)),
    unscoredTownships: new Set(all.map((s) => s.townshipId).filter((id) => !scoredTownships.has(id))),
    unscoredTownshipNames: new Set(
      all.filter((s) => !scoredTownships.has(s.townshipId)).map((s) => s.townshipName),
    ),
    scoredCount: scoredIds.size,
    total: all.length,
  };
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  periodId = await period2026(handle.db);
  all = await listStageSheets(handle.db, periodId);
  const firstHalf = firstHalfTownships(all);
  scoredTownship = all.find((s) => firstHalf.has(s.townshipId))?.townshipId ?? -1;
  const secondHalf = all.filter((s) => !firstHalf.has(s.townshipId));
  unscoredTownship = secondHalf[0]?.townshipId ?? -1;
  users = {
    scoredTownship: await townshipUser(handle.db, scoredTownship),
    unscoredTownship: await townshipUser(handle.db, unscoredTownship),
    scoredStaff: all.find((s) => s.townshipId === scoredTownship)?.employeeNo ?? "",
    unscoredStaff: secondHalf[VETO_PERSON_INDEX]?.employeeNo ?? "",
  };
});
afterAll(() => handle.close());

/** Every report and export each role may read at this stage, checked against the stage's truth. */
async function readEverything(stage: StageTruth) {
  const bodies: { where: string; body: Json }[] = [];
  for (const user of ROLES_READING_DASHBOARD) {
    bodies.push({
      where: `${user} dashboard`,
      body: await get(user, `/reports/periods/${periodId}/dashboard`),
    });
    for (const township of [scoredTownship, unscoredTownship])
      bodies.push({
        where: `${user} township ${township}`,
        body: await get(user, `/reports/periods/${periodId}/townships/${township}`),
      });
  }
  for (const [user, township] of [
    [users.scoredTownship, scoredTownship],
    [users.unscoredTownship, unscoredTownship],
  ] as const) {
    bodies.push({
      where: `${user} dashboard`,
      body: await get(user, `/reports/periods/${periodId}/dashboard`),
    });
    bodies.push({
      where: `${user} own township`,
      body: await get(user, `/reports/periods/${periodId}/townships/${township}`),
    });
  }
  for (const staff of [users.scoredStaff, users.unscoredStaff]) {
    const person = all.find((s) => s.employeeNo === staff);
    for (const reader of ["admin", "assessor", "viewer", staff])
      bodies.push({
        where: `${reader} report of ${staff}`,
        body: await get(reader, `/reports/periods/${periodId}/people/${person?.personId}`),
      });
  }
  const rankingStatus = stage.published ? 200 : 403;
  for (const user of ["viewer", users.scoredTownship, users.scoredStaff])
    await get(user, `/reports/periods/${periodId}/townships`, rankingStatus);
  for (const user of ["admin", "assessor"]) {
    bodies.push({
      where: `${user} townships`,
      body: await get(user, `/reports/periods/${periodId}/townships`),
    });
    bodies.push({
      where: `${user} people`,
      body: await get(user, `/reports/periods/${periodId}/people?limit=500`),
    });
  }
  for (const { where, body } of bodies) assertNoUnscoredResults(body, stage, where);
  return bodies;
}

describe("sums only of what adds", () => {
  it("lists rates and ratios as non-additive and decomposes only counts and amounts", async () => {
    const dashboard = await get("admin", `/reports/periods/${periodId}/dashboard`);
    const additive = Object.fromEntries(dashboard.indicators.map((i: Json) => [i.code, i.additive]));
    expect(additive).toMatchObject({ A1: false, A2: false, A3: false, B4: false, D4: false, D3: false });
    expect(additive).toMatchObject({ B1: true, C3: true, D1: true, D2: true });
    for (const [code, value] of [
      ["A1", 95],
      ["B1", 2000],
    ] as const)
      expect(
        (
          await api.call("admin", "PUT", `/api/v1/periods/${periodId}/township-targets`, {
            townshipId: scoredTownship,
            indicatorCode: code,
            value,
          })
        ).status,
      ).toBe(200);
    const decomposition = await get(
      "admin",
      `/periods/${periodId}/decomposition?townshipId=${scoredTownship}`,
    );
    const byCode = Object.fromEntries(decomposition.items.map((i: Json) => [i.indicatorCode, i]));
    expect(byCode.A1).toMatchObject({ additive: false, memberSum: null, balanced: null });
    expect(byCode.B1.additive).toBe(true);
    expect(byCode.B1.memberSum).toBeGreaterThan(0);
  });
});

describe("2026 while the period is open", () => {
  beforeAll(async () => {
    const firstHalf = firstHalfTownships(all);
    const withValues = all.filter((s, i) => firstHalf.has(s.townshipId) || i % 3 !== 0);
    await fillSelfValues(handle.db, withValues, users.unscoredStaff);
    await setStatus(
      handle.db,
      withValues.filter((_, i) => i % 4 === 1),
      "submitted",
    );
    await setStatus(
      handle.db,
      withValues.filter((_, i) => i % 4 >= 2),
      "reviewed",
    );
    await recompute(handle.db, periodId);
  });

  it("the engine has stored results for unscored sheets (what the reports must not show)", async () => {
    const stored = await handle.db
      .select({ grade: sheets.grade, vetoed: sheets.vetoed })
      .from(sheets)
      .where(eq(sheets.periodId, periodId));
    expect(stored.filter((s) => s.grade !== null).length).toBeGreaterThan(100);
    expect(stored.some((s) => s.vetoed)).toBe(true);
  });

  it("shows every role progress, never a grade, rank, 预否决 or veto", async () => {
    const stage = await truth(false);
    expect(stage.scoredCount).toBe(0);
    const bodies = await readEverything(stage);
    const viewer = bodies.find((b) => b.where === "viewer dashboard")?.body ?? {};
    expect(viewer.results).toBe("none");
    expect(viewer.townships).toBeNull();
    expect(viewer.progress.total).toBe(all.length);
    expect(viewer.progress.scored).toBe(0);
    const submitted = (
      await handle.db.select({ status: sheets.status }).from(sheets).where(eq(sheets.periodId, periodId))
    ).filter((s) => s.status !== "draft").length;
    expect(viewer.progress.submitted).toBe(submitted);
    expect(viewer.progress.overdue.selfReport.total).toBe(all.length - submitted);
    expect(viewer.progress.overdue.selfReport.items.length).toBeLessThanOrEqual(50);
    const admin = bodies.find((b) => b.where === "admin dashboard")?.body ?? {};
    expect(admin.results).toBe("provisional");
    expect(admin.provisional).toEqual({ label: "未公示·仅供考核组", scored: 0, total: all.length });
    expect(admin.townships).toEqual([]);
    await assertLowerIsBetter(get, periodId, users.scoredStaff, all, "self");
  });

  it("keeps ranking and score exports to the assessors, and those hold no unscored result", async () => {
    await checkExports(await truth(false));
  });
});

describe("2026 while it is being scored (half the townships)", () => {
  beforeAll(async () => {
    await api
      .call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true })
      .then((res) => expect(res.status).toBe(200));
    const firstHalf = firstHalfTownships(all);
    await scoreSheets(
      handle.db,
      all.filter((s) => firstHalf.has(s.townshipId)),
    );
    await recompute(handle.db, periodId);
  });

  it("gives assessors a provisional ranking of the scored sheets only, labelled, and the rest progress", async () => {
    const stage = await truth(false);
    expect(stage.scoredCount).toBeGreaterThan(0);
    expect(stage.scoredCount).toBeLessThan(all.length);
    const bodies = await readEverything(stage);
    const admin = bodies.find((b) => b.where === "admin dashboard")?.body ?? {};
    expect(admin.provisional).toEqual({
      label: "未公示·仅供考核组",
      scored: stage.scoredCount,
      total: all.length,
    });
    expect(admin.grades).toBeNull();
    const ranked = admin.townships as Json[];
    expect(ranked.length).toBe(firstHalfTownships(all).size);
    for (const row of ranked) {
      expect(row.preVeto).toBeNull();
      expect(row.rankOf).toBe(ranked.length);
    }
    const viewer = bodies.find((b) => b.where === "viewer dashboard")?.body ?? {};
    expect(viewer.results).toBe("none");
    expect(viewer.progress.scored).toBe(stage.scoredCount);
    const matrixA2 = admin.matrix.county.A2;
    expect(matrixA2.completionRate).toBeLessThan(1);
    await assertLowerIsBetter(get, periodId, users.scoredStaff, all, "self");
  });

  it("exports only what has been scored, labelled, and marks the rest pending", async () => {
    await checkExports(await truth(false));
  });
});

describe("2026 once published", () => {
  beforeAll(async () => {
    const firstHalf = firstHalfTownships(all);
    const rest = all.filter((s) => !firstHalf.has(s.townshipId));
    await fillSelfValues(
      handle.db,
      rest.filter((_, i) => i % 3 === 0 && i !== VETO_PERSON_INDEX),
    );
    await scoreSheets(handle.db, rest);
    await recompute(handle.db, periodId);
    const res = await api.call("admin", "POST", `/api/v1/periods/${periodId}/publish`);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("shows every role the published results with ranks out of the pool", async () => {
    const stage = await truth(true);
    expect(stage.scoredCount).toBe(all.length);
    const bodies = await readEverything(stage);
    const viewer = bodies.find((b) => b.where === "viewer dashboard")?.body ?? {};
    expect(viewer.results).toBe("published");
    expect(viewer.townships).toHaveLength(26);
    expect(viewer.townships.filter((t: Json) => t.preVeto).length).toBeGreaterThanOrEqual(2);
    const staff = bodies.find((b) => b.where === `${users.scoredStaff} report of ${users.scoredStaff}`)?.body;
    expect(staff?.sheet.rankOf).toBe(all.length);
    expect(staff?.sheet.rank).toBeLessThanOrEqual(all.length);
    expect(Array.isArray(staff?.changes)).toBe(true);
    const vetoed = bodies.find((b) => b.where === `admin report of ${users.unscoredStaff}`)?.body;
    expect(vetoed?.sheet.vetoed).toBe(true);
    await assertLowerIsBetter(get, periodId, users.scoredStaff, all, "verified");
  });

  it("explains a reassigned person's 折算 and compares their categories with reassigned staff only", async () => {
    const reassigned = all.find((s) => s.category === "reassigned");
    const report = await get("admin", `/reports/periods/${periodId}/people/${reassigned?.personId}`);
    const { proRating, base } = report.sheet;
    expect(proRating).toMatchObject({ possiblePoints: 93, scaled: true, note: "93 分满分折算为 100 分" });
    const raw = report.items
      .filter((item: Json) => item.pointsLabel !== "bonus")
      .reduce((sum: number, item: Json) => sum + (item.score ?? 0), 0);
    expect(proRating.rawPoints).toBeCloseTo(raw, 2);
    expect(base).toBeCloseTo(Math.round((raw / 93) * 10_000) / 100, 2);
    // Scores with their two decimals, as the pages show them (one formatter, src/domain/figures).
    expect(proRating.formula).toBe(`${proRating.rawPoints.toFixed(2)} ÷ 93 × 100 = ${base.toFixed(2)}`);
    const points = Object.fromEntries(report.items.map((item: Json) => [item.code, item.pointsLabel]));
    expect(points).toMatchObject({ E1: "bonus", V1: "veto", A1: null });
    for (const category of report.categories) {
      expect(category.population).toBe("reassigned");
      if (category.points > 0) {
        expect(category.percent).toBeCloseTo((category.score / category.points) * 100, 1);
        expect(category.countyCount).toBe(all.filter((s) => s.category === "reassigned").length);
        expect(category.countyAverage).toBeLessThanOrEqual(100);
      }
    }
  });

  it("exports the published results to every role allowed", async () => {
    await checkExports(await truth(true));
  });
});

async function checkExports(stage: StageTruth) {
  const base = `/exports/periods/${periodId}`;
  for (const user of ["viewer", users.scoredTownship, users.scoredStaff]) {
    const { status } = await csv(user, `${base}/townships`);
    expect(status, `${user} townships export`).toBe(stage.published ? 200 : 403);
  }
  for (const user of ["admin", "assessor", ...(stage.published ? ["viewer"] : [])]) {
    const townships = await csv(user, `${base}/townships`);
    expect(townships.status).toBe(200);
    const header = townships.rows[0] ?? [];
    for (const row of townships.rows.slice(1)) {
      expect(stage.unscoredTownshipNames.has(row[1] ?? ""), `${user} ${row[1]}`).toBe(false);
      if (!stage.published) {
        expect(row[header.indexOf("预否决（提议）")]).toBe("未公示");
        expect(row[header.indexOf("预否决（决定）")]).toBe("未公示");
      }
      expect(row[header.indexOf("排名")]).toMatch(/^第 \d+ \/ \d+ 名$/);
    }
    const peopleRows = await csv(user, `${base}/people`);
    expect(peopleRows.rows.length - 1).toBe(stage.scoredCount);
    for (const row of peopleRows.rows.slice(1))
      expect(stage.unscoredEmployeeNos.has(row[2] ?? "")).toBe(false);
    const scores = await csv(user, `${base}/scores`);
    const head = scores.rows[0] ?? [];
    for (const row of scores.rows.slice(1)) {
      const unscored = stage.unscoredEmployeeNos.has(row[0] ?? "");
      if (unscored) {
        expect(row[head.indexOf("得分")]).toBe("待评定");
        expect(row[head.indexOf("核定值")]).toBe("待核实");
      } else expect(row[head.indexOf("得分")]).toMatch(/^\d+(\.\d+)?$/);
      if (row[5] === "E1") expect(row[head.indexOf("分值")]).toBe("加分项");
      if (row[5] === "V1") expect(row[head.indexOf("分值")]).toBe("否决项");
    }
  }
  for (const user of ["viewer", users.scoredTownship]) {
    const { status } = await csv(user, `${base}/scores`);
    expect(status).toBe(stage.published ? 200 : 403);
  }
}

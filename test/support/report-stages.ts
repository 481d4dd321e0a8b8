import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { updateById } from "../../src/db/bulk";
import type { DbOrTx } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { people, townships } from "../../src/db/schema/org";
import { periods } from "../../src/db/schema/period";
import { indicators } from "../../src/db/schema/scheme";
import { sheetItems, sheets } from "../../src/db/schema/sheet";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import { RATINGS, selfValues } from "./year-fixtures";

// The demo county's 2026 period at three moments of the year, prepared in the database the way the workflow
// leaves it (the workflow itself is tested elsewhere): open with a mix of drafts, submitted and reviewed
// sheets; assessing with the sheets of half the townships scored; every sheet scored. After each step the
// engine recomputes the whole period, as every scoring action does, so the stored totals, grades, ranks,
// 预否决 and vetoes of unscored sheets exist (as zeros or from self values) and must never reach a report.

export interface StageSheet {
  sheetId: number;
  personId: number;
  employeeNo: string;
  category: "station" | "reassigned";
  townshipId: number;
  townshipName: string;
  townshipOrder: number;
}

/** Sex ratio 110 against a limit of 107: worse than the target, so completion must read below 100 %. */
export const A2_WORSE_THAN_TARGET = 110;

/** The 2026 period of the demo county. */
export async function period2026(db: DbOrTx) {
  const [row] = await db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.year, 2026), eq(periods.kind, "annual")));
  if (!row) throw new Error("no 2026 period");
  return row.id;
}

/** The period's sheets in township then employee-number order. */
export function listStageSheets(db: DbOrTx, periodId: number): Promise<StageSheet[]> {
  return db
    .select({
      sheetId: sheets.id,
      personId: sql<number>`${sheets.personId}`,
      employeeNo: people.employeeNo,
      category: sql<"station" | "reassigned">`${sheets.category}`,
      townshipId: sheets.townshipId,
      townshipName: townships.name,
      townshipOrder: townships.sortOrder,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(eq(sheets.periodId, periodId))
    .orderBy(asc(townships.sortOrder), asc(people.employeeNo));
}

/** The township ids of the first half of the townships (by order): the ones scored at the assessing stage. */
export function firstHalfTownships(rows: readonly StageSheet[]): Set<number> {
  const ids = [...new Set(rows.map((row) => row.townshipId))];
  return new Set(ids.slice(0, Math.floor(ids.length / 2)));
}

async function itemRows(db: DbOrTx, sheetIds: readonly number[]) {
  return db
    .select({
      id: sheetItems.id,
      sheetId: sheetItems.sheetId,
      code: indicators.code,
      source: indicators.source,
    })
    .from(sheetItems)
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(inArray(sheetItems.sheetId, [...sheetIds]));
}

/** Self-reported values for these sheets (A2 worse than target for everyone; `lowA1` reports a vetoing A1). */
export async function fillSelfValues(db: DbOrTx, rows: readonly StageSheet[], lowA1?: string) {
  const index = new Map(rows.map((row, i) => [row.sheetId, { row, i }]));
  const updates = (await itemRows(db, [...index.keys()])).flatMap((item) => {
    const entry = index.get(item.sheetId);
    if (!entry || item.source !== "self") return [];
    const values = selfValues(entry.i, entry.row.category);
    values.A2 = A2_WORSE_THAN_TARGET;
    if (entry.row.employeeNo === lowA1) values.A1 = 50; // below the veto limit of 82
    const value = values[item.code];
    return value === undefined ? [] : [{ id: item.id, values: [value] }];
  });
  await updateById(db, "sheet_items", { self_value: "numeric" }, updates);
}

/** Moves sheets to a status without scoring them. */
export async function setStatus(db: DbOrTx, rows: readonly StageSheet[], status: "submitted" | "reviewed") {
  if (rows.length === 0) return;
  await db
    .update(sheets)
    .set({ status })
    .where(
      inArray(
        sheets.id,
        rows.map((row) => row.sheetId),
      ),
    );
}

/** The assessors' part of these sheets (D3 rating, V1 no veto) and status 已评分. */
export async function scoreSheets(db: DbOrTx, rows: readonly StageSheet[]) {
  const index = new Map(rows.map((row, i) => [row.sheetId, i]));
  const items = await itemRows(db, [...index.keys()]);
  const ratings = items
    .filter((item) => item.code === "D3")
    .map((item) => ({ id: item.id, values: [RATINGS[(index.get(item.sheetId) ?? 0) % 4]] }));
  const vetoes = items.filter((item) => item.code === "V1").map((item) => ({ id: item.id, values: [false] }));
  await updateById(db, "sheet_items", { verified_rating: "text" }, ratings);
  await updateById(db, "sheet_items", { verified_flag: "boolean" }, vetoes);
  await db
    .update(sheets)
    .set({ status: "scored" })
    .where(
      inArray(
        sheets.id,
        rows.map((row) => row.sheetId),
      ),
    );
}

/** Recomputes the period as every scoring action does (stores results for every sheet, scored or not). */
export async function recompute(db: DbOrTx, periodId: number) {
  await recomputePeriod(db, periodId);
}

/** The username of the township account of a township. */
export async function townshipUser(db: DbOrTx, townshipId: number) {
  const [row] = await db
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.role, "township"), eq(users.townshipId, townshipId)));
  if (!row) throw new Error(`no township account for ${townshipId}`);
  return row.username;
}

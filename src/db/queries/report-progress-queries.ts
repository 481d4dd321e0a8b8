import { and, asc, count, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { SHEET_STATUSES } from "../../domain/sheet-state";
import type { DbOrTx } from "../client";
import { people, townships } from "../schema/org";
import { periods } from "../schema/period";
import { sheets } from "../schema/sheet";

// The year's progress (进度) while a period is open or being scored: how far each township's sheets have got,
// and which are late. Nothing here reads a total, grade or rank.

// From the domain's one list, so a renamed status cannot fall out of the counts.
const SUBMITTED: string[] = SHEET_STATUSES.filter((status) => status !== "draft");
const REVIEWED = SUBMITTED.filter((status) => status !== "submitted");
const SCORED = REVIEWED.filter((status) => status !== "reviewed");

// 不参加本期考核: exempt sheets are apart from every count and pool here.
const inPool = (periodId: number) => and(eq(sheets.periodId, periodId), isNull(sheets.exemptCategory));

const countIn = (statuses: readonly string[]) =>
  sql<number>`count(*) filter (where ${inArray(sheets.status, [...statuses] as never[])})`.mapWith(Number);

/** Per township: sheets in the period, and how many are 已提交, 已审核 and 已评分 (each includes the later ones). */
export function countSheetProgress(db: DbOrTx, periodId: number, townshipId?: number) {
  const conditions: (SQL | undefined)[] = [inPool(periodId)];
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  return db
    .select({
      townshipId: townships.id,
      name: townships.name,
      total: count(),
      submitted: countIn(SUBMITTED),
      reviewed: countIn(REVIEWED),
      scored: countIn(SCORED),
    })
    .from(sheets)
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(...conditions))
    .groupBy(townships.id, townships.name, townships.sortOrder)
    .orderBy(asc(townships.sortOrder), asc(townships.id));
}

/** The period's deadlines. */
export async function findPeriodDeadlines(db: DbOrTx, periodId: number) {
  const [row] = await db
    .select({ selfReportDeadline: periods.selfReportDeadline, reviewDeadline: periods.reviewDeadline })
    .from(periods)
    .where(eq(periods.id, periodId));
  return row;
}

/** Sheets of the period still in one of `statuses` (late ones), township order, at most `limit`, with the count. */
export async function listSheetsIn(
  db: DbOrTx,
  periodId: number,
  statuses: readonly string[],
  limit: number,
  townshipId?: number,
) {
  const conditions: (SQL | undefined)[] = [
    inPool(periodId),
    inArray(sheets.status, [...statuses] as never[]),
  ];
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    db
      .select({
        personId: people.id,
        employeeNo: people.employeeNo,
        name: people.name,
        townshipName: townships.name,
        status: sheets.status,
      })
      .from(sheets)
      .innerJoin(people, eq(people.id, sheets.personId))
      .innerJoin(townships, eq(townships.id, sheets.townshipId))
      .where(where)
      .orderBy(asc(townships.sortOrder), asc(people.employeeNo))
      .limit(limit),
    db.select({ total: count() }).from(sheets).where(where),
  ]);
  return { items, total: total?.total ?? 0 };
}

/** The scored sheets of a period (optionally one township) with their stored totals: a provisional pool. */
export function listScoredSheets(db: DbOrTx, periodId: number, townshipId?: number) {
  const conditions: (SQL | undefined)[] = [inPool(periodId), inArray(sheets.status, SCORED as never[])];
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  return db
    .select({
      sheetId: sheets.id,
      personId: people.id,
      employeeNo: people.employeeNo,
      name: people.name,
      category: sheets.category,
      position: people.position,
      townshipId: sheets.townshipId,
      townshipCode: townships.code,
      townshipName: townships.name,
      status: sheets.status,
      base: sheets.base,
      bonus: sheets.bonus,
      total: sheets.total,
      vetoed: sheets.vetoed,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(...conditions))
    .orderBy(asc(townships.sortOrder), asc(people.employeeNo));
}

/**
 * The townships' own sheets (乡镇考核表) of a period, scored or not, with their totals: a provisional township
 * composite reads the scored ones and holds back the townships whose own sheet is still pending.
 */
export function listOwnSheets(db: DbOrTx, periodId: number, townshipId?: number) {
  const conditions: (SQL | undefined)[] = [inPool(periodId), isNull(sheets.personId)];
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  return db
    .select({
      townshipId: sheets.townshipId,
      townshipCode: townships.code,
      townshipName: townships.name,
      status: sheets.status,
      total: sheets.total,
      vetoed: sheets.vetoed,
    })
    .from(sheets)
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(...conditions))
    .orderBy(asc(townships.sortOrder));
}

/** Sheet statuses that are not yet submitted / not yet reviewed (for the late lists). */
export const NOT_SUBMITTED = ["draft"] as const;
export const NOT_REVIEWED = ["submitted"] as const;
export { SCORED as SCORED_STATUSES };

/** How many sheets a period has in all and in one township: the "of n" of 第 rank / n 名. */
export async function countPoolSizes(db: DbOrTx, periodId: number, townshipId: number) {
  const [row] = await db
    .select({
      pool: count(),
      township: sql<number>`count(*) filter (where ${sheets.townshipId} = ${townshipId})`.mapWith(Number),
    })
    .from(sheets)
    .where(inPool(periodId));
  return { pool: row?.pool ?? 0, township: row?.township ?? 0 };
}

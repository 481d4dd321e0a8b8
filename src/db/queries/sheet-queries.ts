import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, townships } from "../schema/org";
import { periods, targets, townshipTargets } from "../schema/period";
import { indicators } from "../schema/scheme";
import { evidence, sheetItems, sheetRequests, sheets, townshipReviews } from "../schema/sheet";

/** What a sheet's context is made of: the sheet, its period, whose it is (findSheet, findSheetPage). */
export const sheetContextFields = {
  sheet: sheets,
  period: {
    id: periods.id,
    year: periods.year,
    name: periods.name,
    status: periods.status,
    schemeId: periods.schemeId,
    selfReportDeadline: periods.selfReportDeadline,
    reviewDeadline: periods.reviewDeadline,
    recheckDeadline: periods.recheckDeadline,
    appealDeadline: periods.appealDeadline,
  },
  person: { id: people.id, employeeNo: people.employeeNo, name: people.name, category: people.category },
  township: { id: townships.id, name: townships.name },
};

/** A sheet with its period's status and deadlines and who it belongs to; undefined outside the county. */
export async function findSheet(db: DbOrTx, countyId: number, sheetId: number) {
  const [row] = await db
    .select(sheetContextFields)
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    // null on a township's own sheet (乡镇考核表)
    .leftJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(eq(sheets.id, sheetId), eq(sheets.countyId, countyId)));
  return row;
}

export type SheetContext = NonNullable<Awaited<ReturnType<typeof findSheet>>>;

/** What a sheet item row is made of: the item beside its indicator (listSheetItems, listSheetPageItems). */
export const sheetItemFields = {
  item: sheetItems,
  indicator: {
    id: indicators.id,
    code: indicators.code,
    name: indicators.name,
    categoryCode: indicators.categoryCode,
    categoryName: indicators.categoryName,
    unit: indicators.unit,
    points: indicators.points,
    ruleType: indicators.ruleType,
    source: indicators.source,
    evidenceRequired: indicators.evidenceRequired,
  },
};

/** The items of a sheet with their indicator, in scheme order. */
export function listSheetItems(db: DbOrTx, sheetId: number) {
  return db
    .select(sheetItemFields)
    .from(sheetItems)
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(eq(sheetItems.sheetId, sheetId))
    .orderBy(asc(indicators.sortOrder));
}

export type SheetItemRow = Awaited<ReturnType<typeof listSheetItems>>[number];

/** The items of several sheets with their indicator (one query), for a list's self-scores. */
export function listItemsOfSheets(db: DbOrTx, sheetIds: number[]) {
  if (sheetIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      sheetId: sheetItems.sheetId,
      item: sheetItems,
      indicator: { id: indicators.id, code: indicators.code },
    })
    .from(sheetItems)
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(inArray(sheetItems.sheetId, sheetIds));
}

/** The targets of several people in a period (one query). */
export function listPeopleTargets(db: DbOrTx, periodId: number, personIds: number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .select({ personId: targets.personId, indicatorId: targets.indicatorId, value: targets.value })
    .from(targets)
    .where(and(eq(targets.periodId, periodId), inArray(targets.personId, personIds)));
}

/** Evidence metadata of a sheet's items. */
export function listSheetEvidence(db: DbOrTx, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: evidence.id,
      sheetItemId: evidence.sheetItemId,
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      sizeBytes: evidence.sizeBytes,
      sha256: evidence.sha256,
      uploadedAt: evidence.uploadedAt,
    })
    .from(evidence)
    .where(inArray(evidence.sheetItemId, itemIds))
    .orderBy(asc(evidence.id));
}

/** The person's targets in the period, by indicator id. */
export async function personTargets(db: DbOrTx, periodId: number, personId: number) {
  const rows = await db
    .select({
      indicatorId: targets.indicatorId,
      value: targets.value,
      source: targets.source,
      reason: targets.reason,
    })
    .from(targets)
    .where(and(eq(targets.periodId, periodId), eq(targets.personId, personId)));
  return new Map(rows.map((row) => [row.indicatorId, row]));
}

/** The targets a sheet is scored against: the person's, or on a township's own sheet the township's (乡镇目标). */
export async function sheetTargets(
  db: DbOrTx,
  periodId: number,
  sheet: { personId: number | null; townshipId: number },
) {
  if (sheet.personId !== null) return personTargets(db, periodId, sheet.personId);
  const rows = await db
    .select({ indicatorId: townshipTargets.indicatorId, value: townshipTargets.value })
    .from(townshipTargets)
    .where(and(eq(townshipTargets.periodId, periodId), eq(townshipTargets.townshipId, sheet.townshipId)));
  return new Map(
    rows.map((row) => [
      row.indicatorId,
      { ...row, source: "default" as "default" | "override" | "decomposed", reason: null as string | null },
    ]),
  );
}

/** 复核/申诉 requests and township reviews of a sheet, oldest first. */
export async function sheetHistory(db: DbOrTx, sheetId: number) {
  const [requests, reviews] = await Promise.all([
    db
      .select({
        id: sheetRequests.id,
        kind: sheetRequests.kind,
        indicatorCode: indicators.code,
        reason: sheetRequests.reason,
        filedAt: sheetRequests.filedAt,
        outcome: sheetRequests.outcome,
        decisionReason: sheetRequests.decisionReason,
        decidedAt: sheetRequests.decidedAt,
      })
      .from(sheetRequests)
      .leftJoin(indicators, eq(indicators.id, sheetRequests.indicatorId))
      .where(eq(sheetRequests.sheetId, sheetId))
      .orderBy(asc(sheetRequests.id)),
    db
      .select({
        id: townshipReviews.id,
        decision: townshipReviews.decision,
        comment: townshipReviews.comment,
        reviewedAt: townshipReviews.reviewedAt,
      })
      .from(townshipReviews)
      .where(eq(townshipReviews.sheetId, sheetId))
      .orderBy(asc(townshipReviews.id)),
  ]);
  return { requests, reviews };
}

export interface SheetListFilter {
  countyId: number;
  periodId: number;
  townshipId?: number;
  personId?: number;
  status?: (typeof sheets.$inferSelect)["status"];
}

/** Sheets of a period with their person and township, for queues and lists. */
export function listSheets(db: DbOrTx, filter: SheetListFilter) {
  const conditions: SQL[] = [eq(sheets.countyId, filter.countyId), eq(sheets.periodId, filter.periodId)];
  if (filter.townshipId !== undefined) conditions.push(eq(sheets.townshipId, filter.townshipId));
  if (filter.personId !== undefined) conditions.push(eq(sheets.personId, filter.personId));
  if (filter.status) conditions.push(eq(sheets.status, filter.status));
  return db
    .select({
      id: sheets.id,
      personId: sheets.personId,
      // A township's own sheet (乡镇考核表) has no 工号 and carries the township's name.
      employeeNo: sql<string>`coalesce(${people.employeeNo}, '')`,
      name: sql<string>`coalesce(${people.name}, ${townships.name})`,
      townshipId: sheets.townshipId,
      townshipName: townships.name,
      category: sheets.category,
      status: sheets.status,
      exempt: sheets.exemptCategory,
      base: sheets.base,
      bonus: sheets.bonus,
      total: sheets.total,
      grade: sheets.grade,
      rank: sheets.rank,
      // 第 rank / rankOf 名: the ranked pool is the period's sheets that are not exempt.
      rankOf: sql<number | null>`case when ${sheets.rank} is null then null else (
        select count(*) from sheets as pool
        where pool.period_id = ${sheets.periodId} and pool.exempt_category is null) end`.mapWith(
        (value: unknown) => (value === null ? null : Number(value)),
      ),
      vetoed: sheets.vetoed,
      version: sheets.version,
      submittedAt: sheets.submittedAt,
      // What the township reads before passing a sheet: how much evidence, how many evidence-required items
      // with a value but no file (a bonus count of zero needs none, as on submission), and how often it was returned before.
      evidenceCount:
        sql<number>`(select count(*) from evidence e join sheet_items si on si.id = e.sheet_item_id
        where si.sheet_id = ${sheets.id})`.mapWith(Number),
      missingEvidence: sql<number>`(select count(*) from sheet_items si
        join indicators i on i.id = si.indicator_id
        where si.sheet_id = ${sheets.id} and i.evidence_required
          and num_nonnulls(si.self_value, si.self_flag, si.self_rating, si.self_counts) > 0
          and not (i.rule_type = 'bonus' and si.self_value = 0)
          and not exists (select 1 from evidence e where e.sheet_item_id = si.id))`.mapWith(Number),
      returnCount: sql<number>`(select count(*) from township_reviews r
        where r.sheet_id = ${sheets.id} and r.decision = 'return')`.mapWith(Number),
      unitClass: sheets.unitClass,
    })
    .from(sheets)
    .leftJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(...conditions))
    .orderBy(asc(townships.sortOrder), sql`${people.employeeNo} nulls first`);
}

import { and, asc, eq, inArray, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { progressEntries, targets } from "../schema/period";
import { indicators } from "../schema/scheme";
import { sheetItems, sheets } from "../schema/sheet";
import { itemsOfSheets } from "./report-item-scope";
import { SCORED_STATUSES } from "./report-progress-queries";

/**
 * `Number` for a nullable SQL number (avg, max, a filtered aggregate): drizzle hands SQL NULL through without
 * calling the decoder, so the value is `number | null`, which `.mapWith(Number)` alone would type as `number`.
 */
export const nullableNumber = Number as (value: unknown) => number | null;

/** The indicators of a scheme in document order (the columns of every indicator table). */
export function listSchemeIndicators(db: DbOrTx, schemeId: number) {
  return db
    .select({
      id: indicators.id,
      code: indicators.code,
      name: indicators.name,
      categoryCode: indicators.categoryCode,
      categoryName: indicators.categoryName,
      unit: indicators.unit,
      points: indicators.points,
      ruleType: indicators.ruleType,
      source: indicators.source,
      appliesToStation: indicators.appliesToStation,
      appliesToReassigned: indicators.appliesToReassigned,
      defaultTarget: indicators.defaultTarget,
    })
    .from(indicators)
    .where(eq(indicators.schemeId, schemeId))
    .orderBy(asc(indicators.sortOrder));
}

// The value the engine scores: the assessor's verified number where there is one, else the self-reported one.
const actual = sql`coalesce(${sheetItems.verifiedValue}, ${sheetItems.selfValue})`;

/** Indicator codes by which way is better; codes in neither list get no completion (ratings, counts). */
export interface DirectionCodes {
  higher: readonly string[];
  lower: readonly string[];
}

const codeIn = (codes: readonly string[]): SQL =>
  codes.length > 0 ? inArray(indicators.code, [...codes]) : sql`false`;

/**
 * Completion (完成率) of one value, direction-aware: actual / target where higher is better, target / actual
 * where lower is better (worse than the limit reads below 100 %), null for indicators without a direction.
 */
function completionOf(value: SQLWrapper, target: SQLWrapper, codes: DirectionCodes) {
  return sql`case when ${target} > 0 and ${value} is not null then case when ${codeIn(codes.higher)} then ${value} / ${target} when ${codeIn(codes.lower)} then ${target} / nullif(${value}, 0) end end`;
}

/**
 * Per indicator: completion rate = mean of each item's direction-aware completion over items with a positive
 * target and a numeric actual; score share = Σscore / Σpoints (null for 0-point bonus/veto indicators).
 */
function indicatorMeasures(codes: DirectionCodes) {
  return {
    completionRate: sql<number | null>`round(avg(${completionOf(actual, targets.value, codes)}), 4)`.mapWith(
      nullableNumber,
    ),
    scoreShare: sql<
      number | null
    >`round(sum(${sheetItems.score}) / nullif(sum(${indicators.points}) filter (where ${sheetItems.score} is not null), 0), 4)`.mapWith(
      nullableNumber,
    ),
    averageScore: sql<number | null>`round(avg(${sheetItems.score}), 2)`.mapWith(nullableNumber),
    items: sql<number>`count(*)`.mapWith(Number),
  };
}

export type IndicatorGroup = "township" | "category" | "county";

/**
 * Indicator statistics of the scored sheets (only they have results) of one or more periods in one set-based
 * query, grouped three ways at once (grouping sets): per township × indicator, per person category ×
 * indicator and county-wide per indicator.
 */
export async function indicatorStatistics(
  db: DbOrTx,
  periodIds: readonly number[],
  codes: DirectionCodes,
  options: { townshipId?: number } = {},
) {
  const conditions: SQL[] = [
    inArray(sheets.periodId, [...periodIds]),
    inArray(sheets.status, [...SCORED_STATUSES] as never[]),
    isNull(sheets.exemptCategory),
  ];
  if (options.townshipId !== undefined) conditions.push(eq(sheets.townshipId, options.townshipId));
  conditions.push(itemsOfSheets(...conditions));
  const indicatorKey = sql`${sheets.periodId}, ${indicators.code}, ${indicators.name}`;
  const rows = await db
    .select({
      periodId: sheets.periodId,
      code: indicators.code,
      name: indicators.name,
      townshipId: sheets.townshipId,
      category: sheets.category,
      byTownship: sql<number>`grouping(${sheets.townshipId})`.mapWith(Number),
      byCategory: sql<number>`grouping(${sheets.category})`.mapWith(Number),
      ...indicatorMeasures(codes),
    })
    .from(sheetItems)
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .leftJoin(
      targets,
      and(
        eq(targets.periodId, sheets.periodId),
        eq(targets.personId, sheets.personId),
        eq(targets.indicatorId, sheetItems.indicatorId),
      ),
    )
    .where(and(...conditions))
    .groupBy(
      sql`grouping sets ((${indicatorKey}, ${sheets.townshipId}), (${indicatorKey}, ${sheets.category}), (${indicatorKey}))`,
    );
  return rows.map(({ byTownship, byCategory, ...row }) => ({
    ...row,
    // grouping() is 0 for a column the row is grouped by.
    group: (byTownship === 0 ? "township" : byCategory === 0 ? "category" : "county") as IndicatorGroup,
  }));
}

/** The current (highest-revision) progress value of each person × indicator × month of a period. */
function currentProgress(db: DbOrTx, periodId: number, personId?: number) {
  const conditions: SQL[] = [eq(progressEntries.periodId, periodId)];
  if (personId !== undefined) conditions.push(eq(progressEntries.personId, personId));
  return db
    .selectDistinctOn([progressEntries.personId, progressEntries.indicatorId, progressEntries.month], {
      personId: progressEntries.personId,
      indicatorId: progressEntries.indicatorId,
      month: progressEntries.month,
      revision: progressEntries.revision,
      value: progressEntries.value,
    })
    .from(progressEntries)
    .where(and(...conditions))
    .orderBy(
      progressEntries.personId,
      progressEntries.indicatorId,
      progressEntries.month,
      sql`${progressEntries.revision} desc`,
    )
    .as("current_progress");
}

/**
 * County-wide monthly trend: per indicator and month, the mean direction-aware completion over the people
 * who reported that month (`people` says how many), and the mean of their values.
 */
export function progressTrend(db: DbOrTx, periodId: number, codes: DirectionCodes) {
  const current = currentProgress(db, periodId);
  return db
    .select({
      code: indicators.code,
      month: current.month,
      completionRate: sql<
        number | null
      >`round(avg(${completionOf(current.value, targets.value, codes)}), 4)`.mapWith(nullableNumber),
      averageValue: sql<number | null>`round(avg(${current.value}), 2)`.mapWith(nullableNumber),
      people: sql<number>`count(*)`.mapWith(Number),
    })
    .from(current)
    .innerJoin(indicators, eq(indicators.id, current.indicatorId))
    .leftJoin(
      targets,
      and(
        eq(targets.periodId, periodId),
        eq(targets.personId, current.personId),
        eq(targets.indicatorId, current.indicatorId),
      ),
    )
    .groupBy(indicators.code, indicators.sortOrder, current.month)
    .orderBy(asc(indicators.sortOrder), asc(current.month));
}

/** One person's monthly progress series (current revisions) with the person's target per indicator. */
export function personProgressSeries(db: DbOrTx, periodId: number, personId: number, codes: DirectionCodes) {
  const current = currentProgress(db, periodId, personId);
  return db
    .select({
      code: indicators.code,
      month: current.month,
      value: current.value,
      revision: current.revision,
      target: targets.value,
      completionRate: sql<
        number | null
      >`round(${completionOf(current.value, targets.value, codes)}, 4)`.mapWith(nullableNumber),
    })
    .from(current)
    .innerJoin(indicators, eq(indicators.id, current.indicatorId))
    .leftJoin(
      targets,
      and(
        eq(targets.periodId, periodId),
        eq(targets.personId, current.personId),
        eq(targets.indicatorId, current.indicatorId),
      ),
    )
    .orderBy(asc(indicators.sortOrder), asc(current.month));
}

/**
 * The counts per kind (多类扣分) of the scored sheets of a period, in one township or all, with each sheet's
 * township and unit class: the engine's rule explains them kind by kind (reports add them up).
 */
export function incidentCountRows(db: DbOrTx, periodId: number, townshipId?: number) {
  const conditions: SQL[] = [
    eq(sheets.periodId, periodId),
    inArray(sheets.status, [...SCORED_STATUSES] as never[]),
    isNull(sheets.exemptCategory),
  ];
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  return db
    .select({
      code: indicators.code,
      townshipId: sheets.townshipId,
      unitClass: sheets.unitClass,
      counts: sql<Record<
        string,
        number | number[]
      > | null>`coalesce(${sheetItems.verifiedCounts}, ${sheetItems.selfCounts})`,
    })
    .from(sheetItems)
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(and(itemsOfSheets(...conditions), eq(indicators.ruleType, "incidents")));
}

import { and, asc, count, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { counties, people, townships } from "../schema/org";
import { preVetoDecisions } from "../schema/outcome";
import { periods } from "../schema/period";
import { sheets, townshipResults } from "../schema/sheet";
import { nullableNumber } from "./report-indicator-queries";
import { SCORED_STATUSES } from "./report-progress-queries";

/** A period of the county with what every report needs: its scheme, status and county name. */
export async function findReportPeriod(db: DbOrTx, countyId: number, periodId: number) {
  const [row] = await db
    .select({
      id: periods.id,
      year: periods.year,
      name: periods.name,
      kind: periods.kind,
      quarter: periods.quarter,
      startsOn: periods.startsOn,
      endsOn: periods.endsOn,
      status: periods.status,
      schemeId: periods.schemeId,
      publishedAt: periods.publishedAt,
      countyName: counties.name,
    })
    .from(periods)
    .innerJoin(counties, eq(counties.id, periods.countyId))
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)));
  return row;
}

/** Several periods of the county at once (for year-over-year comparisons), in the order asked. */
export async function findReportPeriods(db: DbOrTx, countyId: number, periodIds: readonly number[]) {
  const rows = await db
    .select({
      id: periods.id,
      year: periods.year,
      name: periods.name,
      kind: periods.kind,
      quarter: periods.quarter,
      status: periods.status,
    })
    .from(periods)
    .where(and(eq(periods.countyId, countyId), inArray(periods.id, [...periodIds])));
  return periodIds.map((id) => rows.find((row) => row.id === id));
}

/** Whether a township is under 预否决 as decided: the engine's proposal, unless an admin added or removed it. */
export const decidedPreVeto = sql<boolean>`case ${preVetoDecisions.decision} when 'add' then true when 'remove' then false else coalesce(${townshipResults.preVeto}, false) end`;

/** The township ranking (乡镇综合得分排名) of a period as the engine last stored it, best first. */
export function listTownshipRanking(db: DbOrTx, periodId: number) {
  return db
    .select({
      townshipId: townships.id,
      code: townships.code,
      name: townships.name,
      composite: townshipResults.composite,
      rank: townshipResults.rank,
      preVeto: townshipResults.preVeto, // 预否决 as the engine proposed it
      preVetoDecision: preVetoDecisions.decision, // the admin's confirm / add / remove, if any
      preVetoDecided: decidedPreVeto,
      hasVetoedMember: townshipResults.hasVetoedMember,
      memberCount: townshipResults.memberCount,
      staffMean: townshipResults.staffMean,
      ownTotal: townshipResults.ownTotal,
    })
    .from(townshipResults)
    .innerJoin(townships, eq(townships.id, townshipResults.townshipId))
    .leftJoin(
      preVetoDecisions,
      and(
        eq(preVetoDecisions.periodId, townshipResults.periodId),
        eq(preVetoDecisions.townshipId, townshipResults.townshipId),
      ),
    )
    .where(eq(townshipResults.periodId, periodId))
    .orderBy(asc(townshipResults.rank), asc(townships.sortOrder), asc(townships.id));
}

// Only scored sheets have results: the engine also stores totals for unscored ones (as zeros), never shown.
// 不参加本期考核: exempt sheets are never counted in a period's figures (they are listed, marked exempt).
const scoredOf = (periodId: number) =>
  and(
    eq(sheets.periodId, periodId),
    inArray(sheets.status, [...SCORED_STATUSES] as never[]),
    isNull(sheets.exemptCategory),
  );

/** How many scored sheets of each grade each township has. */
export function countGradesByTownship(db: DbOrTx, periodId: number) {
  return db
    .select({ townshipId: sheets.townshipId, grade: sheets.grade, count: count() })
    .from(sheets)
    .where(scoredOf(periodId))
    .groupBy(sheets.townshipId, sheets.grade);
}

/** How many scored sheets of each grade the whole pool has. */
export function countGrades(db: DbOrTx, periodId: number) {
  return db
    .select({ grade: sheets.grade, count: count() })
    .from(sheets)
    .where(scoredOf(periodId))
    .groupBy(sheets.grade);
}

/** Averages of the scored sheets' totals by person category (所内人员 vs 选调人员). */
export function averageTotalsByCategory(db: DbOrTx, periodId: number) {
  return db
    .select({
      category: sheets.category,
      count: count(),
      averageTotal: sql<number | null>`round(avg(${sheets.total}), 2)`.mapWith(nullableNumber),
      averageBase: sql<number | null>`round(avg(${sheets.base}), 2)`.mapWith(nullableNumber),
      averageBonus: sql<number | null>`round(avg(${sheets.bonus}), 2)`.mapWith(nullableNumber),
      vetoed: sql<number>`count(*) filter (where ${sheets.vetoed})`.mapWith(Number),
    })
    .from(sheets)
    .where(scoredOf(periodId))
    .groupBy(sheets.category)
    .orderBy(asc(sheets.category));
}

export interface PersonRankingFilter {
  periodId: number;
  townshipId?: number;
  category?: "station" | "reassigned";
  limit: number;
  offset: number;
}

const personRankingColumns = {
  sheetId: sheets.id,
  personId: people.id,
  employeeNo: people.employeeNo,
  name: people.name,
  category: sheets.category,
  position: people.position,
  townshipId: sheets.townshipId,
  townshipName: townships.name,
  status: sheets.status,
  exempt: sheets.exemptCategory,
  base: sheets.base,
  bonus: sheets.bonus,
  total: sheets.total,
  vetoed: sheets.vetoed,
  grade: sheets.grade,
  rank: sheets.rank,
  townshipRank: sheets.townshipRank,
};

function personRankingWhere(filter: Omit<PersonRankingFilter, "limit" | "offset">): SQL | undefined {
  // Scored sheets, and exempt ones (listed, marked 不参加考核, without results).
  const listed = or(
    inArray(sheets.status, [...SCORED_STATUSES] as never[]),
    isNotNull(sheets.exemptCategory),
  );
  const conditions: (SQL | undefined)[] = [eq(sheets.periodId, filter.periodId), listed];
  if (filter.townshipId !== undefined) conditions.push(eq(sheets.townshipId, filter.townshipId));
  if (filter.category) conditions.push(eq(sheets.category, filter.category));
  return and(...conditions);
}

/** The person ranking of a period (rank order, then employee number), filtered and paginated. */
export async function listPersonRanking(db: DbOrTx, filter: PersonRankingFilter) {
  const where = personRankingWhere(filter);
  const [items, [totals]] = await Promise.all([
    db
      .select(personRankingColumns)
      .from(sheets)
      .innerJoin(people, eq(people.id, sheets.personId))
      .innerJoin(townships, eq(townships.id, sheets.townshipId))
      .where(where)
      .orderBy(sql`${sheets.rank} asc nulls last`, asc(people.employeeNo))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(sheets).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** One township's stored results in several periods, each with how many townships that period ranked. */
export async function listTownshipResults(db: DbOrTx, periodIds: readonly number[], townshipId: number) {
  // The ranked count per period is its own grouped query: a correlated subquery over the same table named the
  // outer column unqualified and so counted every period's rows.
  const [rows, counts] = await Promise.all([
    db
      .select({
        periodId: townshipResults.periodId,
        composite: townshipResults.composite,
        rank: townshipResults.rank,
        preVeto: townshipResults.preVeto,
        hasVetoedMember: townshipResults.hasVetoedMember,
        memberCount: townshipResults.memberCount,
      })
      .from(townshipResults)
      .where(
        and(inArray(townshipResults.periodId, [...periodIds]), eq(townshipResults.townshipId, townshipId)),
      ),
    db
      .select({ periodId: townshipResults.periodId, townshipCount: count() })
      .from(townshipResults)
      .where(inArray(townshipResults.periodId, [...periodIds]))
      .groupBy(townshipResults.periodId),
  ]);
  return rows.map((row) => ({
    ...row,
    townshipCount: counts.find((c) => c.periodId === row.periodId)?.townshipCount ?? 0,
  }));
}

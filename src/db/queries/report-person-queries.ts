import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users } from "../schema/auth";
import { people, stations, townships } from "../schema/org";
import { targets } from "../schema/period";
import { indicators } from "../schema/scheme";
import { sheetItems, sheetRequests, sheets, townshipReviews } from "../schema/sheet";
import { nullableNumber } from "./report-indicator-queries";
import { itemsOfSheets } from "./report-item-scope";
import { SCORED_STATUSES } from "./report-progress-queries";

/** A person with their current station and township. */
export async function findReportPerson(db: DbOrTx, countyId: number, personId: number) {
  const [row] = await db
    .select({
      id: people.id,
      employeeNo: people.employeeNo,
      name: people.name,
      gender: people.gender,
      category: people.category,
      position: people.position,
      originUnit: people.originUnit,
      examScore: people.examScore,
      reassignedOn: people.reassignedOn,
      active: people.active,
      stationName: stations.name,
      townshipId: townships.id,
      townshipName: townships.name,
    })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .innerJoin(townships, eq(townships.id, stations.townshipId))
    .where(and(eq(people.id, personId), eq(people.countyId, countyId)));
  return row;
}

/** A person's sheets in the given periods, with where they stood and the pool sizes behind the ranks. */
export function listPersonSheets(db: DbOrTx, personId: number, periodIds: readonly number[]) {
  return db
    .select({
      id: sheets.id,
      periodId: sheets.periodId,
      status: sheets.status,
      townshipId: sheets.townshipId,
      townshipName: townships.name,
      category: sheets.category,
      base: sheets.base,
      bonus: sheets.bonus,
      total: sheets.total,
      vetoed: sheets.vetoed,
      grade: sheets.grade,
      rank: sheets.rank,
      townshipRank: sheets.townshipRank,
      reviewComment: sheets.reviewComment,
      poolSize:
        sql<number>`(select count(*) from sheets p where p.period_id = ${sheets.periodId} and p.exempt_category is null)`.mapWith(
          Number,
        ),
      townshipSize:
        sql<number>`(select count(*) from sheets t where t.period_id = ${sheets.periodId} and t.township_id = ${sheets.townshipId} and t.exempt_category is null)`.mapWith(
          Number,
        ),
    })
    .from(sheets)
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(eq(sheets.personId, personId), inArray(sheets.periodId, [...periodIds])));
}

/** The items of sheets with indicator, target and both the self-reported and the verified values. */
export function listReportItems(db: DbOrTx, sheetIds: readonly number[]) {
  return db
    .select({
      sheetId: sheetItems.sheetId,
      code: indicators.code,
      name: indicators.name,
      categoryCode: indicators.categoryCode,
      categoryName: indicators.categoryName,
      unit: indicators.unit,
      points: indicators.points,
      ruleType: indicators.ruleType,
      source: indicators.source,
      target: targets.value,
      selfValue: sheetItems.selfValue,
      selfFlag: sheetItems.selfFlag,
      selfRating: sheetItems.selfRating,
      selfCounts: sheetItems.selfCounts,
      verifiedValue: sheetItems.verifiedValue,
      verifiedFlag: sheetItems.verifiedFlag,
      verifiedRating: sheetItems.verifiedRating,
      verifiedCounts: sheetItems.verifiedCounts,
      unitClass: sheets.unitClass,
      score: sheetItems.score,
      vetoed: sheetItems.vetoed,
      changeReason: sheetItems.changeReason,
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
    .where(inArray(sheetItems.sheetId, [...sheetIds]))
    .orderBy(asc(sheetItems.sheetId), asc(indicators.sortOrder));
}

/**
 * Scores by indicator category: the person's own Σscore / Σpoints beside the mean of the same share over
 * the scored sheets of their population (所内人员 or 选调人员, whose possible points differ) in their township
 * and in the county, as percentages of the points possible, so unlike bases are never averaged.
 */
export async function categoryScores(
  db: DbOrTx,
  periodId: number,
  personId: number,
  townshipId: number,
  category: "station" | "reassigned",
) {
  const population = and(
    eq(sheets.periodId, periodId),
    eq(sheets.category, category),
    inArray(sheets.status, [...SCORED_STATUSES] as never[]),
    isNull(sheets.exemptCategory),
  );
  const perSheet = db
    .select({
      personId: sheets.personId,
      townshipId: sheets.townshipId,
      categoryCode: indicators.categoryCode,
      categoryName: indicators.categoryName,
      order: sql<number>`min(${indicators.sortOrder})`.as("category_order"),
      score: sql<string | null>`sum(${sheetItems.score})`.as("category_score"),
      points: sql<string>`sum(${indicators.points})`.as("category_points"),
      share: sql<string | null>`sum(${sheetItems.score}) * 100 / nullif(sum(${indicators.points}), 0)`.as(
        "category_share",
      ),
    })
    .from(sheetItems)
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(and(population, itemsOfSheets(population)))
    .groupBy(sheets.personId, sheets.townshipId, indicators.categoryCode, indicators.categoryName)
    .as("per_sheet");
  const own = sql`${perSheet.personId} = ${personId}`;
  const sameTownship = sql`${perSheet.townshipId} = ${townshipId}`;
  const rows = await db
    .select({
      code: perSheet.categoryCode,
      name: perSheet.categoryName,
      score: sql<number | null>`max(${perSheet.score}) filter (where ${own})`.mapWith(nullableNumber),
      points: sql<number | null>`max(${perSheet.points}) filter (where ${own})`.mapWith(nullableNumber),
      percent: sql<number | null>`round(max(${perSheet.share}) filter (where ${own}), 2)`.mapWith(
        nullableNumber,
      ),
      townshipAverage: sql<
        number | null
      >`round(avg(${perSheet.share}) filter (where ${sameTownship}), 2)`.mapWith(nullableNumber),
      townshipCount: sql<number>`count(*) filter (where ${sameTownship})`.mapWith(Number),
      countyAverage: sql<number | null>`round(avg(${perSheet.share}), 2)`.mapWith(nullableNumber),
      countyCount: sql<number>`count(*)`.mapWith(Number),
    })
    .from(perSheet)
    .groupBy(perSheet.categoryCode, perSheet.categoryName)
    .orderBy(sql`min(${perSheet.order})`);
  return rows.map((row) => ({ ...row, population: category }));
}

/** 乡镇审核 decisions on sheets, oldest first, with the reviewer's name. */
export function listTownshipReviews(db: DbOrTx, sheetIds: readonly number[]) {
  return db
    .select({
      sheetId: townshipReviews.sheetId,
      decision: townshipReviews.decision,
      comment: townshipReviews.comment,
      reviewedAt: townshipReviews.reviewedAt,
      reviewer: users.displayName,
    })
    .from(townshipReviews)
    .leftJoin(users, eq(users.id, townshipReviews.reviewedBy))
    .where(inArray(townshipReviews.sheetId, [...sheetIds]))
    .orderBy(asc(townshipReviews.reviewedAt), asc(townshipReviews.id));
}

/** 复核 and 申诉 requests on sheets with their decisions, oldest first. */
export function listSheetRequests(db: DbOrTx, sheetIds: readonly number[]) {
  return db
    .select({
      sheetId: sheetRequests.sheetId,
      kind: sheetRequests.kind,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      reason: sheetRequests.reason,
      filedAt: sheetRequests.filedAt,
      outcome: sheetRequests.outcome,
      decisionReason: sheetRequests.decisionReason,
      decidedAt: sheetRequests.decidedAt,
    })
    .from(sheetRequests)
    .leftJoin(indicators, eq(indicators.id, sheetRequests.indicatorId))
    .where(inArray(sheetRequests.sheetId, [...sheetIds]))
    .orderBy(asc(sheetRequests.filedAt), asc(sheetRequests.id));
}

/** The members of a township in a period with their results, by township rank. */
export function listTownshipMembers(db: DbOrTx, periodId: number, townshipId: number) {
  return db
    .select({
      personId: people.id,
      employeeNo: people.employeeNo,
      name: people.name,
      category: sheets.category,
      position: people.position,
      status: sheets.status,
      base: sheets.base,
      bonus: sheets.bonus,
      total: sheets.total,
      vetoed: sheets.vetoed,
      grade: sheets.grade,
      rank: sheets.rank,
      townshipRank: sheets.townshipRank,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .where(and(eq(sheets.periodId, periodId), eq(sheets.townshipId, townshipId)))
    .orderBy(sql`${sheets.townshipRank} asc nulls last`, asc(people.employeeNo));
}

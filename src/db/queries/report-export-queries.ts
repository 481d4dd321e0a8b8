import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, townships } from "../schema/org";
import { progressEntries, targets } from "../schema/period";
import { indicators } from "../schema/scheme";
import { sheetItems, sheets } from "../schema/sheet";
import { itemsOfSheets } from "./report-item-scope";

// Row sets for the Excel/CSV exports: one statement each, ordered as offices read them
// (township order, employee number, indicator order).

const inTownship = (column: typeof sheets.townshipId, townshipId: number | undefined): SQL | undefined =>
  townshipId === undefined ? undefined : eq(column, townshipId);

/** Full score sheets: one row per person × indicator, with target, both values, score and reason. */
export function listScoreRows(db: DbOrTx, periodId: number, townshipId?: number) {
  return db
    .select({
      employeeNo: people.employeeNo,
      name: people.name,
      townshipName: townships.name,
      category: sheets.category,
      status: sheets.status,
      categoryName: indicators.categoryName,
      code: indicators.code,
      indicatorName: indicators.name,
      unit: indicators.unit,
      points: indicators.points,
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
      changeReason: sheetItems.changeReason,
    })
    .from(sheetItems)
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .innerJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .leftJoin(
      targets,
      and(
        eq(targets.periodId, sheets.periodId),
        eq(targets.personId, sheets.personId),
        eq(targets.indicatorId, sheetItems.indicatorId),
      ),
    )
    .where(
      and(
        eq(sheets.periodId, periodId),
        inTownship(sheets.townshipId, townshipId),
        itemsOfSheets(eq(sheets.periodId, periodId), inTownship(sheets.townshipId, townshipId)),
      ),
    )
    .orderBy(asc(townships.sortOrder), asc(people.employeeNo), asc(indicators.sortOrder));
}

/** Personal targets of a period in the import template's shape. */
export function listTargetRows(db: DbOrTx, periodId: number, townshipId?: number) {
  return db
    .select({
      employeeNo: people.employeeNo,
      name: people.name,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      value: targets.value,
      reason: targets.reason,
    })
    .from(targets)
    .innerJoin(sheets, and(eq(sheets.periodId, targets.periodId), eq(sheets.personId, targets.personId)))
    .innerJoin(people, eq(people.id, targets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .where(and(eq(targets.periodId, periodId), inTownship(sheets.townshipId, townshipId)))
    .orderBy(asc(townships.sortOrder), asc(people.employeeNo), asc(indicators.sortOrder));
}

/** Current (highest-revision) monthly progress of a period in the import template's shape. */
export function listProgressRows(db: DbOrTx, periodId: number, townshipId?: number) {
  return db
    .selectDistinctOn([townships.sortOrder, people.employeeNo, indicators.sortOrder, progressEntries.month], {
      employeeNo: people.employeeNo,
      name: people.name,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      month: progressEntries.month,
      value: progressEntries.value,
      note: progressEntries.note,
    })
    .from(progressEntries)
    .innerJoin(
      sheets,
      and(eq(sheets.periodId, progressEntries.periodId), eq(sheets.personId, progressEntries.personId)),
    )
    .innerJoin(people, eq(people.id, progressEntries.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(and(eq(progressEntries.periodId, periodId), inTownship(sheets.townshipId, townshipId)))
    .orderBy(
      asc(townships.sortOrder),
      asc(people.employeeNo),
      asc(indicators.sortOrder),
      asc(progressEntries.month),
      sql`${progressEntries.revision} desc`,
    );
}

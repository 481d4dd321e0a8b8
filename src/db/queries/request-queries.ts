import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, townships } from "../schema/org";
import { periods } from "../schema/period";
import { indicators } from "../schema/scheme";
import { sheetRequests, sheets } from "../schema/sheet";

/** Which open 复核/申诉 to list: always one county; optionally one period, kind or township. */
export interface OpenRequestFilter {
  countyId: number;
  periodId?: number;
  kind?: "recheck" | "appeal";
  townshipId?: number;
  limit: number;
}

function openRequestConditions(filter: OpenRequestFilter) {
  return and(
    eq(sheetRequests.countyId, filter.countyId),
    isNull(sheetRequests.decidedAt),
    filter.kind === undefined ? undefined : eq(sheetRequests.kind, filter.kind),
    filter.periodId === undefined ? undefined : eq(sheets.periodId, filter.periodId),
    filter.townshipId === undefined ? undefined : eq(sheets.townshipId, filter.townshipId),
  );
}

/** Open requests, oldest first, with the person, township, item and the period's deadlines. */
export function listOpenRequests(db: DbOrTx, filter: OpenRequestFilter) {
  return db
    .select({
      id: sheetRequests.id,
      kind: sheetRequests.kind,
      sheetId: sheetRequests.sheetId,
      periodId: sheets.periodId,
      periodName: periods.name,
      personId: sheets.personId,
      // A township's own sheet (乡镇考核表) is named by its township.
      employeeNo: sql<string>`coalesce(${people.employeeNo}, '')`,
      name: sql<string>`coalesce(${people.name}, ${townships.name})`,
      townshipId: sheets.townshipId,
      townshipName: townships.name,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      reason: sheetRequests.reason,
      filedAt: sheetRequests.filedAt,
      appealDeadline: periods.appealDeadline,
    })
    .from(sheetRequests)
    .innerJoin(sheets, eq(sheets.id, sheetRequests.sheetId))
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .leftJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .leftJoin(indicators, eq(indicators.id, sheetRequests.indicatorId))
    .where(openRequestConditions(filter))
    .orderBy(asc(sheetRequests.filedAt), asc(sheetRequests.id))
    .limit(filter.limit);
}

/** How many open requests match the filter (the list itself is bounded). */
export async function countOpenRequests(db: DbOrTx, filter: OpenRequestFilter): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(sheetRequests)
    .innerJoin(sheets, eq(sheets.id, sheetRequests.sheetId))
    .where(openRequestConditions(filter));
  return row?.total ?? 0;
}

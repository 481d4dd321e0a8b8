import { and, asc, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { periods } from "../schema/period";
import { schemes } from "../schema/scheme";
import { sheets } from "../schema/sheet";

/** Periods of a county, newest first, with their scheme and sheet count. */
export function listPeriods(db: DbOrTx, countyId: number) {
  return db
    .select({
      id: periods.id,
      year: periods.year,
      name: periods.name,
      kind: periods.kind,
      quarter: periods.quarter,
      startsOn: periods.startsOn,
      endsOn: periods.endsOn,
      status: periods.status,
      selfReportDeadline: periods.selfReportDeadline,
      reviewDeadline: periods.reviewDeadline,
      recheckDeadline: periods.recheckDeadline,
      appealDeadline: periods.appealDeadline,
      publishedAt: periods.publishedAt,
      finalizedAt: periods.finalizedAt,
      scheme: { id: schemes.id, code: schemes.code, version: schemes.version, name: schemes.name },
      sheetCount: count(sheets.id),
    })
    .from(periods)
    .innerJoin(schemes, eq(schemes.id, periods.schemeId))
    .leftJoin(sheets, eq(sheets.periodId, periods.id))
    .where(eq(periods.countyId, countyId))
    .groupBy(periods.id, schemes.id)
    .orderBy(desc(periods.year), asc(periods.id));
}

/** A period's status, or undefined when the county has no such period. */
export async function findPeriodStatus(db: DbOrTx, countyId: number, periodId: number) {
  const [row] = await db
    .select({ status: periods.status })
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)));
  return row?.status;
}

import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../auth/session";
import type { DbOrTx } from "../db/client";
import { findReportPeriod } from "../db/queries/report-ranking-queries";
import { people, stations } from "../db/schema/org";
import { sheets } from "../db/schema/sheet";
import { missing, outOfScope, ServiceError } from "./errors";

// Who reads what (README "Reports"):
// - admin, assessor: everything, published or not;
// - viewer (县领导): county-wide; person-level results only once the period is published (公示);
// - township: the county township ranking (it is published information) and person-level data of its own
//   township only, results once published;
// - staff: their own personal report and the township ranking, results once published.

export type ReportPeriod = NonNullable<Awaited<ReturnType<typeof findReportPeriod>>>;

const PUBLISHED = new Set(["published", "final"]);

/** Whether the period's results are public (公示 or final). */
export function isPublished(period: { status: string }): boolean {
  return PUBLISHED.has(period.status);
}

/** Whether this user may see township-level results (composites, ranks, grade counts) of the period. */
export function seesAggregateResults(user: SessionUser, period: { status: string }): boolean {
  return isPublished(period) || ["admin", "assessor", "viewer"].includes(user.role);
}

/** Whether this user may see person-level results (totals, grades, ranks, item scores) of the period. */
export function seesPersonResults(user: SessionUser, period: { status: string }): boolean {
  return isPublished(period) || user.role === "admin" || user.role === "assessor";
}

/** 403 for results that are not yet published to this user. */
export const notPublished = () =>
  new ServiceError(403, "NOT_PUBLISHED", "考核结果尚未公示 The results of this period are not published yet");

/** The period of the user's county, or 404. */
export async function loadReportPeriod(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
): Promise<ReportPeriod> {
  const period = await findReportPeriod(db, user.countyId, periodId);
  if (!period) throw missing("考核周期");
  return period;
}

/** Refuses a township account asking about another township, and staff asking about any township. */
export function assertTownshipInScope(user: SessionUser, townshipId: number): void {
  if (user.role === "staff") throw outOfScope("只能查看本人的考核报告 Staff see their own report only");
  if (user.role === "township" && user.townshipId !== townshipId)
    throw outOfScope("只能查看本乡镇的数据 Township accounts see their own township only");
}

/**
 * Where a person stood in a period: the township of their sheet, or of their current station when the
 * period has no sheet for them. Undefined when the person is not in the county.
 */
export async function personTownship(db: DbOrTx, countyId: number, periodId: number, personId: number) {
  const [row] = await db
    .select({ current: stations.townshipId, ofSheet: sheets.townshipId })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .leftJoin(sheets, and(eq(sheets.personId, people.id), eq(sheets.periodId, periodId)))
    .where(and(eq(people.id, personId), eq(people.countyId, countyId)));
  return row ? (row.ofSheet ?? row.current) : undefined;
}

/**
 * Refuses a person outside the user's scope (staff: themselves; township accounts: their township) as not
 * found, like sheets (src/services/sheet-access.ts): guessing person ids reveals nothing.
 */
export async function assertPersonInScope(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  personId: number,
): Promise<void> {
  const townshipId = await personTownship(db, user.countyId, periodId, personId);
  const outside =
    townshipId === undefined ||
    (user.role === "staff" && user.personId !== personId) ||
    (user.role === "township" && user.townshipId !== townshipId);
  if (outside) throw missing("人员");
}

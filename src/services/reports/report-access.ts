import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { SCORED_STATUSES } from "../../db/queries/report-progress-queries";
import { findReportPeriod } from "../../db/queries/report-ranking-queries";
import { people, stations } from "../../db/schema/org";
import { sheets } from "../../db/schema/sheet";
import { missing, outOfScope, ServiceError } from "../errors";

// Who reads what (README "Reports"):
// - results (totals, grades, ranks, composites, 预否决, vetoes) come only from scored sheets;
// - admin, assessor: published results, and before 公示 a provisional ranking over the scored sheets only
//   (未公示·仅供考核组), without grades or 预否决 (both depend on the whole pool);
// - viewer (县领导): county-wide; results only once the period is published (公示), progress before;
// - township: the county township ranking once published and person-level data of its own township only;
// - staff: their own personal report and the township ranking, results once published.

export type ReportPeriod = NonNullable<Awaited<ReturnType<typeof findReportPeriod>>>;

const PUBLISHED = new Set(["published", "final"]);

/** Sheet statuses that carry an assessor's score (评分 done): only these have results. */
export const SCORED_SHEET_STATUSES: readonly string[] = SCORED_STATUSES;

/** Whether a sheet has been scored by the county assessors. */
export function isScoredSheet(sheet: { status: string }): boolean {
  return SCORED_SHEET_STATUSES.includes(sheet.status);
}

/** Whether the period's results are public (公示 or final). */
export function isPublished(period: { status: string }): boolean {
  return PUBLISHED.has(period.status);
}

/**
 * Which results a user may read: the published ones, a provisional view over scored sheets (assessors and
 * admins before 公示, labelled 未公示·仅供考核组), or none (progress only).
 */
export type ResultsView = "published" | "provisional" | "none";

/** The results view of a user on a period. */
export function resultsView(user: SessionUser, period: { status: string }): ResultsView {
  if (isPublished(period)) return "published";
  return user.role === "admin" || user.role === "assessor" ? "provisional" : "none";
}

/** The label and coverage of a provisional view: 未公示·仅供考核组, over `scored` of `total` sheets. */
export function provisionalNote(scored: number, total: number) {
  return { label: "未公示·仅供考核组", scored, total };
}

/** Whether this user may see township-level results (composites, ranks, grade counts) of the period. */
export function seesAggregateResults(user: SessionUser, period: { status: string }): boolean {
  return resultsView(user, period) !== "none";
}

/** Whether this user may see person-level results (totals, grades, ranks, item scores) of the period. */
export function seesPersonResults(user: SessionUser, period: { status: string }): boolean {
  return resultsView(user, period) !== "none";
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
 * found, like sheets (src/services/assessment/sheet-access.ts): guessing person ids reveals nothing.
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

import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { counties, people, townships } from "../../db/schema/org";
import { deadlineExtensions, periods } from "../../db/schema/period";
import { indicators } from "../../db/schema/scheme";
import { evidence, sheetItems, sheets } from "../../db/schema/sheet";
import { chinaDate, latestDate } from "../../domain/deadlines";
import { SHEET_STATUSES } from "../../domain/sheet-state";
import { missing } from "../errors";
import type { ExportTable } from "../excel/export-table";

// Period control (issue 18): how far each township is (submitted / reviewed / scored / exempt of N, late ones
// counted), and the 催报 list of who still has to act, with what is missing and the days left.

const SUBMITTED: readonly string[] = SHEET_STATUSES.filter((status) => status !== "draft");
const REVIEWED = SUBMITTED.filter((status) => status !== "submitted");
const SCORED = REVIEWED.filter((status) => status !== "reviewed");
/** At most this many names are listed per sheet (the count says how many in all). */
const MISSING_NAMES = 6;

/** Whole days from `today` to `date` (both YYYY-MM-DD, China dates); negative once it has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

async function loadPeriod(db: DbOrTx, countyId: number, periodId: number) {
  const [period] = await db
    .select({
      id: periods.id,
      name: periods.name,
      status: periods.status,
      selfReportDeadline: periods.selfReportDeadline,
      reviewDeadline: periods.reviewDeadline,
      countyName: counties.name,
    })
    .from(periods)
    .innerJoin(counties, eq(counties.id, periods.countyId))
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)));
  if (!period) throw missing("考核周期");
  return period;
}

/** What a draft sheet still lacks: self values and required evidence, per sheet, with indicator names. */
async function missingBySheet(db: DbOrTx, sheetIds: number[]) {
  if (sheetIds.length === 0) return new Map<number, { values: string[]; evidence: string[] }>();
  const hasEvidence = sql<boolean>`exists (select 1 from ${evidence} where ${evidence.sheetItemId} = ${sheetItems.id})`;
  const rows = await db
    .select({
      sheetId: sheetItems.sheetId,
      name: indicators.name,
      noValue: sql<boolean>`num_nonnulls(${sheetItems.selfValue}, ${sheetItems.selfFlag}, ${sheetItems.selfRating}, ${sheetItems.selfCounts}) = 0`,
      // As submitting checks: a bonus of zero has nothing to prove.
      noEvidence: sql<boolean>`${indicators.evidenceRequired} and not (${indicators.ruleType} = 'bonus' and ${sheetItems.selfValue} = 0) and not ${hasEvidence}`,
    })
    .from(sheetItems)
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(and(inArray(sheetItems.sheetId, sheetIds), eq(indicators.source, "self")))
    .orderBy(asc(sheetItems.sheetId), asc(indicators.sortOrder));
  const result = new Map<number, { values: string[]; evidence: string[] }>();
  for (const row of rows) {
    const entry = result.get(row.sheetId) ?? { values: [], evidence: [] };
    if (row.noValue) entry.values.push(row.name);
    else if (row.noEvidence) entry.evidence.push(row.name);
    result.set(row.sheetId, entry);
  }
  return result;
}

/**
 * The period's control view: per township the counts of N in the pool, exempt apart, and the late ones; the 催报
 * list of sheets not yet submitted (staff to act) or not yet reviewed (township to act), each with its own
 * deadline (extensions applied) and the days left. A township account gets its own township only.
 */
export async function periodControl(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  townshipId?: number,
  now = new Date(),
) {
  const period = await loadPeriod(db, user.countyId, periodId);
  const scope = user.role === "township" ? (user.townshipId ?? -1) : townshipId;
  const today = chinaDate(now);
  const conditions = [eq(sheets.periodId, periodId)];
  if (scope !== undefined) conditions.push(eq(sheets.townshipId, scope));
  const [rows, extensions] = await Promise.all([
    db
      .select({
        sheetId: sheets.id,
        status: sheets.status,
        exempt: sql<boolean>`${sheets.exemptCategory} is not null`,
        reviewComment: sheets.reviewComment,
        personId: people.id,
        employeeNo: people.employeeNo,
        name: people.name,
        phone: people.phone,
        townshipId: townships.id,
        townshipName: townships.name,
      })
      .from(sheets)
      .innerJoin(people, eq(people.id, sheets.personId))
      .innerJoin(townships, eq(townships.id, sheets.townshipId))
      .where(and(...conditions))
      .orderBy(asc(townships.sortOrder), asc(townships.id), asc(people.employeeNo)),
    db
      .select({
        townshipId: deadlineExtensions.townshipId,
        personId: deadlineExtensions.personId,
        self: deadlineExtensions.selfReportDeadline,
        review: deadlineExtensions.reviewDeadline,
      })
      .from(deadlineExtensions)
      .where(eq(deadlineExtensions.periodId, periodId)),
  ]);
  const deadlinesOf = (row: (typeof rows)[number]) => {
    const own = extensions.filter(
      (e) => e.townshipId === row.townshipId || (e.townshipId === null && e.personId === row.personId),
    );
    const review = latestDate(period.reviewDeadline, ...own.map((e) => e.review));
    const self = latestDate(period.selfReportDeadline, ...own.map((e) => e.self));
    const returned = row.status === "draft" && row.reviewComment !== null;
    return { self: returned ? latestDate(self, review) : self, review };
  };
  const running = period.status === "open" || period.status === "assessing";
  const byTownship = new Map<number, TownshipProgress>();
  const reminders: Reminder[] = [];
  for (const row of rows) {
    const t =
      byTownship.get(row.townshipId) ??
      ({
        townshipId: row.townshipId,
        name: row.townshipName,
        total: 0,
        submitted: 0,
        reviewed: 0,
        scored: 0,
        exempt: 0,
        overdueSubmit: 0,
        overdueReview: 0,
      } satisfies TownshipProgress);
    byTownship.set(row.townshipId, t);
    if (row.exempt) {
      t.exempt++;
      continue;
    }
    t.total++;
    if (SUBMITTED.includes(row.status)) t.submitted++;
    if (REVIEWED.includes(row.status)) t.reviewed++;
    if (SCORED.includes(row.status)) t.scored++;
    if (!running || (row.status !== "draft" && row.status !== "submitted")) continue;
    const deadlines = deadlinesOf(row);
    const stage = row.status === "draft" ? "submit" : "review";
    const deadline = stage === "submit" ? deadlines.self : deadlines.review;
    const daysLeft = daysUntil(deadline, today);
    if (daysLeft < 0) {
      if (stage === "submit") t.overdueSubmit++;
      else t.overdueReview++;
    }
    reminders.push({
      sheetId: row.sheetId,
      personId: row.personId,
      employeeNo: row.employeeNo,
      name: row.name,
      phone: row.phone,
      townshipId: row.townshipId,
      townshipName: row.townshipName,
      stage,
      returned: row.status === "draft" && row.reviewComment !== null,
      missingValues: 0,
      missingEvidence: 0,
      missing: [],
      deadline,
      daysLeft,
    });
  }
  const lacking = await missingBySheet(
    db,
    reminders.filter((r) => r.stage === "submit").map((r) => r.sheetId),
  );
  for (const reminder of reminders) {
    const entry = lacking.get(reminder.sheetId);
    if (!entry) continue;
    reminder.missingValues = entry.values.length;
    reminder.missingEvidence = entry.evidence.length;
    reminder.missing = [
      ...entry.values.map((name) => `${name}（未填报）`),
      ...entry.evidence.map((name) => `${name}（缺佐证）`),
    ].slice(0, MISSING_NAMES);
  }
  return {
    period: {
      id: period.id,
      name: period.name,
      status: period.status,
      countyName: period.countyName,
      selfReportDeadline: period.selfReportDeadline,
      reviewDeadline: period.reviewDeadline,
    },
    today,
    townships: [...byTownship.values()],
    reminders,
  };
}

export interface TownshipProgress {
  townshipId: number;
  name: string;
  /** Sheets in the pool (exempt ones apart). */
  total: number;
  submitted: number;
  reviewed: number;
  scored: number;
  exempt: number;
  /** Not submitted after the sheet's own self-report deadline. */
  overdueSubmit: number;
  /** Submitted but not reviewed after the review deadline. */
  overdueReview: number;
}

export interface Reminder {
  sheetId: number;
  personId: number;
  employeeNo: string;
  name: string;
  phone: string | null;
  townshipId: number;
  townshipName: string;
  /** `submit`: the person has to submit; `review`: the township has to review. */
  stage: "submit" | "review";
  /** Returned by the township for correction. */
  returned: boolean;
  missingValues: number;
  missingEvidence: number;
  /** Up to six indicator names with what each lacks. */
  missing: string[];
  deadline: string;
  daysLeft: number;
}

/** The 催报 list as a table for Excel: township, 工号, name, phone, what to do, what is missing, deadline, days. */
export function reminderTable(control: Awaited<ReturnType<typeof periodControl>>): ExportTable {
  const text = (header: string, width: number) => ({ header, width, format: "text" as const });
  return {
    title: `${control.period.countyName}${control.period.name}催报名单`,
    sheetName: "催报名单",
    columns: [
      text("乡镇（街道）", 14),
      text("工号", 10),
      text("姓名", 10),
      text("联系电话", 16),
      text("待办", 14),
      { header: "未填项数", width: 9, format: "integer" },
      { header: "缺佐证项数", width: 10, format: "integer" },
      text("缺少内容", 48),
      text("截止日期", 12),
      { header: "剩余天数", width: 9, format: "integer" },
    ],
    rows: control.reminders.map((r) => [
      r.townshipName,
      r.employeeNo,
      r.name,
      r.phone,
      r.stage === "submit" ? (r.returned ? "退回后重新提交" : "填报并提交") : "乡镇审核",
      r.missingValues,
      r.missingEvidence,
      r.missing.join("；"),
      r.deadline,
      r.daysLeft,
    ]),
  };
}

/** Sheets waiting in each stage, for navigation counts: a few grouped counts, never a list. */
export async function countSheetsByStatus(db: DbOrTx, conditions: ReturnType<typeof eq>[]) {
  const rows = await db
    .select({ status: sheets.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .where(and(isNull(sheets.exemptCategory), ...conditions))
    .groupBy(sheets.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

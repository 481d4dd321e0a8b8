import type { DbOrTx } from "../../db/client";
import {
  countSheetProgress,
  findPeriodDeadlines,
  listSheetsIn,
  NOT_REVIEWED,
  NOT_SUBMITTED,
} from "../../db/queries/report-progress-queries";
import { isPastDeadline } from "../../domain/deadlines";
import { provisionalNote } from "./report-access";

/** How many late sheets a report lists by name; the count covers them all. */
export const OVERDUE_LIST_LIMIT = 50;

async function lateList(
  db: DbOrTx,
  periodId: number,
  deadline: string,
  statuses: readonly string[],
  now: Date,
  townshipId?: number,
) {
  if (!isPastDeadline(deadline, now)) return { deadline, passed: false, total: 0, items: [] };
  const late = await listSheetsIn(db, periodId, statuses, OVERDUE_LIST_LIMIT, townshipId);
  return { deadline, passed: true, ...late };
}

/**
 * The year's progress (进度): per township how many sheets are 已提交 / 已审核 / 已评分 of N, the county's
 * sums, and the sheets past the self-report (逾期未提交) and review (逾期未审核) deadlines.
 */
export async function buildProgress(db: DbOrTx, periodId: number, now: Date, townshipId?: number) {
  const [townships, deadlines] = await Promise.all([
    countSheetProgress(db, periodId, townshipId),
    findPeriodDeadlines(db, periodId),
  ]);
  const sum = (key: "total" | "submitted" | "reviewed" | "scored") =>
    townships.reduce((n, row) => n + row[key], 0);
  const [selfReport, review] = deadlines
    ? await Promise.all([
        lateList(db, periodId, deadlines.selfReportDeadline, NOT_SUBMITTED, now, townshipId),
        lateList(db, periodId, deadlines.reviewDeadline, NOT_REVIEWED, now, townshipId),
      ])
    : [null, null];
  return {
    total: sum("total"),
    submitted: sum("submitted"),
    reviewed: sum("reviewed"),
    scored: sum("scored"),
    townships,
    overdue: { selfReport, review },
  };
}

/** The label and coverage of a provisional view: how many of the period's sheets are scored. */
export async function provisionalCoverage(db: DbOrTx, periodId: number, townshipId?: number) {
  const rows = await countSheetProgress(db, periodId, townshipId);
  const scored = rows.reduce((n, row) => n + row.scored, 0);
  const total = rows.reduce((n, row) => n + row.total, 0);
  return provisionalNote(scored, total);
}

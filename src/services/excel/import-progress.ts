import { and, eq, inArray, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { progressEntries } from "../../db/schema/period";
import { takesProgress } from "../../domain/rule-table";
import { appliesTo, listIndicators, type SchemeDocument } from "../../domain/scheme";
import { decimalsMessage } from "../../domain/values";
import { readNumber, readText } from "./cells";
import {
  BATCH_ROWS,
  duplicateChecker,
  type PeriodMember,
  ProblemList,
  readMember,
  recordAuditChunked,
  rowsInTurns,
} from "./import-rows";
import type { RawRow } from "./read-upload";
import { TEMPLATES } from "./templates";

const MAX_VALUE = 9_999_999_999;

/** One validated monthly progress row. */
export interface ProgressRecord {
  row: number;
  personId: number;
  indicatorId: number;
  code: string;
  month: number;
  value: number;
  note: string | null;
}

export interface ProgressContext {
  scheme: SchemeDocument;
  indicatorIds: ReadonlyMap<string, number>;
  members: ReadonlyMap<string, PeriodMember>;
  /** The last month that may be reported (the current month in the period's year). */
  lastMonth: number;
}

/** Checks every row of a progress file; the records are complete only when there are no problems. */
export async function validateProgressRows(ctx: ProgressContext, user: SessionUser, rows: readonly RawRow[]) {
  const problems = new ProblemList(TEMPLATES.progress);
  // Progress is what staff report of their own work: numeric, self-reported indicators only.
  const reportable = new Map(
    listIndicators(ctx.scheme)
      .filter((i) => i.source === "self" && takesProgress(i.rule.type))
      .map((i) => [i.code, i]),
  );
  const duplicate = duplicateChecker(problems);
  const records: ProgressRecord[] = [];
  for await (const row of rowsInTurns(rows)) {
    const member = readMember(problems, row, ctx.members, user);
    const code = problems.read(row, "indicatorCode", (cell) => readText(cell, 32));
    const month = problems.read(row, "month", (cell) => readNumber(cell, { min: 1, max: 12, integer: true }));
    const value = problems.read(row, "value", (cell) => readNumber(cell, { min: 0, max: MAX_VALUE }));
    const note = problems.read(row, "note", (cell) => readText(cell, 500)) ?? null;
    const indicator = code === undefined ? undefined : reportable.get(code);
    if (code !== undefined && !indicator)
      problems.add(
        row.row,
        "indicatorCode",
        `${code} 不是本周期可填报进度的自报数值指标 not a progress indicator`,
      );
    else if (indicator && member && !appliesTo(indicator, member.category))
      problems.add(row.row, "indicatorCode", `指标 ${code} 不适用于该人员类别 does not apply to this person`);
    const tooPrecise = indicator && value !== undefined ? decimalsMessage(indicator, value) : undefined;
    if (tooPrecise) problems.add(row.row, "value", tooPrecise);
    if (month !== undefined && month > ctx.lastMonth)
      problems.add(row.row, "month", `${month} 月尚未到来 month ${month} has not come yet`);
    if (member && code !== undefined && month !== undefined)
      duplicate(row.row, `${member.personId}:${code}:${month}`, "month", "同一人员同一指标同一月份");
    const indicatorId = code === undefined ? undefined : ctx.indicatorIds.get(code);
    if (
      member &&
      indicatorId !== undefined &&
      code !== undefined &&
      month !== undefined &&
      value !== undefined
    )
      records.push({ row: row.row, personId: member.personId, indicatorId, code, month, value, note });
  }
  return { records, problems: problems.items };
}

// People per query when reading current revisions: a county's whole year of progress in one statement
// (22,000 rows) would hold the embedded database, and the event loop with it, for a long stretch.
const PEOPLE_PER_QUERY = 50;

/** The current revision of the progress values of these people, keyed person:indicator:month. */
async function currentRevisions(tx: Tx, periodId: number, personIds: readonly number[]) {
  const out = new Map<string, { revision: number; value: number; note: string | null }>();
  for (let start = 0; start < personIds.length; start += PEOPLE_PER_QUERY) {
    const rows = await tx
      .selectDistinctOn([progressEntries.personId, progressEntries.indicatorId, progressEntries.month], {
        personId: progressEntries.personId,
        indicatorId: progressEntries.indicatorId,
        month: progressEntries.month,
        revision: progressEntries.revision,
        value: progressEntries.value,
        note: progressEntries.note,
      })
      .from(progressEntries)
      .where(
        and(
          eq(progressEntries.periodId, periodId),
          inArray(progressEntries.personId, personIds.slice(start, start + PEOPLE_PER_QUERY)),
        ),
      )
      .orderBy(
        progressEntries.personId,
        progressEntries.indicatorId,
        progressEntries.month,
        sql`${progressEntries.revision} desc`,
      );
    for (const r of rows) out.set(`${r.personId}:${r.indicatorId}:${r.month}`, r);
  }
  return out;
}

/**
 * Adds a revision for every (person, indicator, month) whose value or note differs from the current one
 * (revision 1 where there is none); unchanged rows are not written again, as in the progress form.
 */
export async function writeProgress(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  records: readonly ProgressRecord[],
  onProgress: (processed: number) => void,
) {
  const current = await currentRevisions(tx, periodId, [...new Set(records.map((r) => r.personId))]);
  const changed = records.flatMap((r) => {
    const old = current.get(`${r.personId}:${r.indicatorId}:${r.month}`);
    if (old && old.value === r.value && (old.note ?? null) === r.note) return [];
    return [{ record: r, old, revision: (old?.revision ?? 0) + 1 }];
  });
  let processed = records.length - changed.length;
  onProgress(processed);
  for (let start = 0; start < changed.length; start += BATCH_ROWS) {
    const chunk = changed.slice(start, start + BATCH_ROWS);
    await tx.insert(progressEntries).values(
      chunk.map(({ record: r, revision }) => ({
        countyId: user.countyId,
        periodId,
        personId: r.personId,
        indicatorId: r.indicatorId,
        month: r.month,
        revision,
        value: r.value,
        note: r.note,
        enteredBy: user.id,
      })),
    );
    await recordAuditChunked(
      tx,
      user,
      chunk.map(({ record: r, old, revision }) => ({
        action: revision > 1 ? "progress.import.correct" : "progress.import",
        entity: "progress",
        entityId: `${periodId}:${r.personId}:${r.indicatorId}:${r.month}`,
        before: old ? { value: old.value, revision: old.revision } : null,
        after: { value: r.value, revision, row: r.row },
      })),
    );
    processed += chunk.length;
    onProgress(processed);
  }
  const corrected = changed.filter((c) => c.old !== undefined).length;
  return {
    inserted: changed.length - corrected,
    updated: corrected,
    unchanged: records.length - changed.length,
  };
}

import { eq, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx, Tx } from "../../db/client";
import { targets } from "../../db/schema/period";
import { indicators } from "../../db/schema/scheme";
import {
  appliesTo,
  dividesByTarget,
  listIndicators,
  needsTarget,
  type SchemeDocument,
} from "../../domain/scheme";
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

// numeric(14, 4): anything at or above 10^10 does not fit.
const MAX_VALUE = 9_999_999_999;

/** One validated target row. */
export interface TargetRecord {
  row: number;
  personId: number;
  indicatorId: number;
  code: string;
  value: number;
  /** Null only for a row that leaves its target as it is (an unchanged row needs no reason). */
  reason: string | null;
}

export interface TargetContext {
  scheme: SchemeDocument;
  indicatorIds: ReadonlyMap<string, number>;
  members: ReadonlyMap<string, PeriodMember>;
  /** The period's current target values, keyed `personId:indicatorId`. */
  current: ReadonlyMap<string, number>;
}

type SchemeIndicator = ReturnType<typeof listIndicators>[number];

/** Whether the indicator may carry this person's target of this value; records a problem if not. */
function checkIndicator(
  problems: ProblemList,
  row: number,
  code: string,
  indicator: SchemeIndicator | undefined,
  member: PeriodMember | undefined,
  value: number | undefined,
): void {
  if (!indicator) problems.add(row, "indicatorCode", `本周期考核方案没有指标 ${code} unknown indicator code`);
  else if (!needsTarget(indicator.rule))
    problems.add(row, "indicatorCode", `指标 ${code} 不设目标 this indicator has no target`);
  else if (member && !appliesTo(indicator, member.category))
    problems.add(row, "indicatorCode", `指标 ${code} 不适用于该人员类别 does not apply to this person`);
  if (indicator && value !== undefined && value <= 0 && dividesByTarget(indicator.rule))
    problems.add(row, "value", "该指标按完成率计分，目标值须大于 0 must be > 0 (the rule divides by it)");
  const tooPrecise = indicator && value !== undefined ? decimalsMessage(indicator, value) : undefined;
  if (tooPrecise) problems.add(row, "value", tooPrecise);
}

/** Checks every row of a targets file; the records are complete only when there are no problems. */
export async function validateTargetRows(
  ctx: TargetContext,
  user: SessionUser,
  rows: readonly RawRow[],
  importReason: string | undefined,
) {
  const problems = new ProblemList(TEMPLATES.targets);
  const byCode = new Map(listIndicators(ctx.scheme).map((i) => [i.code, i]));
  const duplicate = duplicateChecker(problems);
  const records: TargetRecord[] = [];
  let withoutReason = 0;
  for await (const row of rowsInTurns(rows)) {
    const member = readMember(problems, row, ctx.members, user);
    const code = problems.read(row, "indicatorCode", (cell) => readText(cell, 32));
    const value = problems.read(row, "value", (cell) => readNumber(cell, { min: 0, max: MAX_VALUE }));
    const reason = problems.read(row, "reason", (cell) => readText(cell, 500)) ?? importReason ?? null;
    if (code !== undefined) checkIndicator(problems, row.row, code, byCode.get(code), member, value);
    if (member && code !== undefined)
      duplicate(row.row, `${member.personId}:${code}`, "indicatorCode", "同一人员同一指标");
    const indicatorId = code === undefined ? undefined : ctx.indicatorIds.get(code);
    if (!member || indicatorId === undefined || code === undefined || value === undefined) continue;
    const changes = ctx.current.get(`${member.personId}:${indicatorId}`) !== value;
    if (changes && reason === null && (row.cells.reason?.kind ?? "empty") === "empty") withoutReason++;
    records.push({ row: row.row, personId: member.personId, indicatorId, code, value, reason });
  }
  // One problem rather than one per row: the fix is to give the import a reason.
  if (withoutReason > 0)
    problems.items.push({
      path: "reason",
      message: `请填写导入原因，或在每个修改的行填写调整原因（${withoutReason} 行未填写） A reason is required`,
    });
  return { records, problems: problems.items };
}

/** The current target values of a period, keyed `personId:indicatorId`. */
export async function currentTargets(db: DbOrTx, periodId: number) {
  const rows = await db
    .select({ personId: targets.personId, indicatorId: targets.indicatorId, value: targets.value })
    .from(targets)
    .where(eq(targets.periodId, periodId));
  return new Map(rows.map((t) => [`${t.personId}:${t.indicatorId}`, t.value]));
}

/** Indicator ids of a scheme by code. */
export async function indicatorIdsOf(db: DbOrTx, schemeId: number) {
  const rows = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(eq(indicators.schemeId, schemeId));
  return new Map(rows.map((row) => [row.code, row.id]));
}

type StoredTarget = Pick<typeof targets.$inferSelect, "value" | "source" | "reason">;

// The file was checked against the targets of that moment; a row that changes a target since changed by
// someone else still leaves a reason.
const reasonOf = (record: TargetRecord) => record.reason ?? "Excel 导入";

/** Upserts one batch of changed targets as overrides and audits each with its before and after. */
async function upsertTargetBatch(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  batch: readonly TargetRecord[],
  before: ReadonlyMap<string, StoredTarget>,
) {
  await tx
    .insert(targets)
    .values(
      batch.map((r) => ({
        countyId: user.countyId,
        periodId,
        personId: r.personId,
        indicatorId: r.indicatorId,
        value: r.value,
        source: "override" as const,
        reason: reasonOf(r),
        updatedBy: user.id,
      })),
    )
    .onConflictDoUpdate({
      target: [targets.periodId, targets.personId, targets.indicatorId],
      set: {
        value: sql`excluded.value`,
        source: sql`excluded.source`,
        reason: sql`excluded.reason`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
    });
  await recordAuditChunked(
    tx,
    user,
    batch.map((r) => {
      const old = before.get(`${r.personId}:${r.indicatorId}`);
      return {
        action: "target.import",
        entity: "target",
        entityId: `${periodId}:${r.personId}:${r.code}`,
        before: old ? { value: old.value, source: old.source, reason: old.reason } : null,
        after: { value: r.value, source: "override", row: r.row },
        reason: reasonOf(r),
      };
    }),
  );
}

/**
 * Upserts the targets on (period, person, indicator) as `override` with the row's reason; rows whose value
 * is already the stored one are left alone (so an exported file imported back changes nothing).
 */
export async function writeTargets(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  records: readonly TargetRecord[],
  onProgress: (processed: number) => void,
) {
  const existing = await tx
    .select({
      personId: targets.personId,
      indicatorId: targets.indicatorId,
      value: targets.value,
      source: targets.source,
      reason: targets.reason,
    })
    .from(targets)
    .where(eq(targets.periodId, periodId));
  const before = new Map(existing.map((t) => [`${t.personId}:${t.indicatorId}`, t]));
  const changed = records.filter((r) => before.get(`${r.personId}:${r.indicatorId}`)?.value !== r.value);
  let processed = records.length - changed.length;
  onProgress(processed);
  for (let start = 0; start < changed.length; start += BATCH_ROWS) {
    const batch = changed.slice(start, start + BATCH_ROWS);
    await upsertTargetBatch(tx, user, periodId, batch, before);
    processed += batch.length;
    onProgress(processed);
  }
  const inserted = changed.filter((r) => !before.has(`${r.personId}:${r.indicatorId}`)).length;
  return { inserted, updated: changed.length - inserted, unchanged: records.length - changed.length };
}

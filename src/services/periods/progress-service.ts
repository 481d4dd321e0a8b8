import { and, desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx, Tx } from "../../db/client";
import { periods, progressEntries } from "../../db/schema/period";
import { indicators } from "../../db/schema/scheme";
import { sheets } from "../../db/schema/sheet";
import { chinaDate } from "../../domain/deadlines";
import { isProgressRuleType } from "../../domain/rule-table";
import { listIndicators } from "../../domain/scheme";
import { decimalsMessage } from "../../domain/values";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { loadPeriodScheme } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";

export interface ProgressWrite {
  indicatorCode: string;
  month: number;
  value: number;
  note?: string | null;
}

/** Current monthly progress (the latest revision of each month) of a period, scoped to the caller. */
export async function listProgress(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  filter: { personId?: number; townshipId?: number },
) {
  const personId = user.role === "staff" ? (user.personId ?? -1) : filter.personId;
  const townshipId = user.role === "township" ? (user.townshipId ?? -1) : filter.townshipId;
  // DISTINCT ON keeps the highest revision of each person × indicator × month.
  const rows = await db
    .selectDistinctOn([progressEntries.personId, progressEntries.indicatorId, progressEntries.month], {
      personId: progressEntries.personId,
      indicatorCode: indicators.code,
      month: progressEntries.month,
      value: progressEntries.value,
      revision: progressEntries.revision,
      note: progressEntries.note,
      enteredAt: progressEntries.enteredAt,
      sortOrder: indicators.sortOrder,
    })
    .from(progressEntries)
    .innerJoin(
      sheets,
      and(eq(sheets.periodId, progressEntries.periodId), eq(sheets.personId, progressEntries.personId)),
    )
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(
      and(
        eq(progressEntries.periodId, periodId),
        eq(progressEntries.countyId, user.countyId),
        personId === undefined ? undefined : eq(progressEntries.personId, personId),
        townshipId === undefined ? undefined : eq(sheets.townshipId, townshipId),
      ),
    )
    .orderBy(
      progressEntries.personId,
      progressEntries.indicatorId,
      progressEntries.month,
      desc(progressEntries.revision),
    );
  return rows
    .sort((a, b) => a.personId - b.personId || a.sortOrder - b.sortOrder || a.month - b.month)
    .map(({ sortOrder: _s, ...row }) => row);
}

/**
 * 进度填报: a staff member records cumulative actuals by month. A changed month adds a new revision, so
 * corrections keep their history; an unchanged value is not written again.
 */
export const recordProgress = inOwnTransaction(recordProgressInTx);

async function recordProgressInTx(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  entries: ProgressWrite[],
  now = new Date(),
) {
  const [period] = await tx
    .select()
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, user.countyId)));
  if (!period) throw missing("考核周期");
  if (period.status === "final")
    throw conflict("PERIOD_FINAL", "考核周期已归档，不能修改 The period is final");
  if (period.status !== "open")
    throw conflict("PERIOD_NOT_OPEN", "考核周期不在填报阶段 The period is not open for progress");
  // Locking the person's sheet row serialises their progress writes: two at once (a double click, two tabs)
  // would otherwise both take the next revision number and one would fail on the unique key.
  const [sheet] = await tx
    .select({ id: sheets.id })
    .from(sheets)
    .where(and(eq(sheets.periodId, periodId), eq(sheets.personId, user.personId ?? -1)))
    .for("update");
  if (!sheet) throw missing("本人考核表");
  const codes = [...new Set(entries.map((e) => e.indicatorCode))];
  const numeric = await tx
    .select({
      id: indicators.id,
      code: indicators.code,
      ruleType: indicators.ruleType,
      source: indicators.source,
    })
    .from(indicators)
    .where(
      and(eq(indicators.schemeId, period.schemeId), inArray(indicators.code, codes.length ? codes : [""])),
    );
  const byCode = new Map(numeric.map((i) => [i.code, i]));
  const today = chinaDate(now);
  const lastMonth =
    Number(today.slice(0, 4)) > period.year
      ? 12
      : Number(today.slice(0, 4)) < period.year
        ? 0
        : Number(today.slice(5, 7));
  const declared = new Map(listIndicators(await loadPeriodScheme(tx, periodId)).map((i) => [i.code, i]));
  const issues: { path: string; message: string }[] = [];
  entries.forEach((entry, index) => {
    const indicator = byCode.get(entry.indicatorCode);
    if (indicator?.source !== "self" || !isProgressRuleType(indicator.ruleType))
      issues.push({
        path: `entries[${index}].indicatorCode`,
        message: "not a numeric self-reported indicator of this period",
      });
    const scheme = declared.get(entry.indicatorCode);
    const tooPrecise = scheme && decimalsMessage(scheme, entry.value);
    if (tooPrecise) issues.push({ path: `entries[${index}].value`, message: tooPrecise });
    if (entry.month > lastMonth)
      issues.push({
        path: `entries[${index}].month`,
        message: `month ${entry.month} of ${period.year} has not come yet`,
      });
  });
  if (issues.length > 0) throw invalid("进度填报有误 Invalid progress entries", issues);
  const current = await listProgress(tx, user, periodId, {});
  const rows = [];
  for (const entry of entries) {
    const indicator = byCode.get(entry.indicatorCode);
    if (!indicator) continue;
    const old = current.find((c) => c.indicatorCode === entry.indicatorCode && c.month === entry.month);
    if (old && old.value === entry.value && (entry.note ?? null) === (old.note ?? null)) continue;
    rows.push({
      countyId: user.countyId,
      periodId,
      personId: user.personId ?? -1,
      indicatorId: indicator.id,
      month: entry.month,
      revision: (old?.revision ?? 0) + 1,
      value: entry.value,
      note: entry.note ?? null,
      enteredBy: user.id,
      before: old ? old.value : null,
    });
  }
  if (rows.length > 0) {
    await tx.insert(progressEntries).values(rows.map(({ before: _b, ...row }) => row));
    await recordAudit(
      tx,
      user,
      rows.map((row) => ({
        action: row.revision > 1 ? "progress.correct" : "progress.record",
        entity: "progress",
        entityId: `${periodId}:${row.personId}:${row.indicatorId}:${row.month}`,
        before: row.before === null ? null : { value: row.before },
        after: { value: row.value, revision: row.revision },
      })),
    );
  }
  return { written: rows.length };
}

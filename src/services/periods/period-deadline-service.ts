import { and, eq, isNull, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { people, townships } from "../../db/schema/org";
import { deadlineExtensions, periods } from "../../db/schema/period";
import { DEADLINE_FIELDS, type DeadlineField, latestDate, pastDeadlines } from "../../domain/deadlines";
import { type Actor, recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { inOwnTransaction } from "../transaction";

type Deadlines = Record<DeadlineField, string>;

const DEADLINE_LABELS: Record<DeadlineField, string> = {
  selfReportDeadline: "自评填报截止",
  reviewDeadline: "乡镇审核截止",
  recheckDeadline: "复核申请截止",
  appealDeadline: "申诉截止",
};

/**
 * Refuses deadlines that are already over unless the request confirms them (`confirmPastDeadlines`), and
 * returns the warnings to put in the answer either way, so the admin always learns which dates are past.
 */
export function checkPastDeadlines(dates: Partial<Deadlines>, now: Date, confirmed: boolean | undefined) {
  const past = pastDeadlines(dates, now);
  const warnings = past.map((field) => ({
    path: field,
    message: `${DEADLINE_LABELS[field]}日期 ${dates[field]} 已过 is already past`,
    code: "DEADLINE_PAST",
    params: { deadline: field, date: dates[field] ?? "" },
  }));
  if (past.length > 0 && !confirmed)
    throw conflict(
      "DEADLINE_IN_PAST",
      `截止日期已过：${past.map((f) => DEADLINE_LABELS[f]).join("、")}；确认请加 confirmPastDeadlines Deadlines already past: ${past.join(", ")}; send confirmPastDeadlines: true to accept`,
      { fields: warnings },
      { deadlines: past },
    );
  return warnings;
}

/** Changes a period's deadlines (not once final), with a reason, audited. */
export const changeDeadlines = inOwnTransaction(changeDeadlinesInTx);

async function changeDeadlinesInTx(
  tx: Tx,
  actor: Actor,
  periodId: number,
  input: Partial<Deadlines> & { reason: string; confirmPastDeadlines?: boolean },
  now: Date,
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "final")
    throw conflict("PERIOD_FINAL", "考核周期已归档，不能修改 The period is final");
  const changed = Object.fromEntries(
    DEADLINE_FIELDS.filter((f) => input[f] !== undefined && input[f] !== period[f]).map((f) => [f, input[f]]),
  ) as Partial<Deadlines>;
  const next = { ...pick(period), ...changed };
  for (let i = 1; i < DEADLINE_FIELDS.length; i++) {
    const [earlier, later] = [DEADLINE_FIELDS[i - 1], DEADLINE_FIELDS[i]] as [DeadlineField, DeadlineField];
    if (next[later] < next[earlier])
      throw invalid("截止日期顺序有误 Deadlines out of order", [
        { path: later, message: `must not be before ${earlier} (${next[earlier]})` },
      ]);
  }
  const warnings = checkPastDeadlines(changed, now, input.confirmPastDeadlines);
  const [updated] = await tx
    .update(periods)
    .set({ ...changed, version: period.version + 1 })
    .where(eq(periods.id, periodId))
    .returning();
  await recordAudit(tx, actor, {
    action: "period.deadlines",
    entity: "period",
    entityId: periodId,
    before: Object.fromEntries(Object.keys(changed).map((f) => [f, period[f as DeadlineField]])),
    after: changed,
    reason: input.reason,
  });
  return { period: updated, warnings };
}

const pick = (p: Deadlines): Deadlines => ({
  selfReportDeadline: p.selfReportDeadline,
  reviewDeadline: p.reviewDeadline,
  recheckDeadline: p.recheckDeadline,
  appealDeadline: p.appealDeadline,
});

/**
 * 延期: a later self-report deadline (and township-review deadline, at least as late) for one township or
 * one person, with a reason. The latest extension that applies to a sheet counts.
 */
export const grantExtension = inOwnTransaction(grantExtensionInTx);

async function grantExtensionInTx(
  tx: Tx,
  actor: Actor,
  periodId: number,
  input: {
    townshipId?: number;
    personId?: number;
    selfReportDeadline: string;
    reviewDeadline?: string;
    reason: string;
    confirmPastDeadlines?: boolean;
  },
  now: Date,
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "published" || period.status === "final")
    throw conflict("PERIOD_NOT_RUNNING", "考核周期已公示或归档，不能延期 The period is published or final");
  await checkExtensionTarget(tx, actor.countyId, input);
  const reviewDeadline = latestDate(input.selfReportDeadline, input.reviewDeadline, period.reviewDeadline);
  const warnings = checkPastDeadlines(
    { selfReportDeadline: input.selfReportDeadline },
    now,
    input.confirmPastDeadlines,
  );
  const [extension] = await tx
    .insert(deadlineExtensions)
    .values({
      countyId: actor.countyId,
      periodId,
      townshipId: input.townshipId ?? null,
      personId: input.personId ?? null,
      selfReportDeadline: input.selfReportDeadline,
      reviewDeadline,
      reason: input.reason,
      grantedBy: actor.id,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "period.extension",
    entity: "period",
    entityId: periodId,
    after: extension,
    reason: input.reason,
  });
  return { extension, warnings };
}

async function checkExtensionTarget(
  tx: Tx,
  countyId: number,
  input: { townshipId?: number; personId?: number },
) {
  if ((input.townshipId === undefined) === (input.personId === undefined))
    throw invalid("请指定一个乡镇或一个人 Name one township or one person", [
      { path: "townshipId", message: "give exactly one of townshipId and personId" },
    ]);
  const found =
    input.townshipId !== undefined
      ? await tx
          .select({ id: townships.id })
          .from(townships)
          .where(and(eq(townships.id, input.townshipId), eq(townships.countyId, countyId)))
      : await tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.id, input.personId ?? 0), eq(people.countyId, countyId)));
  if (found.length === 0)
    throw invalid("乡镇或人员不存在 Unknown township or person", [
      {
        path: input.townshipId !== undefined ? "townshipId" : "personId",
        message: "no such township or person in this county",
      },
    ]);
}

/** The extensions of a period, oldest first. */
export function listExtensions(db: DbOrTx, periodId: number) {
  return db
    .select()
    .from(deadlineExtensions)
    .where(eq(deadlineExtensions.periodId, periodId))
    .orderBy(deadlineExtensions.id);
}

/**
 * A sheet's own deadlines: the period's, moved later by the extensions for its township or its person.
 * A sheet the township returned can be corrected and resubmitted until its review deadline.
 */
export async function sheetDeadlines(
  db: DbOrTx,
  period: { id: number; selfReportDeadline: string; reviewDeadline: string },
  sheet: { townshipId: number; personId: number | null; status: string; reviewComment: string | null },
) {
  const extensions = await db
    .select({ self: deadlineExtensions.selfReportDeadline, review: deadlineExtensions.reviewDeadline })
    .from(deadlineExtensions)
    .where(
      and(
        eq(deadlineExtensions.periodId, period.id),
        or(
          eq(deadlineExtensions.townshipId, sheet.townshipId),
          sheet.personId === null
            ? undefined
            : and(isNull(deadlineExtensions.townshipId), eq(deadlineExtensions.personId, sheet.personId)),
        ),
      ),
    );
  return deadlinesWith(period, sheet, extensions);
}

/** sheetDeadlines from extensions already read (the sheet page reads them with the sheet). */
export function deadlinesWith(
  period: { selfReportDeadline: string; reviewDeadline: string },
  sheet: { status: string; reviewComment: string | null },
  extensions: readonly { self: string; review: string }[],
) {
  const review = latestDate(period.reviewDeadline, ...extensions.map((e) => e.review));
  const extended = latestDate(period.selfReportDeadline, ...extensions.map((e) => e.self));
  const returned = sheet.status === "draft" && sheet.reviewComment !== null;
  return { selfReport: returned ? latestDate(extended, review) : extended, review };
}

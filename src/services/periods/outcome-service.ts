import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { decidedPreVeto } from "../../db/queries/report-ranking-queries";
import { people, townships } from "../../db/schema/org";
import { consequenceRecords, preVetoDecisions } from "../../db/schema/outcome";
import { periods } from "../../db/schema/period";
import { sheets, townshipResults } from "../../db/schema/sheet";
import { consequencesFor, type Measure, type MeasureKind, measureText } from "../../domain/consequences";
import { type Actor, recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { loadPeriodScheme } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";

// 预否决 decisions and 兑现奖惩 records: what the leading group decides on a period's result.

const PRE_VETO_LABELS = { confirm: "确认预否决", add: "增列预否决", remove: "撤销预否决" } as const;
export type PreVetoDecision = keyof typeof PRE_VETO_LABELS;

/** The period's townships with the engine's proposal beside the admin's decision, by rank. */
export async function listPreVeto(db: DbOrTx, countyId: number, periodId: number) {
  return db
    .select({
      townshipId: townships.id,
      name: townships.name,
      composite: townshipResults.composite,
      rank: townshipResults.rank,
      proposed: townshipResults.preVeto,
      decision: preVetoDecisions.decision,
      reason: preVetoDecisions.reason,
      decidedAt: preVetoDecisions.decidedAt,
      decided: decidedPreVeto,
    })
    .from(townshipResults)
    .innerJoin(townships, eq(townships.id, townshipResults.townshipId))
    .leftJoin(
      preVetoDecisions,
      and(
        eq(preVetoDecisions.periodId, townshipResults.periodId),
        eq(preVetoDecisions.townshipId, townshipResults.townshipId),
      ),
    )
    .where(and(eq(townshipResults.periodId, periodId), eq(townshipResults.countyId, countyId)))
    .orderBy(asc(townshipResults.rank), asc(townships.sortOrder), asc(townships.id));
}

/**
 * Records an admin's 预否决 decision on one township before 公示 (the period in draft, open or assessing):
 * confirm or remove a proposed township, or add one the engine did not propose; a reason is required, and a
 * later decision on the same township replaces the earlier one. Audited with before and after.
 */
export const decidePreVeto = inOwnTransaction(decidePreVetoInTx);

async function decidePreVetoInTx(
  tx: Tx,
  actor: Actor,
  periodId: number,
  input: { townshipId: number; decision: PreVetoDecision; reason: string },
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "published" || period.status === "final")
    throw conflict("PERIOD_PUBLISHED", "预否决须在公示前决定 预否决 is decided before publication (公示)");
  const rows = await listPreVeto(tx, actor.countyId, periodId);
  const row = rows.find((r) => r.townshipId === input.townshipId);
  if (!row)
    throw invalid("该乡镇没有本期综合得分 The township has no composite in this period", [
      { path: "townshipId", message: "no composite for this township in the period" },
    ]);
  // Removing undoes an earlier addition too.
  const undoesAddition = input.decision === "remove" && row.decision === "add";
  if (input.decision !== "add" && !row.proposed && !undoesAddition)
    throw invalid("该乡镇未被提议预否决，只能增列 The township was not proposed; it can only be added", [
      { path: "decision", message: `${row.name} is not proposed for 预否决` },
    ]);
  if (input.decision === "add" && row.proposed)
    throw invalid(
      "该乡镇已被提议预否决，请确认或撤销 The township is proposed already; confirm or remove it",
      [{ path: "decision", message: `${row.name} is proposed already` }],
    );
  const values = {
    countyId: actor.countyId,
    periodId,
    townshipId: input.townshipId,
    decision: input.decision,
    reason: input.reason,
    decidedBy: actor.id,
    decidedAt: new Date(),
  };
  await tx
    .insert(preVetoDecisions)
    .values(values)
    .onConflictDoUpdate({
      target: [preVetoDecisions.periodId, preVetoDecisions.townshipId],
      set: {
        decision: values.decision,
        reason: values.reason,
        decidedBy: actor.id,
        decidedAt: values.decidedAt,
      },
    });
  await recordAudit(tx, actor, {
    action: `period.preVeto.${input.decision}`,
    entity: "period",
    entityId: periodId,
    before: {
      townshipId: row.townshipId,
      township: row.name,
      proposed: row.proposed,
      decision: row.decision,
    },
    after: {
      townshipId: row.townshipId,
      township: row.name,
      decision: input.decision,
      label: PRE_VETO_LABELS[input.decision],
    },
    reason: input.reason,
  });
  const [updated] = (await listPreVeto(tx, actor.countyId, periodId)).filter(
    (r) => r.townshipId === input.townshipId,
  );
  return updated;
}

/** The consequences due to each party of a period (by grade, and 预否决 as decided) and those recorded. */
export async function listConsequences(db: DbOrTx, countyId: number, periodId: number) {
  const scheme = await loadPeriodScheme(db, periodId);
  const [townshipRows, personRows, records] = await Promise.all([
    db
      .select({
        townshipId: townships.id,
        name: townships.name,
        rank: townshipResults.rank,
        composite: townshipResults.composite,
        preVeto: decidedPreVeto,
        grade: sheets.grade,
      })
      .from(townshipResults)
      .innerJoin(townships, eq(townships.id, townshipResults.townshipId))
      .leftJoin(
        preVetoDecisions,
        and(
          eq(preVetoDecisions.periodId, townshipResults.periodId),
          eq(preVetoDecisions.townshipId, townshipResults.townshipId),
        ),
      )
      // A township's own sheet (乡镇考核表) carries its grade.
      .leftJoin(
        sheets,
        and(
          eq(sheets.periodId, townshipResults.periodId),
          eq(sheets.townshipId, townshipResults.townshipId),
          sql`${sheets.personId} is null`,
        ),
      )
      .where(and(eq(townshipResults.periodId, periodId), eq(townshipResults.countyId, countyId)))
      .orderBy(asc(townshipResults.rank), asc(townships.sortOrder)),
    db
      .select({
        personId: people.id,
        employeeNo: people.employeeNo,
        name: people.name,
        grade: sheets.grade,
        rank: sheets.rank,
      })
      .from(sheets)
      .innerJoin(people, eq(people.id, sheets.personId))
      .where(
        and(eq(sheets.periodId, periodId), eq(sheets.countyId, countyId), sql`${sheets.grade} is not null`),
      )
      .orderBy(asc(sheets.rank), asc(people.employeeNo)),
    db
      .select()
      .from(consequenceRecords)
      .where(and(eq(consequenceRecords.periodId, periodId), eq(consequenceRecords.countyId, countyId)))
      .orderBy(asc(consequenceRecords.id)),
  ]);
  const due = (measures: Measure[]) => measures.map((m) => ({ ...m, text: measureText(m) }));
  const parties = [
    ...townshipRows.map((t) => ({
      party: { kind: "township" as const, townshipId: t.townshipId, name: t.name },
      rank: t.rank,
      grade: t.grade,
      preVeto: t.preVeto,
      due: due(consequencesFor(scheme.consequences, { grade: t.grade, preVeto: t.preVeto })),
      applied: records.filter((r) => r.townshipId === t.townshipId),
    })),
    ...personRows.map((p) => ({
      party: { kind: "person" as const, personId: p.personId, employeeNo: p.employeeNo, name: p.name },
      rank: p.rank,
      grade: p.grade,
      preVeto: false,
      due: due(consequencesFor(scheme.consequences, { grade: p.grade })),
      applied: records.filter((r) => r.personId === p.personId),
    })),
  ];
  return { parties: parties.filter((p) => p.due.length > 0 || p.applied.length > 0) };
}

export interface NewConsequenceRecord {
  townshipId?: number;
  personId?: number;
  kind: MeasureKind;
  measure: string;
  amount?: number | null;
  appliedOn: string;
  documentNo?: string | null;
  note?: string | null;
}

/**
 * Records a consequence actually applied (兑现) to a township or person of a published or archived period: what,
 * how much, when and under which 文号. Recording what was applied changes no result, so an archived period accepts it.
 */
export const recordConsequence = inOwnTransaction(recordConsequenceInTx);

async function recordConsequenceInTx(tx: Tx, actor: Actor, periodId: number, input: NewConsequenceRecord) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status !== "published" && period.status !== "final")
    throw conflict(
      "PERIOD_NOT_PUBLISHED",
      "结果公示后才能兑现奖惩 Consequences are recorded once the result is published",
    );
  if (input.townshipId !== undefined) {
    const [found] = await tx
      .select({ id: townshipResults.id })
      .from(townshipResults)
      .where(and(eq(townshipResults.periodId, periodId), eq(townshipResults.townshipId, input.townshipId)));
    if (!found)
      throw invalid("该乡镇不在本期结果中 The township has no result in this period", [
        { path: "townshipId", message: "no result for this township" },
      ]);
  }
  if (input.personId !== undefined) {
    const [found] = await tx
      .select({ id: sheets.id })
      .from(sheets)
      .where(
        and(
          eq(sheets.periodId, periodId),
          eq(sheets.personId, input.personId),
          eq(sheets.countyId, actor.countyId),
        ),
      );
    if (!found)
      throw invalid("该人员不在本期考核中 The person has no sheet in this period", [
        { path: "personId", message: "no sheet for this person" },
      ]);
  }
  const [row] = await tx
    .insert(consequenceRecords)
    .values({
      countyId: actor.countyId,
      periodId,
      townshipId: input.townshipId ?? null,
      personId: input.personId ?? null,
      kind: input.kind,
      measure: input.measure,
      amount: input.amount ?? null,
      appliedOn: input.appliedOn,
      documentNo: input.documentNo ?? null,
      note: input.note ?? null,
      recordedBy: actor.id,
    })
    .returning();
  if (!row) throw new Error("consequence insert returned nothing");
  await recordAudit(tx, actor, {
    action: "period.consequence.record",
    entity: "period",
    entityId: periodId,
    after: row,
  });
  return row;
}

/** The period's existence in the county, for read routes. */
export async function assertPeriod(db: DbOrTx, countyId: number, periodId: number) {
  const [row] = await db
    .select({ id: periods.id, status: periods.status })
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)));
  if (!row) throw missing("考核周期");
  return row;
}

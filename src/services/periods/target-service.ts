import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx, Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { people, townships } from "../../db/schema/org";
import { periods, targets, townshipTargets } from "../../db/schema/period";
import { indicators } from "../../db/schema/scheme";
import { sheets } from "../../db/schema/sheet";
import { indicatorDecimals, schemeTraits } from "../../domain/indicator-direction";
import { type Issue, listIndicators, type SchemeDocument } from "../../domain/scheme";
import { decimalsMessage } from "../../domain/values";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing, outOfScope } from "../errors";
import { loadPeriodScheme, recomputePeriod } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";
import { type PeriodPerson, type PersonRef, personLabel, resolvePeople } from "./target-people";

/** One personal target: the person by internal id or by 工号 (exactly one). */
export interface TargetWrite extends PersonRef {
  indicatorCode: string;
  value: number;
}

/** Targets of a period, scoped to what the caller may see (staff: own; township: its staff). */
export async function listTargets(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  filter: { personId?: number; townshipId?: number },
) {
  const conditions = [eq(targets.periodId, periodId), eq(targets.countyId, user.countyId)];
  const personId = user.role === "staff" ? (user.personId ?? -1) : filter.personId;
  const townshipId = user.role === "township" ? (user.townshipId ?? -1) : filter.townshipId;
  if (personId !== undefined) conditions.push(eq(targets.personId, personId));
  if (townshipId !== undefined) conditions.push(eq(sheets.townshipId, townshipId));
  const [rows, scheme] = await Promise.all([
    selectTargets(db, conditions),
    loadPeriodScheme(db, periodId).catch(() => null),
  ]);
  const traits = scheme ? schemeTraits(scheme.categories) : new Map();
  // Whether a column of targets may be summed (人员目标合计): counts and amounts only, never rates.
  return rows.map((row) => {
    const trait = traits.get(row.indicatorCode);
    return { ...row, decimals: trait?.decimals ?? indicatorDecimals({}), additive: trait?.additive ?? false };
  });
}

function selectTargets(db: DbOrTx, conditions: SQL[]) {
  return db
    .select({
      personId: targets.personId,
      employeeNo: people.employeeNo,
      name: people.name,
      townshipId: sheets.townshipId,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      unit: indicators.unit,
      value: targets.value,
      source: targets.source,
      reason: targets.reason,
    })
    .from(targets)
    .innerJoin(people, eq(people.id, targets.personId))
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .innerJoin(sheets, and(eq(sheets.periodId, targets.periodId), eq(sheets.personId, targets.personId)))
    .where(and(...conditions))
    .orderBy(people.employeeNo, indicators.sortOrder);
}

async function writablePeriod(tx: Tx, user: SessionUser, periodId: number) {
  const period = await lockPeriod(tx, user.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "final")
    throw conflict("PERIOD_FINAL", "考核周期已归档，不能修改 The period is final");
  if (period.status === "published")
    throw conflict(
      "PERIOD_PUBLISHED",
      "结果已公示，不能再调整目标 Results are published; targets can no longer change",
    );
  return period;
}

type IndicatorRow = typeof indicators.$inferSelect;

/** Why a target value cannot go on this indicator for this person; people are named by 工号 and name. */
function targetIssues(
  user: SessionUser,
  item: TargetWrite,
  index: number,
  person: PeriodPerson | undefined,
  indicator: IndicatorRow | undefined,
  scheme: SchemeDocument,
): Issue[] {
  const issues: Issue[] = [];
  const at = (field: string) => `items[${index}].${field}`;
  const personField = item.personId !== undefined ? "personId" : "employeeNo";
  const sheet = person?.sheet;
  if (person && sheet && user.role === "township" && sheet.townshipId !== user.townshipId)
    issues.push({
      path: at(personField),
      message: `${personLabel(person)}：不是本乡镇人员 not a member of your township`,
    });
  if (!indicator) issues.push({ path: at("indicatorCode"), message: "unknown indicator code" });
  else if (indicator.defaultTarget === null)
    issues.push({ path: at("indicatorCode"), message: "this indicator has no target" });
  else if (
    person &&
    sheet &&
    !(sheet.category === "station" ? indicator.appliesToStation : indicator.appliesToReassigned)
  )
    issues.push({
      path: at("indicatorCode"),
      message: `指标 ${indicator.code} 不适用于 ${personLabel(person)} does not apply to this person`,
    });
  const dividing = indicator && (indicator.ruleType === "ratio" || indicator.ruleType === "bands");
  if (dividing && item.value <= 0)
    issues.push({ path: at("value"), message: "must be > 0 (the rule divides by it)" });
  const declared = listIndicators(scheme).find((i) => i.code === item.indicatorCode);
  const tooPrecise = declared && decimalsMessage(declared, item.value);
  if (tooPrecise) issues.push({ path: at("value"), message: tooPrecise });
  return issues;
}

/** Sets many personal targets at once (admin; township for its own staff), with a reason, in one transaction. */
export const setTargets = inOwnTransaction(setTargetsInTx);

async function setTargetsInTx(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  input: { reason: string; items: TargetWrite[] },
) {
  const period = await writablePeriod(tx, user, periodId);
  const codes = [...new Set(input.items.map((i) => i.indicatorCode))];
  const [indicatorRows, resolved, scheme] = await Promise.all([
    tx
      .select()
      .from(indicators)
      .where(
        and(eq(indicators.schemeId, period.schemeId), inArray(indicators.code, codes.length ? codes : [""])),
      ),
    resolvePeople(tx, user.countyId, periodId, input.items),
    loadPeriodScheme(tx, periodId),
  ]);
  const indicatorOf = new Map(indicatorRows.map((i) => [i.code, i]));
  const issues = [...resolved.issues];
  // One person named once by id and once by 工号 is a duplicate the edge could not see.
  const firstAt = new Map<string, number>();
  input.items.forEach((item, index) => {
    const person = resolved.people[index];
    issues.push(...targetIssues(user, item, index, person, indicatorOf.get(item.indicatorCode), scheme));
    if (!person) return;
    const key = `${person.personId}:${item.indicatorCode}`;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else
      issues.push({
        path: `items[${index}]`,
        code: "DUPLICATE",
        message: `与第 ${first + 1} 项重复（${personLabel(person)} ${item.indicatorCode}） duplicate of [${first}] (same person and indicator)`,
      });
  });
  if (issues.length > 0) throw invalid("目标设置有误 Invalid targets", issues);
  const personIdAt = (index: number) => resolved.people[index]?.personId ?? -1;
  const personIds = [...new Set(input.items.map((_, index) => personIdAt(index)))];
  const before = await tx
    .select()
    .from(targets)
    .where(and(eq(targets.periodId, periodId), inArray(targets.personId, personIds)));
  const rows = input.items.map((item, index) => ({
    countyId: user.countyId,
    periodId,
    personId: personIdAt(index),
    indicatorId: indicatorOf.get(item.indicatorCode)?.id ?? -1,
    value: item.value,
    source: "override" as const,
    reason: input.reason,
    updatedBy: user.id,
  }));
  await tx
    .insert(targets)
    .values(rows)
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
  await recordAudit(
    tx,
    user,
    rows.map((row, index) => {
      const old = before.find((b) => b.personId === row.personId && b.indicatorId === row.indicatorId);
      return {
        action: "target.set",
        entity: "target",
        entityId: `${periodId}:${row.personId}:${input.items[index]?.indicatorCode}`,
        before: old ? { value: old.value, source: old.source } : null,
        after: { value: row.value, source: row.source },
        reason: input.reason,
      };
    }),
  );
  if (period.status === "assessing") await recomputePeriod(tx, periodId);
  return { updated: rows.length };
}

interface TownshipTargetInput {
  townshipId: number;
  indicatorCode: string;
  value: number;
  reason?: string;
}

/**
 * Sets a township-level target that its staff's targets must add up to (分解), and answers the township's
 * decomposition as it now reads. The answer is read inside the transaction: no query after the commit can
 * turn a saved change into an error.
 */
export const setTownshipTarget = inOwnTransaction(
  async (tx: Tx, user: SessionUser, periodId: number, input: TownshipTargetInput) => {
    await saveTownshipTarget(tx, user, periodId, input);
    return decomposition(tx, user, periodId, input.townshipId);
  },
);

async function saveTownshipTarget(tx: Tx, user: SessionUser, periodId: number, input: TownshipTargetInput) {
  const period = await writablePeriod(tx, user, periodId);
  if (user.role === "township" && user.townshipId !== input.townshipId) throw outOfScope();
  // An admin names the township: it must be one of the county's (not a foreign key failing later, nor another county's).
  const [township] = await tx
    .select({ id: townships.id })
    .from(townships)
    .where(and(eq(townships.id, input.townshipId), eq(townships.countyId, user.countyId)));
  if (!township)
    throw invalid("乡镇不存在 Unknown township", [
      { path: "townshipId", message: "no such township in this county" },
    ]);
  const [indicator] = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.schemeId, period.schemeId), eq(indicators.code, input.indicatorCode)));
  if (!indicator || indicator.defaultTarget === null)
    throw invalid("指标不可分解 This indicator has no target", [
      { path: "indicatorCode", message: "unknown or target-less indicator" },
    ]);
  const declared = listIndicators(await loadPeriodScheme(tx, periodId)).find(
    (i) => i.code === indicator.code,
  );
  const tooPrecise = declared && decimalsMessage(declared, input.value);
  if (tooPrecise)
    throw invalid("目标值小数位过多 Too many decimals", [{ path: "value", message: tooPrecise }]);
  await tx
    .insert(townshipTargets)
    .values({
      countyId: user.countyId,
      periodId,
      townshipId: input.townshipId,
      indicatorId: indicator.id,
      value: input.value,
      updatedBy: user.id,
    })
    .onConflictDoUpdate({
      target: [townshipTargets.periodId, townshipTargets.townshipId, townshipTargets.indicatorId],
      set: { value: input.value, updatedBy: user.id, updatedAt: new Date() },
    });
  await recordAudit(tx, user, {
    action: "township_target.set",
    entity: "township_target",
    entityId: `${periodId}:${input.townshipId}:${input.indicatorCode}`,
    after: { value: input.value },
    reason: input.reason ?? null,
  });
}

/** For each decomposed indicator of a township: its target, the sum of its staff's targets and the difference. */
export async function decomposition(db: DbOrTx, user: SessionUser, periodId: number, townshipId: number) {
  if (user.role === "township" && user.townshipId !== townshipId) throw outOfScope();
  const [period] = await db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, user.countyId)));
  if (!period) throw missing("考核周期");
  const rows = await db
    .select({
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      townshipTarget: townshipTargets.value,
      memberSum: sql<string>`coalesce(sum(${targets.value}), 0)`,
      members: sql<number>`count(${targets.id})::int`,
    })
    .from(townshipTargets)
    .innerJoin(indicators, eq(indicators.id, townshipTargets.indicatorId))
    .leftJoin(
      sheets,
      and(eq(sheets.periodId, townshipTargets.periodId), eq(sheets.townshipId, townshipTargets.townshipId)),
    )
    .leftJoin(
      targets,
      and(
        eq(targets.periodId, townshipTargets.periodId),
        eq(targets.personId, sheets.personId),
        eq(targets.indicatorId, townshipTargets.indicatorId),
      ),
    )
    .where(and(eq(townshipTargets.periodId, periodId), eq(townshipTargets.townshipId, townshipId)))
    .groupBy(indicators.code, indicators.name, townshipTargets.value, indicators.sortOrder)
    .orderBy(indicators.sortOrder);
  const traits = schemeTraits((await loadPeriodScheme(db, periodId)).categories);
  return rows.map((row) => {
    // Only counts and amounts add up: a township's 95 % is not the sum of its members' percentages.
    const additive = traits.get(row.indicatorCode)?.additive ?? false;
    if (!additive) return { ...row, additive, memberSum: null, difference: null, balanced: null };
    const sum = Number(row.memberSum);
    const difference = Math.round((row.townshipTarget - sum) * 10_000) / 10_000;
    return { ...row, additive, memberSum: sum, difference, balanced: difference === 0 };
  });
}

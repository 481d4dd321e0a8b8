import { and, eq, inArray } from "drizzle-orm";
import { chunkRows } from "../../db/bulk";
import type { Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { people, stations } from "../../db/schema/org";
import { targets } from "../../db/schema/period";
import { indicators, schemes } from "../../db/schema/scheme";
import { sheetItems, sheets } from "../../db/schema/sheet";
import { chinaDate } from "../../domain/deadlines";
import { examBoundCodes } from "../../domain/exam-binding";
import { monthsRemaining, proRatedIndicators, proRatedTarget } from "../../domain/pro-rate";
import type { SheetCategory } from "../../domain/scheme";
import { parseScheme } from "../../domain/scheme";
import { type Actor, recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { recomputePeriod } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";

export interface Member {
  id: number;
  stationId: number;
  townshipId: number;
  category: "station" | "reassigned";
  examScore?: number | null;
}

/**
 * Creates a sheet, its items and the county-default targets for each member. An indicator bound to the
 * 选调 exam score is prefilled with the person's recorded score.
 */
export async function createSheets(
  tx: Tx,
  countyId: number,
  periodId: number,
  schemeId: number,
  members: readonly Member[],
) {
  if (members.length === 0) return [];
  const schemeIndicators = await tx.select().from(indicators).where(eq(indicators.schemeId, schemeId));
  const applies = (i: (typeof schemeIndicators)[number], category: SheetCategory) =>
    category === "township"
      ? i.appliesToTownship
      : category === "station"
        ? i.appliesToStation
        : i.appliesToReassigned;
  const created = await tx
    .insert(sheets)
    .values(
      members.map((m) => ({
        countyId,
        periodId,
        personId: m.id,
        stationId: m.stationId,
        townshipId: m.townshipId,
        category: m.category,
      })),
    )
    .returning({ id: sheets.id, personId: sheets.personId, category: sheets.category });
  const examCodes = new Set(await examCodesOf(tx, schemeId));
  const examScoreOf = new Map(members.map((m) => [m.id, m.examScore ?? null]));
  const items = created.flatMap((sheet) =>
    schemeIndicators
      .filter((i) => applies(i, sheet.category))
      .map((i) => ({
        countyId,
        sheetId: sheet.id,
        indicatorId: i.id,
        // 选调 exam binding: prefilled from the person's record.
        selfValue:
          examCodes.has(i.code) && sheet.personId !== null ? (examScoreOf.get(sheet.personId) ?? null) : null,
      })),
  );
  for (const chunk of chunkRows(items, 3)) await tx.insert(sheetItems).values(chunk);
  const defaults = created.flatMap(({ personId, ...sheet }) =>
    personId === null
      ? []
      : schemeIndicators
          .filter((i) => applies(i, sheet.category) && i.defaultTarget !== null)
          .map((i) => ({
            countyId,
            periodId,
            personId,
            indicatorId: i.id,
            value: i.defaultTarget ?? 0,
            source: "default" as const,
          })),
  );
  for (const chunk of chunkRows(defaults, 6)) await tx.insert(targets).values(chunk);
  return created;
}

/** 乡镇考核表: one sheet per township with the items of the indicators that apply to townships. */
export async function createTownshipSheets(
  tx: Tx,
  countyId: number,
  periodId: number,
  schemeId: number,
  townshipIds: readonly number[],
) {
  if (townshipIds.length === 0) return [];
  const forTownships = await tx
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.schemeId, schemeId), eq(indicators.appliesToTownship, true)));
  const created = await tx
    .insert(sheets)
    .values(
      townshipIds.map((townshipId) => ({
        countyId,
        periodId,
        personId: null,
        stationId: null,
        townshipId,
        category: "township" as const,
      })),
    )
    .returning({ id: sheets.id, townshipId: sheets.townshipId });
  const items = created.flatMap((sheet) =>
    forTownships.map((i) => ({ countyId, sheetId: sheet.id, indicatorId: i.id })),
  );
  for (const chunk of chunkRows(items, 3)) await tx.insert(sheetItems).values(chunk);
  return created;
}

async function examCodesOf(tx: Tx, schemeId: number) {
  const [row] = await tx.select({ document: schemes.document }).from(schemes).where(eq(schemes.id, schemeId));
  const parsed = parseScheme(row?.document);
  return parsed.ok ? examBoundCodes(parsed.scheme) : [];
}

/** Active people of the county (optionally of some townships) with the station they stand in now. */
export async function activeMembers(tx: Tx, countyId: number, townshipIds?: number[]) {
  const conditions = [eq(people.countyId, countyId), eq(people.active, true)];
  if (townshipIds) conditions.push(inArray(stations.townshipId, townshipIds));
  return tx
    .select({
      id: people.id,
      stationId: people.stationId,
      townshipId: stations.townshipId,
      category: people.category,
      examScore: people.examScore,
    })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .where(and(...conditions));
}

/**
 * A late arrival (年中新进): adds one person to a running period (draft, open or assessing) with a sheet and the
 * period's default targets (pro-rated by the months left where the scheme marks an indicator `proRate`).
 * Refused when the person already has a sheet or the period is published or final.
 */
export const addPersonToPeriod = inOwnTransaction(addPersonToPeriodInTx);

async function addPersonToPeriodInTx(
  tx: Tx,
  actor: Actor,
  periodId: number,
  who: { personId?: number; employeeNo?: string },
  now = new Date(),
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "published" || period.status === "final")
    throw conflict(
      "PERIOD_NOT_RUNNING",
      "考核周期已公示或归档，不能再加入人员 The period is published or final; no one can join it now",
    );
  const [person] = await tx
    .select({
      id: people.id,
      name: people.name,
      employeeNo: people.employeeNo,
      stationId: people.stationId,
      townshipId: stations.townshipId,
      category: people.category,
      examScore: people.examScore,
      active: people.active,
    })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .where(
      and(
        eq(people.countyId, actor.countyId),
        who.personId !== undefined
          ? eq(people.id, who.personId)
          : eq(people.employeeNo, who.employeeNo ?? ""),
      ),
    );
  const field = who.personId !== undefined ? "personId" : "employeeNo";
  if (!person)
    throw invalid("人员不存在 Unknown person", [{ path: field, message: "no such person in this county" }]);
  if (!person.active)
    throw invalid("此人已停用 The person is inactive", [{ path: field, message: "the person is inactive" }]);
  const [existing] = await tx
    .select({ id: sheets.id })
    .from(sheets)
    .where(and(eq(sheets.periodId, periodId), eq(sheets.personId, person.id)));
  if (existing)
    throw conflict(
      "SHEET_EXISTS",
      `${person.employeeNo} ${person.name} 已有本期考核表 already has a sheet in this period`,
      { sheetId: existing.id },
    );
  const [sheet] = await createSheets(tx, actor.countyId, periodId, period.schemeId, [person]);
  const proRated = await proRateTargets(tx, period, person.id, now);
  // The newcomer joins the pool: township means and member counts must include them at once.
  await recomputePeriod(tx, periodId);
  await recordAudit(tx, actor, {
    action: "period.add_person",
    entity: "sheet",
    entityId: sheet?.id,
    after: {
      periodId,
      personId: person.id,
      employeeNo: person.employeeNo,
      townshipId: person.townshipId,
      ...(proRated.length > 0 ? { proRated } : {}),
    },
  });
  return {
    sheetId: sheet?.id ?? 0,
    person: { id: person.id, employeeNo: person.employeeNo, name: person.name },
    proRated,
  };
}

/** 年中新进: the late arrival's targets of `proRate` indicators become their share for the months left. */
async function proRateTargets(
  tx: Tx,
  period: { id: number; year: number; schemeId: number },
  personId: number,
  now: Date,
) {
  const [row] = await tx
    .select({ document: schemes.document })
    .from(schemes)
    .where(eq(schemes.id, period.schemeId));
  const parsed = parseScheme(row?.document);
  const marked = parsed.ok ? proRatedIndicators(parsed.scheme) : [];
  const months = monthsRemaining(period.year, chinaDate(now));
  if (marked.length === 0 || months >= 12) return [];
  const current = await tx
    .select({ id: targets.id, code: indicators.code, value: targets.value })
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .where(
      and(
        eq(targets.periodId, period.id),
        eq(targets.personId, personId),
        inArray(
          indicators.code,
          marked.map((m) => m.code),
        ),
      ),
    );
  const reason = `年中新进，按剩余 ${months} 个月折算 pro-rated for ${months} of 12 months`;
  const changes = [];
  for (const target of current) {
    const decimals = marked.find((m) => m.code === target.code)?.decimals ?? 2;
    const value = proRatedTarget(target.value, months, decimals);
    await tx.update(targets).set({ value, source: "override", reason }).where(eq(targets.id, target.id));
    changes.push({ code: target.code, target: target.value, value, months });
  }
  return changes;
}

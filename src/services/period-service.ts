import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { chunkRows } from "../db/bulk";
import type { Tx } from "../db/client";
import { lockPeriod } from "../db/queries/period-lock";
import { people, stations, townships } from "../db/schema/org";
import { periods, targets } from "../db/schema/period";
import { indicators, schemes } from "../db/schema/scheme";
import { sheetItems, sheetRequests, sheets } from "../db/schema/sheet";
import { type PeriodAction, type PeriodStatus, transitionPeriod } from "../domain/period-state";
import { type Actor, recordAudit } from "./audit";
import { conflict, invalid, missing } from "./errors";
import { recomputePeriod } from "./scoring-service";

export interface NewPeriod {
  year: number;
  name: string;
  schemeId: number;
  selfReportDeadline: string;
  reviewDeadline: string;
  recheckDeadline: string;
  appealDeadline: string;
  /** Limit the period to some townships (a pilot); all townships of the county when absent. */
  townshipIds?: number[];
}

/** Creates a period in `draft` with a sheet, its items and the county-default targets for every active person. */
export async function createPeriod(tx: Tx, actor: Actor, input: NewPeriod) {
  const [scheme] = await tx
    .select({ id: schemes.id })
    .from(schemes)
    .where(and(eq(schemes.id, input.schemeId), eq(schemes.countyId, actor.countyId)));
  if (!scheme)
    throw invalid("考核方案不存在 Unknown scheme", [{ path: "schemeId", message: "no such scheme" }]);
  const [clash] = await tx
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.countyId, actor.countyId), eq(periods.year, input.year)));
  if (clash)
    throw conflict("PERIOD_EXISTS", `${input.year}年度的考核周期已存在 A period for ${input.year} exists`);
  const { townshipIds, ...values } = input;
  const [period] = await tx
    .insert(periods)
    .values({ ...values, countyId: actor.countyId, status: "draft" })
    .returning();
  if (!period) throw new Error("period insert returned nothing");
  const members = await activeMembers(tx, actor.countyId, townshipIds);
  if (townshipIds && members.townshipCount !== new Set(townshipIds).size)
    throw invalid("乡镇不存在 Unknown township", [
      { path: "townshipIds", message: "not all townships exist in this county" },
    ]);
  await createSheets(tx, actor.countyId, period.id, input.schemeId, members.people);
  await recordAudit(tx, actor, {
    action: "period.create",
    entity: "period",
    entityId: period.id,
    after: { ...period, sheets: members.people.length },
  });
  return period;
}

async function activeMembers(tx: Tx, countyId: number, townshipIds: number[] | undefined) {
  const conditions = [eq(people.countyId, countyId), eq(people.active, true)];
  if (townshipIds) conditions.push(inArray(stations.townshipId, townshipIds));
  const rows = await tx
    .select({
      id: people.id,
      stationId: people.stationId,
      townshipId: stations.townshipId,
      category: people.category,
    })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .where(and(...conditions));
  const known = townshipIds
    ? await tx
        .select({ id: townships.id })
        .from(townships)
        .where(and(eq(townships.countyId, countyId), inArray(townships.id, townshipIds)))
    : [];
  return { people: rows, townshipCount: known.length };
}

async function createSheets(
  tx: Tx,
  countyId: number,
  periodId: number,
  schemeId: number,
  members: { id: number; stationId: number; townshipId: number; category: "station" | "reassigned" }[],
) {
  if (members.length === 0) return;
  const schemeIndicators = await tx.select().from(indicators).where(eq(indicators.schemeId, schemeId));
  const applies = (i: (typeof schemeIndicators)[number], category: "station" | "reassigned") =>
    category === "station" ? i.appliesToStation : i.appliesToReassigned;
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
  const items = created.flatMap((sheet) =>
    schemeIndicators
      .filter((i) => applies(i, sheet.category))
      .map((i) => ({ countyId, sheetId: sheet.id, indicatorId: i.id })),
  );
  for (const chunk of chunkRows(items, 3)) await tx.insert(sheetItems).values(chunk);
  const defaults = created.flatMap((sheet) =>
    schemeIndicators
      .filter((i) => applies(i, sheet.category) && i.defaultTarget !== null)
      .map((i) => ({
        countyId,
        periodId,
        personId: sheet.personId,
        indicatorId: i.id,
        value: i.defaultTarget ?? 0,
        source: "default" as const,
      })),
  );
  for (const chunk of chunkRows(defaults, 6)) await tx.insert(targets).values(chunk);
}

const SHEET_STATUS_ON: Partial<Record<PeriodAction, { from: string[]; to: "published" | "final" }>> = {
  publish: { from: ["scored"], to: "published" },
  finalize: { from: ["published"], to: "final" },
  reopen: { from: ["final"], to: "published" },
};

/** Moves a period along its state machine; publish, finalize and reopen carry its sheets along. */
export async function transitionPeriodStatus(
  tx: Tx,
  actor: Actor,
  periodId: number,
  action: PeriodAction,
  reason?: string,
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  const next = transitionPeriod(period.status as PeriodStatus, action);
  if (!next.ok) throw conflict(next.code, next.message);
  await checkPreconditions(tx, periodId, action);
  const now = new Date();
  const [updated] = await tx
    .update(periods)
    .set({
      status: next.to,
      version: period.version + 1,
      publishedAt: action === "publish" ? now : period.publishedAt,
      finalizedAt: action === "finalize" ? now : action === "reopen" ? null : period.finalizedAt,
    })
    .where(eq(periods.id, periodId))
    .returning();
  const sheetMove = SHEET_STATUS_ON[action];
  if (sheetMove) {
    await tx
      .update(sheets)
      .set({ status: sheetMove.to, version: sql`${sheets.version} + 1` })
      .where(and(eq(sheets.periodId, periodId), inArray(sheets.status, sheetMove.from as never[])));
  }
  if (action === "publish") await recomputePeriod(tx, periodId);
  await recordAudit(tx, actor, {
    action: `period.${action}`,
    entity: "period",
    entityId: periodId,
    before: { status: period.status },
    after: { status: next.to },
    reason: reason ?? null,
  });
  return updated;
}

async function checkPreconditions(tx: Tx, periodId: number, action: PeriodAction) {
  if (action === "publish") {
    const unscored = await tx
      .select({ id: sheets.id })
      .from(sheets)
      .where(and(eq(sheets.periodId, periodId), ne(sheets.status, "scored")));
    if (unscored.length > 0)
      throw conflict(
        "SHEETS_NOT_SCORED",
        `还有 ${unscored.length} 份考核表未评分 ${unscored.length} sheets are not scored`,
        {
          count: unscored.length,
          sheetIds: unscored.slice(0, 50).map((s) => s.id),
        },
      );
  }
  if (action === "finalize") {
    const open = await tx
      .select({ id: sheetRequests.id })
      .from(sheetRequests)
      .innerJoin(sheets, eq(sheets.id, sheetRequests.sheetId))
      .where(and(eq(sheets.periodId, periodId), isNull(sheetRequests.decidedAt)));
    if (open.length > 0)
      throw conflict(
        "OPEN_REQUESTS",
        `还有 ${open.length} 件复核/申诉未处理 ${open.length} rechecks or appeals are open`,
        {
          count: open.length,
        },
      );
  }
}

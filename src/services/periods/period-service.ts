import { and, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { listPeriods } from "../../db/queries/period-queries";
import { people, townships } from "../../db/schema/org";
import { periods } from "../../db/schema/period";
import { schemes } from "../../db/schema/scheme";
import { sheetRequests, sheets } from "../../db/schema/sheet";
import { chinaDate, isPastDeadline } from "../../domain/deadlines";
import { type PeriodKind, periodKindIssues, periodKindTitle } from "../../domain/period-kind";
import { type PeriodAction, sheetMoveOf, transitionPeriod } from "../../domain/period-state";
import { assessesPeople, assessesTownships } from "../../domain/township-composite";
import { type Actor, recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { loadSchemeDocument, recomputePeriod } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";
import { checkPastDeadlines } from "./period-deadline-service";
import { activeMembers, createSheets, createTownshipSheets } from "./period-members-service";

export interface NewPeriod {
  year: number;
  name: string;
  /** 年度 (default), 季度 with its quarter, or 专项活动 with its own dates. */
  kind?: PeriodKind;
  quarter?: number;
  startsOn?: string;
  endsOn?: string;
  schemeId: number;
  selfReportDeadline: string;
  reviewDeadline: string;
  recheckDeadline: string;
  appealDeadline: string;
  /** Limit the period to some townships (a pilot); all townships of the county when absent. */
  townshipIds?: number[];
  /** Accept deadlines that are already over (refused otherwise). */
  confirmPastDeadlines?: boolean;
}

/** Creates a period in `draft` with a sheet, its items and the county-default targets for every active person. */
export const createPeriod = inOwnTransaction(createPeriodInTx);

async function createPeriodInTx(tx: Tx, actor: Actor, input: NewPeriod, now: Date) {
  const [scheme] = await tx
    .select({ id: schemes.id })
    .from(schemes)
    .where(and(eq(schemes.id, input.schemeId), eq(schemes.countyId, actor.countyId)));
  if (!scheme)
    throw invalid("考核方案不存在 Unknown scheme", [{ path: "schemeId", message: "no such scheme" }]);
  const kind = input.kind ?? "annual";
  const kindIssues = periodKindIssues({ ...input, kind });
  if (kindIssues.length > 0) throw invalid("考核周期种类与日期不符 The period kind does not fit", kindIssues);
  const [clash] = await tx
    .select({ id: periods.id })
    .from(periods)
    .where(
      and(
        eq(periods.countyId, actor.countyId),
        eq(periods.year, input.year),
        eq(periods.kind, kind),
        kind === "quarter" ? eq(periods.quarter, input.quarter ?? 0) : undefined,
        kind === "campaign" ? eq(periods.name, input.name) : undefined,
      ),
    );
  if (clash) {
    const title = periodKindTitle(input.year, { ...input, kind });
    throw conflict("PERIOD_EXISTS", `${title}的考核周期已存在 A ${kind} period for ${input.year} exists`);
  }
  const { townshipIds, confirmPastDeadlines, ...values } = { ...input, kind };
  const warnings = checkPastDeadlines(values, now, confirmPastDeadlines);
  if (townshipIds) {
    const known = await tx
      .select({ id: townships.id })
      .from(townships)
      .where(and(eq(townships.countyId, actor.countyId), inArray(townships.id, townshipIds)));
    if (known.length !== new Set(townshipIds).size)
      throw invalid("乡镇不存在 Unknown township", [
        { path: "townshipIds", message: "not all townships exist in this county" },
      ]);
  }
  const [period] = await tx
    .insert(periods)
    .values({ ...values, countyId: actor.countyId, status: "draft" })
    .returning();
  if (!period) throw new Error("period insert returned nothing");
  const document = await loadSchemeDocument(tx, input.schemeId);
  const members = assessesPeople(document) ? await activeMembers(tx, actor.countyId, townshipIds) : [];
  await createSheets(tx, actor.countyId, period.id, input.schemeId, members);
  // 乡镇考核表: one sheet per township of the period (all of the county's, or those named).
  const townshipSheets = assessesTownships(document)
    ? await createTownshipSheets(
        tx,
        actor.countyId,
        period.id,
        input.schemeId,
        townshipIds ??
          (
            await tx
              .select({ id: townships.id })
              .from(townships)
              .where(eq(townships.countyId, actor.countyId))
              .orderBy(townships.sortOrder, townships.id)
          ).map((t) => t.id),
      )
    : [];
  await recordAudit(tx, actor, {
    action: "period.create",
    entity: "period",
    entityId: period.id,
    after: { ...period, sheets: members.length, townshipSheets: townshipSheets.length },
  });
  return { period, warnings };
}

/** Moves a period along its state machine; publish, finalize and reopen carry its (non-exempt) sheets along. */
export const transitionPeriodStatus = inOwnTransaction(transitionPeriodStatusInTx);

async function transitionPeriodStatusInTx(
  tx: Tx,
  actor: Actor,
  periodId: number,
  action: PeriodAction,
  options: { reason?: string; confirm?: boolean; now?: Date } = {},
) {
  const period = await lockPeriod(tx, actor.countyId, periodId);
  if (!period) throw missing("考核周期");
  const next = transitionPeriod(period.status, action);
  if (!next.ok) throw conflict(next.code, next.message);
  await checkPreconditions(tx, period, action, options);
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
  const sheetMove = sheetMoveOf(action);
  if (sheetMove) {
    await tx
      .update(sheets)
      .set({ status: sheetMove.to, version: sql`${sheets.version} + 1` })
      .where(
        and(
          eq(sheets.periodId, periodId),
          inArray(sheets.status, [...sheetMove.from]),
          isNull(sheets.exemptCategory),
        ),
      );
  }
  if (action === "publish") await recomputePeriod(tx, periodId);
  await recordAudit(tx, actor, {
    action: `period.${action}`,
    entity: "period",
    entityId: periodId,
    before: { status: period.status },
    after: { status: next.to },
    reason: options.reason ?? null,
  });
  return updated;
}

/** The period's sheets counted by status and by township (exempt sheets apart), for the status answer. */
export async function sheetCounts(db: DbOrTx, periodId: number) {
  const rows = await db
    .select({
      townshipId: sheets.townshipId,
      township: townships.name,
      status: sheets.status,
      exempt: sql<boolean>`${sheets.exemptCategory} is not null`,
      count: count(),
    })
    .from(sheets)
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(eq(sheets.periodId, periodId))
    .groupBy(sheets.townshipId, townships.name, sheets.status, sql`${sheets.exemptCategory} is not null`);
  const byStatus: Record<string, number> = {};
  const byTownship = new Map<
    number,
    { townshipId: number; township: string; byStatus: Record<string, number> }
  >();
  let exempt = 0;
  for (const row of rows) {
    const key = row.exempt ? "exempt" : row.status;
    if (row.exempt) exempt += row.count;
    byStatus[key] = (byStatus[key] ?? 0) + row.count;
    const entry = byTownship.get(row.townshipId) ?? {
      townshipId: row.townshipId,
      township: row.township,
      byStatus: {},
    };
    entry.byStatus[key] = (entry.byStatus[key] ?? 0) + row.count;
    byTownship.set(row.townshipId, entry);
  }
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return {
    total,
    exempt,
    byStatus,
    byTownship: [...byTownship.values()].sort((a, b) => a.townshipId - b.townshipId),
  };
}

/** Up to 50 people of a period's non-exempt sheets in the given statuses (or not in them), by 工号 and name. */
async function peopleOfSheets(tx: Tx, periodId: number, status: { in?: string[]; notIn?: string }) {
  const condition = status.in
    ? inArray(sheets.status, status.in as never[])
    : ne(sheets.status, status.notIn as never);
  const rows = await tx
    .select({
      sheetId: sheets.id,
      // A township's own sheet is named by its township.
      employeeNo: sql<string>`coalesce(${people.employeeNo}, '')`,
      name: sql<string>`coalesce(${people.name}, ${townships.name})`,
      status: sheets.status,
    })
    .from(sheets)
    .leftJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(eq(sheets.periodId, periodId), isNull(sheets.exemptCategory), condition))
    .orderBy(people.employeeNo);
  return rows;
}

const namesOf = (rows: { employeeNo: string; name: string }[]) =>
  rows
    .slice(0, 5)
    .map((r) => `${r.employeeNo} ${r.name}`)
    .join("、") + (rows.length > 5 ? " …" : "");

async function checkPreconditions(
  tx: Tx,
  period: { id: number; selfReportDeadline: string },
  action: PeriodAction,
  options: { reason?: string; confirm?: boolean; now?: Date },
) {
  if ((action === "reopen" || action === "returnToOpen") && !options.reason?.trim())
    throw invalid("必须说明理由 A reason is required", [{ path: "reason", message: "required" }]);
  if (action === "startAssessing" && !options.confirm) {
    const now = options.now ?? new Date();
    const left = await peopleOfSheets(tx, period.id, { in: ["draft", "submitted"] });
    const early = !isPastDeadline(period.selfReportDeadline, now);
    if (left.length > 0 || early)
      throw conflict(
        "CONFIRMATION_REQUIRED",
        `${early ? `自评填报截止日 ${period.selfReportDeadline} 未到（今天 ${chinaDate(now)}）；` : ""}还有 ${left.length} 份考核表未审核通过${left.length ? `：${namesOf(left)}` : ""}；确认请加 confirm Self-report deadline ${early ? "not reached" : "passed"}, ${left.length} sheets not yet reviewed; send confirm: true to start anyway`,
        {
          selfReportDeadline: period.selfReportDeadline,
          beforeDeadline: early,
          counts: await sheetCounts(tx, period.id),
          left: left.slice(0, 50),
        },
        {
          selfReportDeadline: period.selfReportDeadline,
          beforeDeadline: early,
          left: left.length,
          names: left.slice(0, 5).map((row) => row.name),
        },
      );
  }
  if (action === "publish") {
    const unscored = await peopleOfSheets(tx, period.id, { notIn: "scored" });
    if (unscored.length > 0)
      throw conflict(
        "SHEETS_NOT_SCORED",
        `还有 ${unscored.length} 份考核表未评分：${namesOf(unscored)} ${unscored.length} sheets are not scored`,
        { count: unscored.length, sheets: unscored.slice(0, 50) },
        { count: unscored.length, names: unscored.slice(0, 5).map((row) => row.name) },
      );
  }
  if (action === "finalize") {
    const open = await tx
      .select({ id: sheetRequests.id })
      .from(sheetRequests)
      .innerJoin(sheets, eq(sheets.id, sheetRequests.sheetId))
      .where(and(eq(sheets.periodId, period.id), isNull(sheetRequests.decidedAt)));
    if (open.length > 0)
      throw conflict(
        "OPEN_REQUESTS",
        `还有 ${open.length} 件复核/申诉未处理 ${open.length} rechecks or appeals are open`,
        { count: open.length },
      );
  }
}

/** A county's periods, newest first. */
export function countyPeriods(db: DbOrTx, countyId: number) {
  return listPeriods(db, countyId);
}

/** One period of the county, or undefined when there is none with this id. */
export async function findPeriod(db: DbOrTx, countyId: number, periodId: number) {
  const [period] = await db
    .select()
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)));
  return period;
}

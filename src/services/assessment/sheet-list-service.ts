import { and, desc, eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { findPeriodStatus } from "../../db/queries/period-queries";
import {
  listItemsOfSheets,
  listPeopleTargets,
  listSheets,
  type SheetListFilter,
  sheetTargets,
} from "../../db/queries/sheet-queries";
import { periods } from "../../db/schema/period";
import { sheets } from "../../db/schema/sheet";
import { liveBasisOf } from "../../domain/live-basis-of";
import type { SchemeDocument } from "../../domain/scheme";
import { scoreSheet } from "../../domain/score-sheet";
import { isResultPublic } from "../../domain/sheet-state";
import type { IndicatorValue } from "../../domain/values";
import { loadPeriodScheme } from "../scoring/scoring-service";
import { selfValueOf, sheetActionsOf } from "./sheet-view-service";

type ListedSheet = Awaited<ReturnType<typeof listSheets>>[number];

/**
 * The sheets of a period the caller may see, each with what the caller may do with it (`actions`), the
 * self-score the engine gives the self-reported values, and the review flags (evidence, returns). Results
 * (totals, grades, ranks) are the assessors' until 公示.
 */
export async function listPeriodSheets(
  db: DbOrTx,
  user: SessionUser,
  filter: Omit<SheetListFilter, "countyId">,
) {
  const periodStatus = await findPeriodStatus(db, user.countyId, filter.periodId);
  if (periodStatus === undefined) return [];
  const rows = await listSheets(db, { ...filter, countyId: user.countyId });
  const selfScores = await selfScoresOf(db, filter.periodId, rows);
  const hideResults = user.role !== "assessor" && user.role !== "admin";
  return rows.map(({ unitClass: _, ...row }) => {
    const actions = sheetActionsOf(user, {
      sheet: { ...row, exemptCategory: row.exempt },
      period: { status: periodStatus },
    });
    const listed = { ...row, selfScore: selfScores.get(row.id) ?? null, actions };
    if (!hideResults || isResultPublic(row.status)) return listed;
    return {
      ...listed,
      base: null,
      bonus: null,
      total: null,
      grade: null,
      rank: null,
      rankOf: null,
      vetoed: null,
    };
  });
}

/**
 * Each sheet's 自评得分 as its sheet page's live score shows it: the engine's total over the self-reported
 * values, or, while items the assessors rate are unrated, the total over the points that can be scored now.
 */
async function selfScoresOf(db: DbOrTx, periodId: number, rows: ListedSheet[]) {
  const scores = new Map<number, number>();
  if (rows.length === 0) return scores;
  const personIds = rows.flatMap((row) => (row.personId === null ? [] : [row.personId]));
  const [scheme, items, personTargets] = await Promise.all([
    loadPeriodScheme(db, periodId),
    listItemsOfSheets(
      db,
      rows.map((row) => row.id),
    ),
    listPeopleTargets(db, periodId, personIds),
  ]);
  const targetsOf = new Map<number, Map<number, number>>();
  for (const target of personTargets) {
    const mine = targetsOf.get(target.personId) ?? new Map<number, number>();
    mine.set(target.indicatorId, target.value);
    targetsOf.set(target.personId, mine);
  }
  const itemsOf = new Map<number, typeof items>();
  for (const item of items) itemsOf.set(item.sheetId, [...(itemsOf.get(item.sheetId) ?? []), item]);
  for (const row of rows) {
    // A township's own sheet (乡镇考核表) is scored against its township's targets: few, read one by one.
    const targets =
      row.personId === null
        ? new Map([...(await sheetTargets(db, periodId, row))].map(([id, t]) => [id, t.value]))
        : (targetsOf.get(row.personId) ?? new Map<number, number>());
    scores.set(row.id, selfScoreOf(scheme, row, itemsOf.get(row.id) ?? [], targets));
  }
  return scores;
}

function selfScoreOf(
  scheme: SchemeDocument,
  row: ListedSheet,
  items: Awaited<ReturnType<typeof listItemsOfSheets>>,
  targetOf: Map<number, number>,
) {
  const values: Record<string, IndicatorValue | undefined> = {};
  const targets: Record<string, number> = {};
  for (const { item, indicator } of items) {
    values[indicator.code] = selfValueOf(item) ?? undefined;
    const target = targetOf.get(indicator.id);
    if (target !== undefined) targets[indicator.code] = target;
  }
  const unitClass = row.unitClass ?? undefined;
  const scored = scoreSheet(scheme, { category: row.category, unitClass, values, targets });
  // While the assessors' own items are unrated, the figure the sheet page shows: over what can be scored now.
  return liveBasisOf(scheme, unitClass, scored)?.total ?? scored.total;
}

/** The signed-in staff member's own sheets, newest period first. */
export async function listOwnSheets(db: DbOrTx, user: SessionUser) {
  return db
    .select({
      id: sheets.id,
      periodId: periods.id,
      year: periods.year,
      periodName: periods.name,
      periodStatus: periods.status,
      status: sheets.status,
      version: sheets.version,
    })
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .where(and(eq(sheets.personId, user.personId ?? -1), eq(sheets.countyId, user.countyId)))
    .orderBy(desc(periods.year));
}

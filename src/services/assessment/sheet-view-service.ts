import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { countPoolSizes, SCORED_STATUSES } from "../../db/queries/report-progress-queries";
import {
  findSheetPageHead,
  listSheetPageItems,
  type SheetPageItem,
  type SheetRequestRow,
  type SheetReviewRow,
} from "../../db/queries/sheet-page-queries";
import type { SheetContext, SheetItemRow } from "../../db/queries/sheet-queries";
import { examBoundCodes } from "../../domain/exam-binding";
import { indicatorDecimals } from "../../domain/indicator-direction";
import { listIndicators, type SchemeDocument } from "../../domain/scheme";
import { scoreSheet } from "../../domain/score-sheet";
import {
  isResultPublic,
  SHEET_ACTIONS,
  type SheetAction,
  type SheetRelation,
  sheetActionsFor,
} from "../../domain/sheet-state";
import { type IndicatorValue, plausibleRange, valueKind } from "../../domain/values";
import { deadlinesWith } from "../periods/period-deadline-service";
import { parsedDocument } from "../scoring/scoring-service";
import { assertSheetAccess, type SheetAccess } from "./sheet-access";

/** What "who may act" needs to know of a sheet: whose it is, its status and its period's. */
export interface SheetActionContext {
  sheet: Pick<SheetContext["sheet"], "personId" | "townshipId" | "status" | "exemptCategory">;
  period: Pick<SheetContext["period"], "status">;
}

/** How a user relates to a sheet, for the state machine's "who may act". */
export function relationTo(user: SessionUser, context: SheetActionContext): SheetRelation {
  // 乡镇考核表: the township account is the sheet's owner.
  if (context.sheet.personId === null && user.role === "township")
    return user.townshipId === context.sheet.townshipId ? "owner" : "other";
  if (user.role === "staff") return user.personId === context.sheet.personId ? "owner" : "other";
  if (user.role === "township") return user.townshipId === context.sheet.townshipId ? "township" : "other";
  if (user.role === "assessor" || user.role === "admin") return user.role;
  return "other";
}

/**
 * The sheet actions the caller may take now. On a township's own sheet the county inspectors (督查组: assessors
 * and admins) pass or return the submission, as a township account does for its staff's sheets.
 */
export function sheetActionsOf(user: SessionUser, context: SheetActionContext): SheetAction[] {
  const status = context.sheet.status;
  const periodStatus = context.period.status;
  const exempt = context.sheet.exemptCategory !== null;
  const relation = relationTo(user, context);
  const actions = sheetActionsFor(relation, status, periodStatus, exempt);
  const inspector = context.sheet.personId === null && (relation === "assessor" || relation === "admin");
  if (!inspector) return actions;
  const inspection = sheetActionsFor("township", status, periodStatus, exempt);
  return SHEET_ACTIONS.filter((action) => actions.includes(action) || inspection.includes(action));
}

/** The self-reported value of an item, whatever its kind. */
export function selfValueOf(item: SheetItemRow["item"]): IndicatorValue | null {
  return item.selfValue ?? item.selfFlag ?? item.selfRating ?? item.selfCounts ?? null;
}

/** The assessor's verified value of an item, whatever its kind. */
export function verifiedValueOf(item: SheetItemRow["item"]): IndicatorValue | null {
  return item.verifiedValue ?? item.verifiedFlag ?? item.verifiedRating ?? item.verifiedCounts ?? null;
}

/** The live self-score: the engine applied to the self-reported values (what staff see while filling in). */
export function liveSelfScore(
  scheme: SchemeDocument,
  context: Pick<SheetContext, "sheet">,
  items: readonly Pick<SheetItemRow, "item" | "indicator">[],
  targetOf: Map<number, { value: number }>,
) {
  const values: Record<string, IndicatorValue | undefined> = {};
  const targets: Record<string, number> = {};
  for (const { item, indicator } of items) {
    values[indicator.code] = selfValueOf(item) ?? undefined;
    const target = targetOf.get(indicator.id);
    if (target) targets[indicator.code] = target.value;
  }
  return scoreSheet(scheme, {
    category: context.sheet.category,
    unitClass: context.sheet.unitClass ?? undefined,
    values,
    targets,
  });
}

/** What a sheet page is built from: read by loadSheetPage, or by a save that changed it in memory. */
export interface SheetPage {
  context: SheetContext;
  scheme: SchemeDocument;
  /** This sheet's own deadlines (the period's, with extensions). */
  deadlines: { selfReport: string; review: string };
  history: { requests: SheetRequestRow[]; reviews: SheetReviewRow[] };
  items: SheetPageItem[];
}

/**
 * Reads a sheet page in two statements (the sheet with its context, scheme, extensions and history; then its
 * items with targets and evidence), after checking that the user may touch the sheet in the given way.
 */
export async function loadSheetPage(
  db: DbOrTx,
  user: SessionUser,
  sheetId: number,
  access: SheetAccess = "read",
): Promise<SheetPage> {
  const head = await findSheetPageHead(db, user.countyId, sheetId);
  const context = assertSheetAccess(user, head?.context, access);
  const scheme = parsedDocument(head?.schemeDocument, `period ${context.period.id}`);
  const items = await listSheetPageItems(db, context.sheet);
  const deadlines = deadlinesWith(context.period, context.sheet, head?.extensions ?? []);
  return { context, scheme, deadlines, history: head?.history ?? { requests: [], reviews: [] }, items };
}

/** The targets of a page's items by indicator id, as the engine takes them. */
export function pageTargets(items: readonly SheetPageItem[]): Map<number, { value: number }> {
  const targets = new Map<number, { value: number }>();
  for (const { indicator, target } of items)
    if (target !== null) targets.set(indicator.id, { value: target });
  return targets;
}

/**
 * Everything a sheet page shows: the sheet, its items beside their indicator, evidence, targets, history and
 * the live self-score. Staff and township accounts see verified values and scores only once published (公示).
 */
export async function getSheetView(db: DbOrTx, user: SessionUser, sheetId: number) {
  return sheetViewOf(db, user, await loadSheetPage(db, user, sheetId));
}

/**
 * The sheet page's answer from a page already read; `live` is the live self-score when the caller has just
 * computed it (a save). Reads only the pool sizes of a ranked sheet.
 */
export async function sheetViewOf(
  db: DbOrTx,
  user: SessionUser,
  page: SheetPage,
  live = liveSelfScore(page.scheme, page.context, page.items, pageTargets(page.items)),
) {
  const { context, scheme, items, history, deadlines } = page;
  const showResult =
    user.role === "assessor" || user.role === "admin" || isResultPublic(context.sheet.status);
  // Grades and ranks depend on the whole pool: an unscored sheet has none yet, whatever the engine stored.
  const ranked = showResult && SCORED_STATUSES.includes(context.sheet.status);
  const sizes = ranked ? await countPoolSizes(db, context.period.id, context.sheet.townshipId) : null;
  const schemeIndicators = new Map(listIndicators(scheme).map((i) => [i.code, i]));
  const selfScores = new Map(live.items.map((i) => [i.code, i.score]));
  const { sheet } = context;
  return {
    sheet: {
      id: sheet.id,
      periodId: sheet.periodId,
      status: sheet.status,
      version: sheet.version,
      category: sheet.category,
      reviewComment: sheet.reviewComment,
      submittedAt: sheet.submittedAt,
      base: showResult ? sheet.base : null,
      bonus: showResult ? sheet.bonus : null,
      total: showResult ? sheet.total : null,
      grade: ranked ? sheet.grade : null,
      rank: ranked ? sheet.rank : null,
      rankOf: sizes?.pool ?? null,
      townshipRank: ranked ? sheet.townshipRank : null,
      townshipRankOf: sizes?.township ?? null,
      vetoed: showResult ? sheet.vetoed : null,
      unitClass: sheet.unitClass,
      person: context.person,
      township: context.township,
      period: context.period,
      exempt: sheet.exemptCategory
        ? { category: sheet.exemptCategory, reason: sheet.exemptReason, at: sheet.exemptAt }
        : null,
      /** This sheet's own deadlines (the period's, with extensions; a returned sheet until its review deadline). */
      deadlines,
    },
    /** What the caller may do with this sheet now; the web offers exactly these. */
    actions: sheetActionsOf(user, context),
    examBound: examBoundCodes(scheme),
    items: items.map(({ item, indicator, target, evidence }) => {
      const doc = schemeIndicators.get(indicator.code);
      const rule = doc?.rule;
      return {
        ...indicator,
        id: item.id,
        indicatorId: indicator.id,
        decimals: indicatorDecimals(doc ?? {}),
        range: doc ? plausibleRange(doc) : null,
        valueKind: doc ? valueKind(doc) : "number",
        ratingLevels: rule?.type === "rating" ? Object.keys(rule.levels) : undefined,
        target,
        selfValue: selfValueOf(item),
        note: item.note,
        selfScore: selfScores.get(indicator.code) ?? null,
        verifiedValue: showResult ? verifiedValueOf(item) : null,
        score: showResult ? item.score : null,
        changeReason: showResult ? item.changeReason : null,
        vetoed: showResult ? item.vetoed : null,
        evidence,
      };
    }),
    requests: history.requests,
    reviews: history.reviews,
    liveScore: {
      base: live.base,
      bonus: live.bonus,
      total: live.total,
      vetoed: live.vetoed,
      missing: live.missing,
    },
  };
}

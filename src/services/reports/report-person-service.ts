import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import type { DirectionCodes } from "../../db/queries/report-indicator-queries";
import { personProgressSeries } from "../../db/queries/report-indicator-queries";
import {
  categoryScores,
  findReportPerson,
  listPersonSheets,
  listReportItems,
  listSheetRequests,
  listTownshipReviews,
} from "../../db/queries/report-person-queries";
import { incidentBreakdown, type KindLine } from "../../domain/incident-breakdown";
import { completionRate, completionStatus } from "../../domain/indicator-direction";
import { forClass, listIndicators, personCategoryOf, type SchemeDocument } from "../../domain/scheme";
import type { IncidentCounts, IndicatorValue } from "../../domain/values";
import { missing } from "../errors";
import { assertPersonInScope, isScoredSheet, loadReportPeriod, resultsView } from "./report-access";
import {
  describeIndicators,
  type IndicatorTraits,
  loadIndicatorTraits,
  traitsOf,
} from "./report-indicator-service";
import { proRating } from "./report-pro-rating";
import { periodHeader } from "./report-service";

type ItemRow = Awaited<ReturnType<typeof listReportItems>>[number];
type SheetRow = Awaited<ReturnType<typeof listPersonSheets>>[number];

/** One value of an item, whatever its kind: a number, a yes/no (veto), a rating label or counts per kind. */
export function itemValue(
  number: number | null,
  flag: boolean | null,
  rating: string | null,
  counts: IncidentCounts | null = null,
): IndicatorValue | null {
  return number ?? flag ?? rating ?? counts;
}

/** Whether two item values are the same (counts per kind compared by content). */
export function sameValue(a: IndicatorValue | null, b: IndicatorValue | null): boolean {
  return typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

/** 多类扣分 per kind (cases, cases found above, deduction) of a counts value, with the sheet's class applied. */
export function kindLines(
  scheme: SchemeDocument,
  code: string,
  unitClass: string | null,
  value: IndicatorValue | null,
): KindLine[] | null {
  if (typeof value !== "object" || value === null) return null;
  const indicator = listIndicators(scheme).find((candidate) => candidate.code === code);
  return indicator === undefined
    ? null
    : incidentBreakdown(forClass(indicator, unitClass ?? undefined), value);
}

/**
 * Where an item's verified value stands: 未公示 (withheld from this reader), 待核实 (the sheet is not scored
 * yet), kept (the assessor accepted the reported value) or changed (with the assessor's reason).
 */
export type VerifiedState = "unpublished" | "pending" | "kept" | "changed";

/** Where an item's score stands: 未公示, 待评定 (not scored yet) or scored. */
export type ScoreState = "unpublished" | "pending" | "scored";

/**
 * An item as a report shows it. With `results` false the assessor's values, scores and reasons are withheld
 * and marked so (never shown as 0 or as the self value); completion is direction-aware and of the value
 * the reader may see.
 */
export function reportItem(
  row: ItemRow,
  results: boolean,
  scored: boolean,
  traits: IndicatorTraits,
  scheme: SchemeDocument,
) {
  const self = itemValue(row.selfValue, row.selfFlag, row.selfRating, row.selfCounts);
  const verified = itemValue(row.verifiedValue, row.verifiedFlag, row.verifiedRating, row.verifiedCounts);
  const known = results && scored;
  // A change is the assessor overriding what the person reported, or any item with a stated reason.
  const changed =
    (self !== null && verified !== null && !sameValue(self, verified)) || row.changeReason !== null;
  const shown = known ? (verified ?? self) : self;
  const trait = traitsOf(traits, row.code);
  const rate = typeof shown === "number" ? completionRate(trait.direction, shown, row.target) : null;
  const status = typeof shown === "number" ? completionStatus(trait.direction, shown, row.target) : null;
  return {
    code: row.code,
    name: row.name,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    unit: row.unit,
    decimals: trait.decimals,
    direction: trait.direction,
    pointsLabel: trait.pointsLabel,
    points: row.points,
    source: row.source,
    target: row.target,
    selfValue: self,
    verifiedValue: known ? verified : null,
    verifiedState: (!results
      ? "unpublished"
      : !scored
        ? "pending"
        : changed
          ? "changed"
          : "kept") as VerifiedState,
    score: known ? row.score : null,
    scoreState: (!results
      ? "unpublished"
      : !scored || row.score === null
        ? "pending"
        : "scored") as ScoreState,
    completionRate: rate === null ? null : Math.round(rate * 10_000) / 10_000,
    completionStatus: status,
    completionOf: (known && verified !== null ? "verified" : "self") as "verified" | "self",
    /** 多类扣分: cases and deduction per kind of the value shown (null for other indicators). */
    incidents: kindLines(scheme, row.code, row.unitClass, shown),
    vetoed: known ? row.vetoed : null,
    changed: known ? changed : null,
    changeReason: known ? row.changeReason : null,
  };
}

/** The sheet's results with 第 rank / rankOf 名 and the 折算, or only where the person stood when withheld. */
function sheetSummary(
  sheet: SheetRow,
  labels: Map<string, string>,
  view: "published" | "provisional" | null,
  items: ItemRow[],
) {
  const where = {
    status: sheet.status,
    townshipId: sheet.townshipId,
    townshipName: sheet.townshipName,
    category: sheet.category,
    poolSize: sheet.poolSize,
    townshipSize: sheet.townshipSize,
  };
  if (!view) return { ...where, resultsVisible: false as const, results: "none" as const };
  const published = view === "published";
  return {
    ...where,
    resultsVisible: true as const,
    results: view,
    provisional: published ? null : { label: "未公示·仅供考核组" },
    base: sheet.base,
    bonus: sheet.bonus,
    total: sheet.total,
    vetoed: sheet.vetoed,
    proRating: proRating(items, sheet.base),
    grade: published ? sheet.grade : null,
    gradeLabel: published && sheet.grade ? (labels.get(sheet.grade) ?? null) : null,
    rank: published ? sheet.rank : null,
    rankOf: published ? sheet.poolSize : null,
    townshipRank: published ? sheet.townshipRank : null,
    townshipRankOf: published ? sheet.townshipSize : null,
  };
}

/** Groups a person's monthly progress rows into one series per indicator, with the target. */
async function progressSeries(
  db: DbOrTx,
  periodId: number,
  personId: number,
  schemeId: number,
  traits: IndicatorTraits,
  codes: DirectionCodes,
) {
  const [rows, indicators] = await Promise.all([
    personProgressSeries(db, periodId, personId, codes),
    describeIndicators(db, schemeId, traits),
  ]);
  return indicators
    .map((indicator) => {
      const months = rows.filter((row) => row.code === indicator.code);
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        decimals: indicator.decimals,
        direction: indicator.direction,
        target: months[0]?.target ?? null,
        months: months.map(({ month, value, revision, completionRate }) => ({
          month,
          value,
          revision,
          completionRate,
        })),
      };
    })
    .filter((series) => series.months.length > 0);
}

/**
 * The personal year-end report: results against township and county averages of the same population, every
 * item with the assessor's reason for each change, monthly progress against targets, review, 复核/申诉.
 */
export async function buildPersonReport(db: DbOrTx, user: SessionUser, periodId: number, personId: number) {
  const period = await loadReportPeriod(db, user, periodId);
  await assertPersonInScope(db, user, periodId, personId);
  const person = await findReportPerson(db, user.countyId, personId);
  if (!person) throw missing("人员");
  const view = resultsView(user, period);
  const { scheme, traits, codes } = await loadIndicatorTraits(db, periodId);
  const [[sheet], progress] = await Promise.all([
    listPersonSheets(db, personId, [periodId]),
    progressSeries(db, periodId, personId, period.schemeId, traits, codes),
  ]);
  const base = {
    period: periodHeader(period),
    person,
    results: view,
    resultsVisible: view !== "none",
    progress,
  };
  if (!sheet)
    return { ...base, sheet: null, categories: null, items: [], changes: null, reviews: [], requests: [] };
  const scored = isScoredSheet(sheet);
  const shown = view !== "none" && scored ? view : null;
  const labels = new Map(scheme.gradeBands.map((band) => [band.grade, band.label]));
  const [itemRows, categories, reviews, requests] = await Promise.all([
    listReportItems(db, [sheet.id]),
    shown
      ? categoryScores(db, periodId, personId, sheet.townshipId, personCategoryOf(sheet.category))
      : Promise.resolve(null),
    listTownshipReviews(db, [sheet.id]),
    listSheetRequests(db, [sheet.id]),
  ]);
  const items = itemRows.map((row) => reportItem(row, view !== "none", scored, traits, scheme));
  return {
    ...base,
    sheet: { ...sheetSummary(sheet, labels, shown, itemRows), reviewComment: sheet.reviewComment },
    categories,
    items,
    // Null when the reader cannot know (results withheld or not scored yet): never "no change".
    changes: shown
      ? items
          .filter((item) => item.changed)
          .map(({ code, name, selfValue, verifiedValue, changeReason }) => ({
            code,
            name,
            selfValue,
            verifiedValue,
            reason: changeReason,
          }))
      : null,
    reviews: reviews.map(({ sheetId: _s, ...review }) => review),
    requests: requests.map(({ sheetId: _s, ...request }) => request),
  };
}

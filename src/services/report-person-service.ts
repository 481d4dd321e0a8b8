import type { SessionUser } from "../auth/session";
import type { DbOrTx } from "../db/client";
import { listSchemeIndicators, personProgressSeries } from "../db/queries/report-indicator-queries";
import {
  categoryScores,
  findReportPerson,
  listPersonSheets,
  listReportItems,
  listSheetRequests,
  listTownshipReviews,
} from "../db/queries/report-person-queries";
import { missing } from "./errors";
import { assertPersonInScope, loadReportPeriod, seesPersonResults } from "./report-access";
import { periodHeader } from "./report-service";
import { loadPeriodScheme } from "./scoring-service";

type ItemRow = Awaited<ReturnType<typeof listReportItems>>[number];
type SheetRow = Awaited<ReturnType<typeof listPersonSheets>>[number];

/** One value of an item, whatever its kind: a number, a yes/no (veto) or a rating label. */
export function itemValue(number: number | null, flag: boolean | null, rating: string | null) {
  return number ?? flag ?? rating;
}

/** An item as a report shows it; with `results` false the assessor's values, scores and reasons are withheld. */
export function reportItem(row: ItemRow, results: boolean) {
  const self = itemValue(row.selfValue, row.selfFlag, row.selfRating);
  const verified = itemValue(row.verifiedValue, row.verifiedFlag, row.verifiedRating);
  // A change is the assessor overriding what the person reported, or any item with a stated reason.
  const changed = (self !== null && verified !== null && self !== verified) || row.changeReason !== null;
  return {
    code: row.code,
    name: row.name,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    unit: row.unit,
    points: row.points,
    source: row.source,
    target: row.target,
    selfValue: self,
    verifiedValue: results ? verified : null,
    score: results ? row.score : null,
    vetoed: results ? row.vetoed : null,
    changed: results ? changed : null,
    changeReason: results ? row.changeReason : null,
  };
}

/** The sheet's results, or only where the person stood when results are withheld. */
function sheetSummary(sheet: SheetRow, labels: Map<string, string>, results: boolean) {
  const where = {
    status: sheet.status,
    townshipId: sheet.townshipId,
    townshipName: sheet.townshipName,
    category: sheet.category,
    poolSize: sheet.poolSize,
    townshipSize: sheet.townshipSize,
  };
  if (!results) return { ...where, resultsVisible: false as const };
  return {
    ...where,
    resultsVisible: true as const,
    base: sheet.base,
    bonus: sheet.bonus,
    total: sheet.total,
    vetoed: sheet.vetoed,
    grade: sheet.grade,
    gradeLabel: sheet.grade ? (labels.get(sheet.grade) ?? null) : null,
    rank: sheet.rank,
    townshipRank: sheet.townshipRank,
  };
}

/** Groups a person's monthly progress rows into one series per indicator, with the target. */
async function progressSeries(db: DbOrTx, periodId: number, personId: number, schemeId: number) {
  const [rows, indicatorRows] = await Promise.all([
    personProgressSeries(db, periodId, personId),
    listSchemeIndicators(db, schemeId),
  ]);
  return indicatorRows
    .map((indicator) => {
      const months = rows.filter((row) => row.code === indicator.code);
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
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
 * The personal year-end report: results against township and county averages, every item with the
 * assessor's reason for each change, monthly progress against targets, township review, 复核/申诉.
 */
export async function buildPersonReport(db: DbOrTx, user: SessionUser, periodId: number, personId: number) {
  const period = await loadReportPeriod(db, user, periodId);
  await assertPersonInScope(db, user, periodId, personId);
  const person = await findReportPerson(db, user.countyId, personId);
  if (!person) throw missing("人员");
  const results = seesPersonResults(user, period);
  const [scheme, [sheet], progress] = await Promise.all([
    loadPeriodScheme(db, periodId),
    listPersonSheets(db, personId, [periodId]),
    progressSeries(db, periodId, personId, period.schemeId),
  ]);
  const base = { period: periodHeader(period), person, resultsVisible: results, progress };
  if (!sheet)
    return { ...base, sheet: null, categories: null, items: [], changes: [], reviews: [], requests: [] };
  const labels = new Map(scheme.gradeBands.map((band) => [band.grade, band.label]));
  const [itemRows, categories, reviews, requests] = await Promise.all([
    listReportItems(db, [sheet.id]),
    results ? categoryScores(db, periodId, personId, sheet.townshipId) : Promise.resolve(null),
    listTownshipReviews(db, [sheet.id]),
    listSheetRequests(db, [sheet.id]),
  ]);
  const items = itemRows.map((row) => reportItem(row, results));
  return {
    ...base,
    sheet: { ...sheetSummary(sheet, labels, results), reviewComment: sheet.reviewComment },
    categories,
    items,
    changes: items
      .filter((item) => item.changed)
      .map(({ code, name, selfValue, verifiedValue, changeReason }) => ({
        code,
        name,
        selfValue,
        verifiedValue,
        reason: changeReason,
      })),
    reviews: reviews.map(({ sheetId: _s, ...review }) => review),
    requests: requests.map(({ sheetId: _s, ...request }) => request),
  };
}

import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { listTownships } from "../../db/queries/org-queries";
import {
  type DirectionCodes,
  indicatorStatistics,
  progressTrend,
} from "../../db/queries/report-indicator-queries";
import {
  averageTotalsByCategory,
  countGrades,
  countGradesByTownship,
  listPersonRanking,
  listTownshipRanking,
  type PersonRankingFilter,
} from "../../db/queries/report-ranking-queries";
import { dec, floor } from "../../domain/decimal";
import { sortedGradeBands } from "../../domain/scheme";
import { EXEMPT_CATEGORY_LABELS } from "../../domain/sheet-state";
import { loadPeriodScheme } from "../scoring/scoring-service";
import {
  assertTownshipInScope,
  loadReportPeriod,
  notPublished,
  provisionalNote,
  type ReportPeriod,
  type ResultsView,
  resultsView,
} from "./report-access";
import { describeIndicators, loadIndicatorTraits } from "./report-indicator-service";
import { buildProgress, provisionalCoverage } from "./report-progress-service";
import {
  loadProvisionalPool,
  loadScoredSheets,
  rankScoredPeople,
  rankScoredTownships,
} from "./report-provisional-service";

type Stat = Awaited<ReturnType<typeof indicatorStatistics>>[number];
type StatCell = Pick<Stat, "completionRate" | "scoreShare" | "averageScore" | "items">;

/** What every report says about its period. */
export function periodHeader(period: ReportPeriod) {
  const { schemeId: _schemeId, ...header } = period;
  return header;
}

export const cell = ({ completionRate, scoreShare, averageScore, items }: Stat): StatCell => ({
  completionRate,
  scoreShare,
  averageScore,
  items,
});

/** Indexes statistics rows by a key and indicator code: `{key: {A1: cell}}`. */
export function indexStats(rows: readonly Stat[], keyOf: (row: Stat) => string) {
  const out: Record<string, Record<string, StatCell>> = {};
  for (const row of rows) {
    const key = keyOf(row);
    out[key] ??= {};
    out[key][row.code] = cell(row);
  }
  return out;
}

/** Grade bands with labels and counts, and the 优秀 quota limit ⌊n × quota⌋ beside the 优秀 count. */
async function gradeDistribution(db: DbOrTx, periodId: number) {
  const [scheme, counts] = await Promise.all([loadPeriodScheme(db, periodId), countGrades(db, periodId)]);
  const pool = counts.reduce((n, row) => n + row.count, 0);
  const bands = sortedGradeBands(scheme).map((band) => ({
    grade: band.grade,
    label: band.label,
    min: band.min,
    count: counts.find((row) => row.grade === band.grade)?.count ?? 0,
  }));
  const top = bands[0];
  return {
    pool,
    ungraded: counts.find((row) => row.grade === null)?.count ?? 0,
    excellentQuota: scheme.excellentQuota,
    // The quota is the engine's rule (docs/SCHEME.md §5): at most ⌊n × excellentQuota⌋ sheets in the top band.
    excellentLimit: floor(dec(pool).times(dec(scheme.excellentQuota))).toNumber(),
    excellentCount: top?.count ?? 0,
    bands,
  };
}

/** The published township ranking with each township's grade counts and the size of the ranking. */
export async function townshipRankingWithGrades(db: DbOrTx, periodId: number) {
  const [ranking, gradeRows] = await Promise.all([
    listTownshipRanking(db, periodId),
    countGradesByTownship(db, periodId),
  ]);
  return ranking.map((row) => ({
    ...row,
    rankOf: ranking.length,
    scoredCount: row.memberCount,
    grades: Object.fromEntries(
      gradeRows
        .filter((g) => g.townshipId === row.townshipId && g.grade !== null)
        .map((g) => [g.grade, g.count]),
    ) as Record<string, number>,
  }));
}

/** The township ranking a results view allows: published (with grades and 预否决) or provisional (scored only). */
async function townshipRankingFor(db: DbOrTx, view: ResultsView, periodId: number) {
  if (view === "published") return townshipRankingWithGrades(db, periodId);
  const [scheme, pool] = await Promise.all([
    loadPeriodScheme(db, periodId),
    loadProvisionalPool(db, periodId),
  ]);
  return rankScoredTownships(scheme, pool.scored, pool.own).map((row) => ({
    ...row,
    grades: {} as Record<string, number>,
  }));
}

/**
 * The county dashboard of a period: always the year's progress (已提交/已审核/已评分, late sheets, monthly
 * completion); results only from scored sheets, published or (assessors, admins) provisional.
 */
export async function buildDashboard(db: DbOrTx, user: SessionUser, periodId: number, now: Date) {
  const period = await loadReportPeriod(db, user, periodId);
  const view = resultsView(user, period);
  const { traits, codes } = await loadIndicatorTraits(db, periodId);
  const [indicators, trendRows, progress] = await Promise.all([
    describeIndicators(db, period.schemeId, traits),
    progressTrend(db, periodId, codes),
    buildProgress(db, periodId, now),
  ]);
  const trend = indicators
    .map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      decimals: indicator.decimals,
      direction: indicator.direction,
      months: trendRows.filter((row) => row.code === indicator.code).map(({ code: _c, ...month }) => month),
    }))
    .filter((series) => series.months.length > 0);
  const header = {
    period: periodHeader(period),
    results: view,
    resultsVisible: view !== "none",
    provisional: view === "provisional" ? provisionalNote(progress.scored, progress.total) : null,
    indicators,
    progress,
    trend,
  };
  if (view === "none") return { ...header, townships: null, grades: null, matrix: null, categories: null };
  return { ...header, ...(await dashboardResults(db, user, view, periodId, codes)) };
}

async function dashboardResults(
  db: DbOrTx,
  user: SessionUser,
  view: ResultsView,
  periodId: number,
  codes: DirectionCodes,
) {
  const [townships, ranking, grades, stats, categoryTotals] = await Promise.all([
    listTownships(db, user.countyId),
    townshipRankingFor(db, view, periodId),
    view === "published" ? gradeDistribution(db, periodId) : Promise.resolve(null),
    indicatorStatistics(db, [periodId], codes),
    averageTotalsByCategory(db, periodId),
  ]);
  const byTownship = indexStats(
    stats.filter((s) => s.group === "township"),
    (s) => String(s.townshipId),
  );
  const byCategory = indexStats(
    stats.filter((s) => s.group === "category"),
    (s) => s.category,
  );
  const county = indexStats(
    stats.filter((s) => s.group === "county"),
    () => "county",
  ).county;
  return {
    townships: ranking,
    grades,
    matrix: {
      townships: townships.map((t) => ({
        townshipId: t.id,
        name: t.name,
        cells: byTownship[String(t.id)] ?? {},
      })),
      county: county ?? {},
    },
    categories: categoryTotals.map((row) => ({ ...row, indicators: byCategory[row.category] ?? {} })),
  };
}

/** The township ranking table (乡镇综合得分排名): published for every role, provisional for the assessors. */
export async function buildTownshipRanking(db: DbOrTx, user: SessionUser, periodId: number) {
  const period = await loadReportPeriod(db, user, periodId);
  const view = resultsView(user, period);
  if (view === "none") throw notPublished();
  const [scheme, items] = await Promise.all([
    loadPeriodScheme(db, periodId),
    townshipRankingFor(db, view, periodId),
  ]);
  return {
    period: periodHeader(period),
    results: view,
    provisional: view === "provisional" ? await provisionalCoverage(db, periodId) : null,
    gradeBands:
      view === "published" ? sortedGradeBands(scheme).map(({ grade, label }) => ({ grade, label })) : [],
    items,
  };
}

/** The person ranking, scoped: township accounts see their own township only. Ranks read 第 rank / rankOf 名. */
export async function buildPersonRanking(db: DbOrTx, user: SessionUser, filter: PersonRankingFilter) {
  const period = await loadReportPeriod(db, user, filter.periodId);
  if (filter.townshipId !== undefined) assertTownshipInScope(user, filter.townshipId);
  if (user.role === "township") filter = { ...filter, townshipId: user.townshipId ?? -1 };
  const view = resultsView(user, period);
  if (view === "none") throw notPublished();
  const base = { period: periodHeader(period), results: view, limit: filter.limit, offset: filter.offset };
  if (view === "provisional") return { ...base, ...(await provisionalPersonRanking(db, filter)) };
  const [scheme, page, poolSize] = await Promise.all([
    loadPeriodScheme(db, period.id),
    listPersonRanking(db, filter),
    provisionalCoverage(db, period.id),
  ]);
  const labels = new Map(scheme.gradeBands.map((band) => [band.grade, band.label]));
  return {
    ...base,
    provisional: null,
    ...page,
    items: page.items.map((item) => ({
      ...item,
      rankOf: item.exempt ? null : poolSize.scored,
      // 不参加本期考核 is shown where a grade would be.
      gradeLabel: item.exempt
        ? `不参加考核（${EXEMPT_CATEGORY_LABELS[item.exempt]}）`
        : item.grade
          ? (labels.get(item.grade) ?? null)
          : null,
    })),
  };
}

/** 未公示·仅供考核组: the scored people ranked among themselves, filtered and paginated like the published list. */
async function provisionalPersonRanking(db: DbOrTx, filter: PersonRankingFilter) {
  const [scored, coverage] = await Promise.all([
    loadScoredSheets(db, filter.periodId),
    provisionalCoverage(db, filter.periodId),
  ]);
  const ranked = rankScoredPeople(scored).filter(
    (row) =>
      (filter.townshipId === undefined || row.townshipId === filter.townshipId) &&
      (filter.category === undefined || row.category === filter.category),
  );
  return {
    provisional: coverage,
    total: ranked.length,
    items: ranked.slice(filter.offset, filter.offset + filter.limit).map(({ townshipCode: _c, ...row }) => ({
      ...row,
      grade: null,
      gradeLabel: null,
      townshipRank: null,
    })),
  };
}

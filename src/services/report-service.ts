import type { SessionUser } from "../auth/session";
import type { DbOrTx } from "../db/client";
import { listTownships } from "../db/queries/org-queries";
import {
  indicatorStatistics,
  listSchemeIndicators,
  progressTrend,
} from "../db/queries/report-indicator-queries";
import { listTownshipMembers } from "../db/queries/report-person-queries";
import {
  averageTotalsByCategory,
  countGrades,
  countGradesByTownship,
  listPersonRanking,
  listTownshipRanking,
  type PersonRankingFilter,
} from "../db/queries/report-ranking-queries";
import { dec, floor } from "../domain/decimal";
import { sortedGradeBands } from "../domain/scheme";
import { EXEMPT_CATEGORY_LABELS } from "../domain/sheet-state";
import { missing } from "./errors";
import {
  assertTownshipInScope,
  loadReportPeriod,
  notPublished,
  type ReportPeriod,
  seesAggregateResults,
  seesPersonResults,
} from "./report-access";
import { loadPeriodScheme } from "./scoring-service";

type Stat = Awaited<ReturnType<typeof indicatorStatistics>>[number];
type StatCell = Pick<Stat, "completionRate" | "scoreShare" | "averageScore" | "items">;

/** What every report says about its period. */
export function periodHeader(period: ReportPeriod) {
  const { schemeId: _schemeId, ...header } = period;
  return header;
}

const cell = ({ completionRate, scoreShare, averageScore, items }: Stat): StatCell => ({
  completionRate,
  scoreShare,
  averageScore,
  items,
});

/** Indexes statistics rows by a key and indicator code: `{key: {A1: cell}}`. */
function indexStats(rows: readonly Stat[], keyOf: (row: Stat) => string) {
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
    // The quota is the engine's rule (DESIGN.md): at most ⌊n × excellentQuota⌋ sheets in the top band.
    excellentLimit: floor(dec(pool).times(dec(scheme.excellentQuota))).toNumber(),
    excellentCount: top?.count ?? 0,
    bands,
  };
}

/** The township ranking with each township's grade counts. */
export async function townshipRankingWithGrades(db: DbOrTx, periodId: number) {
  const [ranking, gradeRows] = await Promise.all([
    listTownshipRanking(db, periodId),
    countGradesByTownship(db, periodId),
  ]);
  return ranking.map((row) => ({
    ...row,
    grades: Object.fromEntries(
      gradeRows
        .filter((g) => g.townshipId === row.townshipId && g.grade !== null)
        .map((g) => [g.grade, g.count]),
    ),
  }));
}

/** The county dashboard data set of a period; results sections are null where the user may not see them. */
export async function buildDashboard(db: DbOrTx, user: SessionUser, periodId: number) {
  const period = await loadReportPeriod(db, user, periodId);
  const visible = seesAggregateResults(user, period);
  const [indicatorRows, trendRows] = await Promise.all([
    listSchemeIndicators(db, period.schemeId),
    progressTrend(db, periodId),
  ]);
  const trend = indicatorRows
    .map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      months: trendRows.filter((row) => row.code === indicator.code).map(({ code: _c, ...month }) => month),
    }))
    .filter((series) => series.months.length > 0);
  const indicatorList = indicatorRows.map(({ id: _id, ...rest }) => rest);
  if (!visible)
    return { period: periodHeader(period), resultsVisible: false, indicators: indicatorList, trend };
  return {
    period: periodHeader(period),
    resultsVisible: true,
    indicators: indicatorList,
    trend,
    ...(await dashboardResults(db, user, periodId)),
  };
}

async function dashboardResults(db: DbOrTx, user: SessionUser, periodId: number) {
  const [townships, ranking, grades, stats, categoryTotals] = await Promise.all([
    listTownships(db, user.countyId),
    townshipRankingWithGrades(db, periodId),
    gradeDistribution(db, periodId),
    indicatorStatistics(db, [periodId]),
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

/** The township ranking table (乡镇综合得分排名), published information for every role. */
export async function buildTownshipRanking(db: DbOrTx, user: SessionUser, periodId: number) {
  const period = await loadReportPeriod(db, user, periodId);
  if (!seesAggregateResults(user, period)) throw notPublished();
  const scheme = await loadPeriodScheme(db, periodId);
  return {
    period: periodHeader(period),
    gradeBands: sortedGradeBands(scheme).map(({ grade, label }) => ({ grade, label })),
    items: await townshipRankingWithGrades(db, periodId),
  };
}

/** The person ranking, scoped: township accounts see their own township only. */
export async function buildPersonRanking(db: DbOrTx, user: SessionUser, filter: PersonRankingFilter) {
  const period = await loadReportPeriod(db, user, filter.periodId);
  if (filter.townshipId !== undefined) assertTownshipInScope(user, filter.townshipId);
  if (user.role === "township") filter = { ...filter, townshipId: user.townshipId ?? -1 };
  if (!seesPersonResults(user, period)) throw notPublished();
  const [scheme, page] = await Promise.all([loadPeriodScheme(db, period.id), listPersonRanking(db, filter)]);
  const labels = new Map(scheme.gradeBands.map((band) => [band.grade, band.label]));
  return {
    period: periodHeader(period),
    ...page,
    items: page.items.map((item) => ({
      ...item,
      // 不参加本期考核 is shown where a grade would be.
      gradeLabel: item.exempt
        ? `不参加考核（${EXEMPT_CATEGORY_LABELS[item.exempt]}）`
        : item.grade
          ? (labels.get(item.grade) ?? null)
          : null,
    })),
    limit: filter.limit,
    offset: filter.offset,
  };
}

/** A township's report: its result, its members and its indicator averages against the county's. */
export async function buildTownshipReport(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  townshipId: number,
) {
  const period = await loadReportPeriod(db, user, periodId);
  assertTownshipInScope(user, townshipId);
  const [townships, indicatorRows, members, stats, ranking] = await Promise.all([
    listTownships(db, user.countyId),
    listSchemeIndicators(db, period.schemeId),
    listTownshipMembers(db, periodId, townshipId),
    indicatorStatistics(db, [periodId]),
    listTownshipRanking(db, periodId),
  ]);
  const township = townships.find((t) => t.id === townshipId);
  if (!township) throw missing("乡镇");
  const aggregate = seesAggregateResults(user, period);
  const personal = seesPersonResults(user, period);
  const local = indexStats(
    stats.filter((s) => s.group === "township" && s.townshipId === townshipId),
    () => "t",
  ).t;
  const county = indexStats(
    stats.filter((s) => s.group === "county"),
    () => "c",
  ).c;
  return {
    period: periodHeader(period),
    township: {
      id: township.id,
      code: township.code,
      name: township.name,
      stationName: township.stationName,
    },
    resultsVisible: personal,
    result: aggregate ? (ranking.find((r) => r.townshipId === townshipId) ?? null) : null,
    members: members.map((m) => (personal ? m : withheld(m))),
    indicators: indicatorRows.map(({ id: _id, ...indicator }) => ({
      ...indicator,
      township: aggregate ? (local?.[indicator.code] ?? null) : null,
      county: aggregate ? (county?.[indicator.code] ?? null) : null,
    })),
  };
}

type Member = Awaited<ReturnType<typeof listTownshipMembers>>[number];

/** A member row with its results blanked (the period is not yet published to this user). */
function withheld(member: Member) {
  return {
    ...member,
    base: null,
    bonus: null,
    total: null,
    vetoed: null,
    grade: null,
    rank: null,
    townshipRank: null,
  };
}

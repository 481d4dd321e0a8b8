import { api, call } from "../../api/client";
import type { Dashboard, DashboardResults } from "../../api/types";
import { Link } from "../../app/router";
import { usePeriods, useUser } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExportLinks } from "../../ui/excel-import";
import { PageHeader } from "../../ui/page";
import { Stat } from "../../ui/stat";
import { CategoryChart, GradeChart, RankingChart, TrendChart } from "./dashboard-charts";
import { Heatmap } from "./heatmap";
import { PrintHeader } from "./print-header";
import { ProgressSection } from "./progress-section";
import { RankingTable } from "./ranking-table";

/**
 * 全县考核看板: the year's progress always; results only from scored sheets — published, or for the
 * assessors a provisional ranking labelled 未公示·仅供考核组 — and the monthly trend.
 */
export default function DashboardPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const user = useUser();
  // Rankings and score sheets leave only with results the reader may see (published, or the assessors').
  const exportable =
    period !== undefined &&
    (["published", "final"].includes(period.status) || user.role === "admin" || user.role === "assessor");
  const state = useAsync(async () => {
    if (!period) return null;
    return call(api.reports.periods[":id"].dashboard.$get({ param: { id: String(period.id) } }));
  }, [period?.id]);
  return (
    <section class="report">
      <PrintHeader period={period?.name} />
      <PageHeader
        title={m.nav.dashboard}
        subtitle={period ? `${m.app.county} · ${period.name}` : undefined}
        actions={
          <>
            {period && exportable ? (
              <ExportLinks periodId={period.id} datasets={["townships", "people", "scores"]} />
            ) : null}
            <button type="button" class="button secondary" onClick={() => window.print()}>
              {m.common.print}
            </button>
          </>
        }
      />
      <AsyncView state={state}>
        {(data) => {
          if (!data) return <Empty>{m.common.noPeriod}</Empty>;
          return (
            <>
              <ResultsNotice data={data} />
              {hasResults(data) && data.results === "published" ? (
                <Results results={data} indicators={data.indicators} />
              ) : null}
              {hasResults(data) && data.results === "provisional" && data.townships.length > 0 ? (
                <ProvisionalResults results={data} indicators={data.indicators} />
              ) : null}
              {data.results !== "published" ? <ProgressSection progress={data.progress} /> : null}
              <section class="card">
                <h2>{m.reports.trend}</h2>
                {data.trend.length > 0 ? (
                  <>
                    <TrendChart trend={data.trend} />
                    <p class="muted">{m.figures.trendPeople(reportedByMonth(data.trend, fmt.month))}</p>
                    <p class="muted">{m.figures.trendNote}</p>
                  </>
                ) : (
                  <Empty>{m.reports.noTrend}</Empty>
                )}
              </section>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

/** How many people reported each month (the most over the progress indicators), e.g. "1月 170 · 2月 168". */
function reportedByMonth(trend: Dashboard["trend"], month: (m: number) => string): string {
  const counts = new Map<number, number>();
  for (const series of trend)
    for (const point of series.months)
      counts.set(point.month, Math.max(counts.get(point.month) ?? 0, point.people));
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([m, n]) => `${month(m)} ${n}`)
    .join(" · ");
}

/** What the figures on this page are built from: published results, a labelled provisional view, or progress. */
function ResultsNotice(props: { data: Dashboard }) {
  const { m } = useI18n();
  const { data } = props;
  if (data.results === "none") return <p class="notice">{m.figures.progressOnly}</p>;
  if (data.results === "provisional" && data.provisional)
    return (
      <p class="notice provisional" role="note">
        {m.figures.provisional(data.provisional.label, data.provisional.scored, data.provisional.total)}
      </p>
    );
  return null;
}

/** Whether the answer carries results (published, or provisional for the assessors). */
function hasResults(data: Dashboard): data is DashboardResults {
  return "townships" in data && Array.isArray(data.townships);
}

function Results(props: { results: DashboardResults; indicators: Dashboard["indicators"] }) {
  const { m, fmt } = useI18n();
  const { results } = props;
  const grades = results.grades;
  const preVetoed = results.townships.filter((t) => t.preVeto);
  const vetoed = results.categories.reduce((sum, c) => sum + c.vetoed, 0);
  return (
    <>
      <div class="stats">
        <Stat label={m.reports.pool}>{grades?.pool ?? m.common.dash}</Stat>
        <Stat label={m.reports.excellent}>
          {grades ? m.reports.excellentOf(grades.excellentCount, grades.excellentLimit) : m.common.dash}
        </Stat>
        <Stat label={m.common.vetoed}>{vetoed}</Stat>
        <Stat label={m.common.preVeto}>
          {preVetoed.map((t) => t.name).join(m.common.listSeparator) || m.common.none}
        </Stat>
      </div>
      <section class="card">
        <h2>{m.reports.ranking}</h2>
        <p class="no-print">
          <Link href="/reports/ranking">{m.documents.printRanking}</Link>
        </p>
        <RankingTable results={results} />
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{m.reports.rankingChart}</h2>
          <RankingChart results={results} />
        </section>
        <div>
          {grades ? (
            <section class="card">
              <h2>{m.reports.grades}</h2>
              <GradeChart bands={grades.bands} />
              <p class="muted">{m.reports.quotaNote(fmt.percent(grades.excellentQuota, 0))}</p>
            </section>
          ) : null}
          <section class="card">
            <h2>{m.reports.categories}</h2>
            <CategoryChart results={results} />
            <CategoryTable results={results} />
          </section>
        </div>
      </div>
      <section class="card page-break">
        <h2>{m.reports.heatmap}</h2>
        <Heatmap results={results} indicators={props.indicators} />
      </section>
    </>
  );
}

/** 未公示·仅供考核组: the scored sheets ranked among themselves; no grades, no 预否决. */
function ProvisionalResults(props: { results: DashboardResults; indicators: Dashboard["indicators"] }) {
  const { m } = useI18n();
  return (
    <>
      <section class="card provisional">
        <h2>
          {m.reports.ranking} <span class="badge amber">{m.figures.provisionalBadge}</span>
        </h2>
        <RankingTable results={props.results} />
      </section>
      <section class="card page-break">
        <h2>
          {m.reports.heatmap} <span class="badge amber">{m.figures.provisionalBadge}</span>
        </h2>
        <Heatmap results={props.results} indicators={props.indicators} />
      </section>
    </>
  );
}

function CategoryTable(props: { results: DashboardResults }) {
  const { m, fmt } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{m.common.category}</th>
          <th scope="col" class="num">
            {m.reports.members}
          </th>
          <th scope="col" class="num">
            {m.reports.averageTotal}
          </th>
          <th scope="col" class="num">
            {m.common.vetoed}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.results.categories.map((row) => (
          <tr key={row.category}>
            <th scope="row">{m.categories[row.category]}</th>
            <td class="num">{row.count}</td>
            <td class="num">{fmt.score(row.averageTotal)}</td>
            <td class="num">{row.vetoed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

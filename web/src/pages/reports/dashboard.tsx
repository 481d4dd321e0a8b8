import { api, call } from "../../api/client";
import type { Dashboard, DashboardResults } from "../../api/types";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExportLinks } from "../../ui/excel-import";
import { PageHeader } from "../../ui/page";
import { Stat } from "../../ui/stat";
import { CategoryChart, GradeChart, RankingChart, TrendChart } from "./dashboard-charts";
import { Heatmap } from "./heatmap";
import { PrintHeader } from "./print-header";
import { RankingTable } from "./ranking-table";

/** 全县考核看板: the township ranking, grades, indicator heatmap, categories and progress of a period. */
export default function DashboardPage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
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
            {period ? (
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
              {hasResults(data) ? (
                <Results results={data} indicators={data.indicators} />
              ) : (
                <p class="notice">{m.reports.notPublished}</p>
              )}
              <section class="card">
                <h2>{m.reports.trend}</h2>
                {data.trend.length > 0 ? (
                  <TrendChart trend={data.trend} />
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

/** Whether the user may see this period's results (published, or they are an assessor or admin). */
function hasResults(data: Dashboard): data is DashboardResults {
  return data.resultsVisible && "townships" in data && data.townships.length > 0;
}

function Results(props: { results: DashboardResults; indicators: { code: string; name: string }[] }) {
  const { m, fmt } = useI18n();
  const { results } = props;
  const preVetoed = results.townships.filter((t) => t.preVeto);
  const vetoed = results.categories.reduce((sum, c) => sum + c.vetoed, 0);
  return (
    <>
      <div class="stats">
        <Stat label={m.reports.pool}>{results.grades.pool}</Stat>
        <Stat label={m.reports.excellent}>
          {m.reports.excellentOf(results.grades.excellentCount, results.grades.excellentLimit)}
        </Stat>
        <Stat label={m.common.vetoed}>{vetoed}</Stat>
        <Stat label={m.common.preVeto}>
          {preVetoed.map((t) => t.name).join(m.common.listSeparator) || m.common.none}
        </Stat>
      </div>
      <section class="card">
        <h2>{m.reports.ranking}</h2>
        <RankingTable results={results} />
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>{m.reports.rankingChart}</h2>
          <RankingChart results={results} />
        </section>
        <div>
          <section class="card">
            <h2>{m.reports.grades}</h2>
            <GradeChart results={results} />
            <p class="muted">{m.reports.quotaNote(fmt.percent(results.grades.excellentQuota, 0))}</p>
          </section>
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

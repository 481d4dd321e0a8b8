import type { InferResponseType } from "hono/client";
import { useMemo } from "preact/hooks";
import type { api } from "../../api/client";
import { BLUE, ChartView } from "../../charts/chart";
import { barChart } from "../../charts/chart-config";
import { useI18n } from "../../i18n/i18n";
import { GradeBadge, VetoBadge } from "../../ui/badges";
import { TableWrap } from "../../ui/table-wrap";

type Comparison = InferResponseType<typeof api.reports.compare.$get, 200>;
type PersonComparison = Extract<Comparison, { subject: { kind: "person" } }>;
type TownshipComparison = Extract<Comparison, { subject: { kind: "township" } }>;

const isPersonComparison = (comparison: Comparison): comparison is PersonComparison =>
  comparison.subject.kind === "person";

/** The comparison's table of results, its chart and the indicator scores period by period. */
export function CompareView(props: { comparison: Comparison }) {
  const { m } = useI18n();
  const { comparison } = props;
  return (
    <>
      <section class="card">
        <h2>{m.compare.results}</h2>
        {isPersonComparison(comparison) ? (
          <PersonResults comparison={comparison} />
        ) : (
          <TownshipResults comparison={comparison} />
        )}
        <ScoreChart comparison={comparison} />
      </section>
      <IndicatorScores comparison={comparison} />
    </>
  );
}

/** The score the chart follows: a person's total, a township's composite (null while unpublished). */
function headlineScore(period: Comparison["periods"][number]): number | null {
  const summary = period.summary;
  if (!summary) return null;
  return "total" in summary ? summary.total : summary.composite;
}

function ScoreChart(props: { comparison: Comparison }) {
  const { m } = useI18n();
  const { comparison } = props;
  const person = comparison.subject.kind === "person";
  const config = useMemo(
    () =>
      barChart({
        labels: comparison.periods.map((p) => p.name),
        series: [
          {
            label: person ? m.common.total : m.reports.composite,
            data: comparison.periods.map(headlineScore),
            color: BLUE,
          },
        ],
        category: m.charts.period,
        value: { title: person ? m.charts.totalPoints : m.charts.compositePoints },
      }),
    [comparison, m, person],
  );
  return <ChartView config={config} label={m.compare.chartLabel(comparison.subject.name)} />;
}

function NotPublished() {
  const { m } = useI18n();
  return <span class="muted">{m.compare.notPublished}</span>;
}

function PersonResults(props: { comparison: PersonComparison }) {
  const { m, fmt } = useI18n();
  return (
    <TableWrap>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.charts.period}</th>
            <th scope="col" class="num">
              {m.common.base}
            </th>
            <th scope="col" class="num">
              {m.common.bonus}
            </th>
            <th scope="col" class="num">
              {m.common.total}
            </th>
            <th scope="col">{m.common.grade}</th>
            <th scope="col" class="num">
              {m.compare.countyRank}
            </th>
            <th scope="col" class="num">
              {m.compare.townshipRank}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.comparison.periods.map((period) => (
            <tr key={period.id}>
              <th scope="row">{period.name}</th>
              {period.summary ? (
                <>
                  <td class="num">{fmt.score(period.summary.base)}</td>
                  <td class="num">{fmt.score(period.summary.bonus)}</td>
                  <td class="num">{fmt.score(period.summary.total)}</td>
                  <td>
                    <GradeBadge grade={period.summary.grade} />
                    {period.summary.vetoed ? <VetoBadge kind="veto" /> : null}
                  </td>
                  <td class="num">
                    {period.summary.rank !== null && period.summary.poolSize !== null
                      ? m.figures.rankOf(period.summary.rank, period.summary.poolSize)
                      : m.common.dash}
                  </td>
                  <td class="num">{period.summary.townshipRank ?? m.common.dash}</td>
                </>
              ) : (
                <td colSpan={6}>
                  <NotPublished />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function TownshipResults(props: { comparison: TownshipComparison }) {
  const { m, fmt } = useI18n();
  return (
    <TableWrap>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.charts.period}</th>
            <th scope="col" class="num">
              {m.reports.composite}
            </th>
            <th scope="col" class="num">
              {m.compare.rank}
            </th>
            <th scope="col" class="num">
              {m.compare.members}
            </th>
            <th scope="col">{m.reports.marks}</th>
          </tr>
        </thead>
        <tbody>
          {props.comparison.periods.map((period) => (
            <tr key={period.id}>
              <th scope="row">{period.name}</th>
              {period.summary ? (
                <>
                  <td class="num">{fmt.score(period.summary.composite)}</td>
                  <td class="num">
                    {period.summary.rank !== null
                      ? m.figures.rankOf(period.summary.rank, period.summary.townshipCount)
                      : m.common.dash}
                  </td>
                  <td class="num">{period.summary.memberCount}</td>
                  <td>
                    {period.summary.preVeto ? <VetoBadge kind="preVeto" /> : null}
                    {period.summary.hasVetoedMember ? m.reports.hasVetoed : null}
                  </td>
                </>
              ) : (
                <td colSpan={4}>
                  <NotPublished />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Every indicator's score in each period, with the change from the first period to the last. */
function IndicatorScores(props: { comparison: Comparison }) {
  const { m, fmt } = useI18n();
  const { comparison } = props;
  const person = comparison.subject.kind === "person";
  return (
    <section class="card">
      <h2>{m.compare.indicators}</h2>
      <p class="muted">{person ? m.common.score : m.compare.averageScore}</p>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.common.indicator}</th>
              {comparison.periods.map((period) => (
                <th key={period.id} scope="col" class="num">
                  {period.name}
                </th>
              ))}
              <th scope="col" class="num">
                {m.compare.change}
              </th>
            </tr>
          </thead>
          <tbody>
            {comparison.indicators.map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  {row.code} {row.name}
                </th>
                {row.values.map((value, index) => (
                  <td key={comparison.periods[index]?.id ?? index} class="num">
                    {fmt.score(value.score)}
                  </td>
                ))}
                <td class="num">
                  {row.change === null
                    ? m.common.dash
                    : `${row.change > 0 ? "+" : ""}${fmt.score(row.change)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

import { useMemo } from "preact/hooks";
import type { Dashboard, DashboardResults } from "../../api/types";
import { BLUE, ChartView, PALETTE, RED } from "../../charts/chart";
import { barChart, doughnutChart, lineChart } from "../../charts/chart-config";
import { useI18n } from "../../i18n/i18n";

/** 乡镇综合得分排名 as horizontal bars from 0 to 100; 预否决 townships in red. */
export function RankingChart(props: { results: DashboardResults }) {
  const { m } = useI18n();
  const rows = props.results.townships;
  const config = useMemo(
    () =>
      barChart({
        horizontal: true,
        labels: rows.map((r) => r.name),
        series: [
          {
            label: m.reports.composite,
            data: rows.map((r) => r.composite ?? 0),
            color: rows.map((r) => (r.preVeto ? RED : BLUE)),
          },
        ],
        category: m.charts.township,
        value: { title: m.charts.compositePoints, max: 100 },
      }),
    [rows, m],
  );
  return <ChartView config={config} label={m.reports.rankingChartLabel} tall />;
}

/** 等次分布: how many sheets fell in each grade band, with the 优秀 quota. */
export function GradeChart(props: { bands: { grade: string; label: string; count: number }[] }) {
  const { m } = useI18n();
  const { bands } = props;
  const config = useMemo(
    () =>
      doughnutChart({
        labels: bands.map((b) => b.label),
        data: bands.map((b) => b.count),
        colors: ["#2e8b57", BLUE, "#e08a00", RED],
        title: m.charts.gradePeople,
      }),
    [bands, m],
  );
  return <ChartView config={config} label={m.reports.gradeChartLabel} />;
}

/** Station staff beside the reassigned: average totals by category (所内人员 / 选调人员). */
export function CategoryChart(props: { results: DashboardResults }) {
  const { m } = useI18n();
  const rows = props.results.categories;
  const config = useMemo(
    () =>
      barChart({
        labels: [m.common.base, m.common.bonus, m.common.total],
        series: rows.map((row, index) => ({
          label: `${m.categories[row.category]} (${row.count})`,
          data: [row.averageBase, row.averageBonus, row.averageTotal],
          color: PALETTE[index % PALETTE.length] ?? BLUE,
        })),
        category: m.charts.scorePart,
        value: { title: m.charts.averagePoints, max: 100 },
      }),
    [rows, m],
  );
  return <ChartView config={config} label={m.reports.categoryChartLabel} />;
}

/**
 * 进度趋势: the county's average completion month by month, per progress indicator, over the people who
 * reported that month (the tooltip says how many); lower-is-better indicators as target ÷ actual.
 */
export function TrendChart(props: { trend: Dashboard["trend"] }) {
  const { m, fmt } = useI18n();
  const config = useMemo(
    () =>
      lineChart({
        labels: Array.from({ length: 12 }, (_, i) => fmt.month(i + 1)),
        series: props.trend.map((series, index) => ({
          label: `${series.code} ${series.name}`,
          data: Array.from(
            { length: 12 },
            (_, i) => series.months.find((point) => point.month === i + 1)?.completionRate ?? null,
          ),
          color: PALETTE[index % PALETTE.length] ?? BLUE,
        })),
        category: m.charts.month,
        value: { title: m.charts.completionPercent, format: (v) => fmt.percent(v, 0) },
        tooltipNote: (series, month) => {
          const point = props.trend[series]?.months.find((p) => p.month === month + 1);
          return point ? m.figures.reported(point.people) : "";
        },
      }),
    [props.trend, fmt, m],
  );
  return <ChartView config={config} label={m.reports.trendChartLabel} />;
}

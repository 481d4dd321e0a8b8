import { useMemo } from "preact/hooks";
import type { Dashboard, DashboardResults } from "../../api/types";
import { BLUE, ChartView, PALETTE, RED } from "../../charts/chart";
import { useI18n } from "../../i18n/i18n";

/** 乡镇综合得分排名 as horizontal bars; 预否决 townships in red. */
export function RankingChart(props: { results: DashboardResults }) {
  const { m } = useI18n();
  const rows = props.results.townships;
  const config = useMemo(
    () => ({
      type: "bar" as const,
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          {
            label: m.reports.composite,
            data: rows.map((r) => r.composite ?? 0),
            backgroundColor: rows.map((r) => (r.preVeto ? RED : BLUE)),
          },
        ],
      },
      options: {
        indexAxis: "y" as const,
        plugins: { legend: { display: false } },
        scales: {
          y: { ticks: { autoSkip: false } },
          x: {
            min: Math.max(0, Math.floor(Math.min(...rows.map((r) => r.composite ?? 0)) / 10) * 10 - 10),
            max: 100,
          },
        },
      },
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
    () => ({
      type: "doughnut" as const,
      data: {
        labels: bands.map((b) => b.label),
        datasets: [{ data: bands.map((b) => b.count), backgroundColor: ["#2e8b57", BLUE, "#e08a00", RED] }],
      },
      options: { plugins: { legend: { position: "right" as const } } },
    }),
    [bands],
  );
  return <ChartView config={config} label={m.reports.gradeChartLabel} />;
}

/** Station staff beside the reassigned: average totals by category (所内人员 / 选调人员). */
export function CategoryChart(props: { results: DashboardResults }) {
  const { m } = useI18n();
  const rows = props.results.categories;
  const config = useMemo(
    () => ({
      type: "bar" as const,
      data: {
        labels: [m.common.base, m.common.bonus, m.common.total],
        datasets: rows.map((row, index) => ({
          label: `${m.categories[row.category]} (${row.count})`,
          data: [row.averageBase, row.averageBonus, row.averageTotal],
          backgroundColor: PALETTE[index],
        })),
      },
      options: { scales: { y: { beginAtZero: true, max: 100 } } },
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
  const pointOf = (series: number, month: number) =>
    props.trend[series]?.months.find((point) => point.month === month);
  const config = useMemo(
    () => ({
      type: "line" as const,
      data: {
        labels: Array.from({ length: 12 }, (_, i) => fmt.month(i + 1)),
        datasets: props.trend.map((series, index) => ({
          label: `${series.code} ${series.name}`,
          data: Array.from(
            { length: 12 },
            (_, i) => series.months.find((point) => point.month === i + 1)?.completionRate ?? null,
          ),
          borderColor: PALETTE[index % PALETTE.length],
          backgroundColor: PALETTE[index % PALETTE.length],
          spanGaps: true,
        })),
      },
      options: {
        scales: { y: { ticks: { callback: (value: string | number) => fmt.percent(Number(value), 0) } } },
        plugins: {
          legend: { position: "bottom" as const },
          tooltip: {
            callbacks: {
              afterLabel: (item: { datasetIndex: number; dataIndex: number }) => {
                const point = pointOf(item.datasetIndex, item.dataIndex + 1);
                return point ? m.figures.reported(point.people) : "";
              },
            },
          },
        },
      },
    }),
    [props.trend, fmt, m],
  );
  return <ChartView config={config} label={m.reports.trendChartLabel} />;
}

import { useMemo } from "preact/hooks";
import type { PersonReport } from "../../api/types";
import { ChartView, PALETTE } from "../../charts/chart";
import { useI18n } from "../../i18n/i18n";

type Categories = NonNullable<PersonReport["categories"]>;

// Shares of the points possible (0–100 from the API), so a reassigned person is compared with the mean share
// of reassigned staff, never with raw points of a population whose possible points differ.
const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/** 雷达图: score share per category — this person, the township's and the county's average of the same population. */
export function CategoryRadar(props: { categories: Categories }) {
  const { m, fmt } = useI18n();
  const rows = props.categories.filter((c) => c.points !== null && c.points > 0);
  const config = useMemo(
    () => ({
      type: "radar" as const,
      data: {
        labels: rows.map((c) => c.name),
        datasets: [
          { label: m.reports.self, data: rows.map((c) => fraction(c.percent)) },
          { label: m.reports.townshipAverage, data: rows.map((c) => fraction(c.townshipAverage)) },
          { label: m.reports.countyAverage, data: rows.map((c) => fraction(c.countyAverage)) },
        ].map((set, index) => ({
          ...set,
          borderColor: PALETTE[index],
          backgroundColor: `${PALETTE[index]}22`,
          pointBackgroundColor: PALETTE[index],
        })),
      },
      options: {
        scales: {
          r: { min: 0, max: 1, ticks: { callback: (v: string | number) => fmt.percent(Number(v), 0) } },
        },
        plugins: { legend: { position: "bottom" as const } },
      },
    }),
    [rows, m, fmt],
  );
  return <ChartView config={config} label={m.reports.radarLabel} />;
}

/** 分类得分率柱状图: share of the points possible per category beside the same population's averages. */
export function CategoryBars(props: { categories: Categories }) {
  const { m, fmt } = useI18n();
  const rows = props.categories.filter((c) => c.points !== null && c.points > 0);
  const config = useMemo(
    () => ({
      type: "bar" as const,
      data: {
        labels: rows.map((c) => c.name),
        datasets: [
          { label: m.reports.self, data: rows.map((c) => fraction(c.percent)) },
          { label: m.reports.townshipAverage, data: rows.map((c) => fraction(c.townshipAverage)) },
          { label: m.reports.countyAverage, data: rows.map((c) => fraction(c.countyAverage)) },
        ].map((set, index) => ({ ...set, backgroundColor: PALETTE[index] })),
      },
      options: {
        plugins: { legend: { position: "bottom" as const } },
        scales: {
          y: {
            beginAtZero: true,
            max: 1,
            ticks: { callback: (v: string | number) => fmt.percent(Number(v), 0) },
          },
        },
      },
    }),
    [rows, m, fmt],
  );
  return <ChartView config={config} label={m.reports.barLabel} />;
}

/** 逐月进度: completion rate of each progress indicator, month by month. */
export function MonthlyLines(props: { progress: PersonReport["progress"] }) {
  const { m, fmt } = useI18n();
  const config = useMemo(
    () => ({
      type: "line" as const,
      data: {
        labels: Array.from({ length: 12 }, (_, i) => fmt.month(i + 1)),
        datasets: props.progress.map((series, index) => ({
          label: `${series.code} ${series.name}`,
          data: Array.from(
            { length: 12 },
            (_, i) => series.months.find((p) => p.month === i + 1)?.completionRate ?? null,
          ),
          borderColor: PALETTE[index % PALETTE.length],
          backgroundColor: PALETTE[index % PALETTE.length],
          spanGaps: true,
        })),
      },
      options: {
        scales: { y: { ticks: { callback: (v: string | number) => fmt.percent(Number(v), 0) } } },
        plugins: { legend: { position: "bottom" as const } },
      },
    }),
    [props.progress, fmt],
  );
  return <ChartView config={config} label={m.reports.monthlyLabel} />;
}

import { useMemo } from "preact/hooks";
import type { PersonReport } from "../../api/types";
import { ChartView, PALETTE } from "../../charts/chart";
import { useI18n } from "../../i18n/i18n";

type Categories = NonNullable<PersonReport["categories"]>;

const share = (score: number, points: number) => (points > 0 ? score / points : 0);

/** 雷达图: score share per category — this person, the township's average and the county's. */
export function CategoryRadar(props: { categories: Categories }) {
  const { m, fmt } = useI18n();
  const rows = props.categories.filter((c) => c.points > 0);
  const config = useMemo(
    () => ({
      type: "radar" as const,
      data: {
        labels: rows.map((c) => c.name),
        datasets: [
          { label: m.reports.self, data: rows.map((c) => share(c.score, c.points)) },
          { label: m.reports.townshipAverage, data: rows.map((c) => share(c.townshipAverage, c.points)) },
          { label: m.reports.countyAverage, data: rows.map((c) => share(c.countyAverage, c.points)) },
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

/** 分类得分柱状图: points scored per category beside the township and county averages. */
export function CategoryBars(props: { categories: Categories }) {
  const { m } = useI18n();
  const rows = props.categories.filter((c) => c.points > 0 || c.score > 0);
  const config = useMemo(
    () => ({
      type: "bar" as const,
      data: {
        labels: rows.map((c) => c.name),
        datasets: [
          { label: m.reports.self, data: rows.map((c) => c.score) },
          { label: m.reports.townshipAverage, data: rows.map((c) => c.townshipAverage) },
          { label: m.reports.countyAverage, data: rows.map((c) => c.countyAverage) },
        ].map((set, index) => ({ ...set, backgroundColor: PALETTE[index] })),
      },
      options: { plugins: { legend: { position: "bottom" as const } }, scales: { y: { beginAtZero: true } } },
    }),
    [rows, m],
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

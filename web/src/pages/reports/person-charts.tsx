import { useMemo } from "preact/hooks";
import type { PersonReport } from "../../api/types";
import { BLUE, ChartView, PALETTE } from "../../charts/chart";
import { barChart, lineChart, radarChart, type Series } from "../../charts/chart-config";
import { type I18n, useI18n } from "../../i18n/i18n";

type Categories = NonNullable<PersonReport["categories"]>;

// Shares of the points possible (0–100 from the API), so a reassigned person is compared with the mean share
// of reassigned staff, never with raw points of a population whose possible points differ.
const fraction = (percent: number | null) => (percent === null ? null : percent / 100);

/** This person beside the township's and the county's average of the same population, per category. */
function categorySeries(m: I18n["m"], rows: Categories): Series[] {
  return [
    { label: m.reports.self, data: rows.map((c) => fraction(c.percent)) },
    { label: m.reports.townshipAverage, data: rows.map((c) => fraction(c.townshipAverage)) },
    { label: m.reports.countyAverage, data: rows.map((c) => fraction(c.countyAverage)) },
  ].map((set, index) => ({ ...set, color: PALETTE[index] ?? BLUE }));
}

/** 雷达图: score share per category — this person, the township's and the county's average of the same population. */
export function CategoryRadar(props: { categories: Categories }) {
  const { m, fmt } = useI18n();
  const rows = props.categories.filter((c) => c.points !== null && c.points > 0);
  const config = useMemo(
    () =>
      radarChart({
        labels: rows.map((c) => c.name),
        series: categorySeries(m, rows),
        value: { title: m.charts.scoreSharePercent, max: 1, format: (v) => fmt.percent(v, 0) },
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
    () =>
      barChart({
        labels: rows.map((c) => c.name),
        series: categorySeries(m, rows),
        category: m.charts.category,
        value: { title: m.charts.scoreSharePercent, max: 1, format: (v) => fmt.percent(v, 0) },
      }),
    [rows, m, fmt],
  );
  return <ChartView config={config} label={m.reports.barLabel} />;
}

/** 逐月进度: completion rate of each progress indicator, month by month. */
export function MonthlyLines(props: { progress: PersonReport["progress"] }) {
  const { m, fmt } = useI18n();
  const config = useMemo(
    () =>
      lineChart({
        labels: Array.from({ length: 12 }, (_, i) => fmt.month(i + 1)),
        series: props.progress.map((series, index) => ({
          label: `${series.code} ${series.name}`,
          data: Array.from(
            { length: 12 },
            (_, i) => series.months.find((p) => p.month === i + 1)?.completionRate ?? null,
          ),
          color: PALETTE[index % PALETTE.length] ?? BLUE,
        })),
        category: m.charts.month,
        value: { title: m.charts.completionPercent, format: (v) => fmt.percent(v, 0) },
      }),
    [props.progress, fmt, m],
  );
  return <ChartView config={config} label={m.reports.monthlyLabel} />;
}

import type { ChartConfiguration, TooltipItem } from "chart.js";

// The one place every report chart gets its set-up, so all of them read the same way on screen and on paper:
// an axis title with its unit on each axis, value axes from 0, a legend whenever there is more than one series.

/** A value axis: its title names the measure and its unit, e.g. "综合得分（分）". */
export interface ValueAxis {
  title: string;
  /** The top of the axis when the measure has one (100 points, 100 %). */
  max?: number;
  /** How a tick reads, e.g. as a percentage. */
  format?: (value: number) => string;
}

/** One series of values, one per label; `color` may give each bar its own colour. */
export interface Series {
  label: string;
  data: (number | null)[];
  color: string | string[];
}

interface CartesianSpec {
  labels: string[];
  series: Series[];
  /** Title of the axis the labels run along, e.g. "乡镇（街道）". */
  category: string;
  value: ValueAxis;
  /** A line under each tooltip value, e.g. how many people a monthly average is over. */
  tooltipNote?: (seriesIndex: number, labelIndex: number) => string;
}

const axisTitle = (text: string) => ({ display: true, text, font: { weight: "bold" as const } });

/** A value scale from 0: differences between bars are never exaggerated by a cut-off axis. */
function valueScale(axis: ValueAxis) {
  return {
    min: 0,
    beginAtZero: true,
    ...(axis.max === undefined ? {} : { max: axis.max }),
    title: axisTitle(axis.title),
    ...(axis.format ? { ticks: { callback: (tick: string | number) => axis.format?.(Number(tick)) } } : {}),
  };
}

/** The legend names the series; with one series the axis titles already say what it is. */
function legend(seriesCount: number) {
  return { display: seriesCount > 1, position: "bottom" as const };
}

function tooltip<T extends "bar" | "line">(spec: CartesianSpec) {
  const note = spec.tooltipNote;
  if (!note) return {};
  return { callbacks: { afterLabel: (item: TooltipItem<T>) => note(item.datasetIndex, item.dataIndex) } };
}

/** Bars, vertical or (for long lists such as 26 townships) horizontal. */
export function barChart(spec: CartesianSpec & { horizontal?: boolean }): ChartConfiguration<"bar"> {
  const categoryScale = { title: axisTitle(spec.category), ticks: { autoSkip: false } };
  const value = valueScale(spec.value);
  return {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
    },
    options: {
      indexAxis: spec.horizontal ? "y" : "x",
      scales: spec.horizontal ? { x: value, y: categoryScale } : { x: categoryScale, y: value },
      plugins: { legend: legend(spec.series.length), tooltip: tooltip<"bar">(spec) },
    },
  };
}

/** Lines over an ordered axis (months, periods); gaps where a value is missing are bridged. */
export function lineChart(spec: CartesianSpec): ChartConfiguration<"line"> {
  return {
    type: "line",
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        borderColor: s.color,
        backgroundColor: s.color,
        spanGaps: true,
      })),
    },
    options: {
      scales: { x: { title: axisTitle(spec.category) }, y: valueScale(spec.value) },
      plugins: { legend: legend(spec.series.length), tooltip: tooltip<"line">(spec) },
    },
  };
}

/** A radar: its one radial axis has no room for a title, so the chart title names the measure and unit. */
export function radarChart(spec: {
  labels: string[];
  series: Series[];
  value: ValueAxis;
}): ChartConfiguration<"radar"> {
  const { title, ...scale } = valueScale(spec.value);
  return {
    type: "radar",
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        borderColor: s.color,
        backgroundColor: `${String(s.color)}22`,
        pointBackgroundColor: s.color,
      })),
    },
    options: {
      scales: { r: { ...scale, pointLabels: { font: { weight: "bold" } } } },
      plugins: { legend: legend(spec.series.length), title: { ...title, position: "top" } },
    },
  };
}

/** Shares of a whole (people per grade); the legend names every slice, the title says what is counted. */
export function doughnutChart(spec: {
  labels: string[];
  data: number[];
  colors: string[];
  title: string;
}): ChartConfiguration<"doughnut"> {
  return {
    type: "doughnut",
    data: { labels: spec.labels, datasets: [{ data: spec.data, backgroundColor: spec.colors }] },
    options: { plugins: { legend: { position: "right" }, title: axisTitle(spec.title) } },
  };
}

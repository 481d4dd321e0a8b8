import { describe, expect, it } from "vitest";
import { barChart, doughnutChart, lineChart, radarChart } from "../../web/src/charts/chart-config";

// Every report chart is set up by web/src/charts/chart-config.ts: what a reader of a chart relies on is there.

const one = [{ label: "综合得分", data: [88.5, 91.2], color: "#1d4f91" }];
const two = [...one, { label: "全县", data: [80, 85], color: "#e08a00" }];

describe("report charts", () => {
  it("title both axes of a bar chart, with the unit, and start the value axis at 0", () => {
    const config = barChart({
      horizontal: true,
      labels: ["浩塘镇", "杨柳乡"],
      series: one,
      category: "乡镇（街道）",
      value: { title: "综合得分（分）", max: 100 },
    });
    const scales = config.options?.scales ?? {};
    expect(config.options?.indexAxis).toBe("y");
    expect(scales.x).toMatchObject({ min: 0, max: 100, title: { display: true, text: "综合得分（分）" } });
    expect(scales.y).toMatchObject({ title: { display: true, text: "乡镇（街道）" } });
  });

  it("show a legend only when there is more than one series", () => {
    const spec = { labels: ["1月", "2月"], category: "月份", value: { title: "完成率（%）" } };
    expect(lineChart({ ...spec, series: one }).options?.plugins?.legend?.display).toBe(false);
    expect(lineChart({ ...spec, series: two }).options?.plugins?.legend?.display).toBe(true);
    expect(barChart({ ...spec, series: two }).options?.plugins?.legend?.display).toBe(true);
  });

  it("start a line chart's value axis at 0 too, and format its ticks as the axis says", () => {
    const config = lineChart({
      labels: ["2025年", "2026年"],
      series: one,
      category: "考核周期",
      value: { title: "完成率（%）", format: (v) => `${v * 100}%` },
    });
    const y = config.options?.scales?.y;
    expect(y).toMatchObject({ min: 0, beginAtZero: true, title: { text: "完成率（%）" } });
    const ticks = y?.ticks as { callback?: (value: number) => string } | undefined;
    expect(ticks?.callback?.(0.5)).toBe("50%");
    expect(config.options?.scales?.x).toMatchObject({ title: { text: "考核周期" } });
  });

  it("name the measure of a radar and of a doughnut in the chart's title", () => {
    const radar = radarChart({
      labels: ["A", "B", "C"],
      series: two,
      value: { title: "得分率（%）", max: 1 },
    });
    expect(radar.options?.scales?.r).toMatchObject({ min: 0, max: 1 });
    expect(radar.options?.plugins?.title).toMatchObject({ display: true, text: "得分率（%）" });
    const doughnut = doughnutChart({
      labels: ["优秀", "合格"],
      data: [3, 9],
      colors: ["#000", "#111"],
      title: "人数（人）",
    });
    expect(doughnut.options?.plugins?.title).toMatchObject({ display: true, text: "人数（人）" });
    expect(doughnut.options?.plugins?.legend?.position).toBe("right");
  });
});

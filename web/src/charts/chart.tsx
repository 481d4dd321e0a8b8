import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Title,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../i18n/i18n";

// Only the parts the reports draw are registered, so the bundle carries nothing else of Chart.js.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  RadarController,
  RadialLinearScale,
  Filler,
  Legend,
  Title,
  Tooltip,
);
Chart.defaults.font.family =
  'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif';
Chart.defaults.color = "#1f2733";
// Reports are read and printed rather than watched: no animation, so print and PDF show the final drawing.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/** Font sizes in CSS pixels: on paper a chart is smaller than on screen, so its text is set larger. */
export const FONT_SIZE = { screen: 12, print: 15 } as const;
Chart.defaults.font.size = FONT_SIZE.screen;

// Printing resizes the page: redraw every chart at its print size and with print-sized text (and back
// afterwards). `beforeprint` covers the browser's print dialog, the media query covers print previews and PDFs.
const setPrinting = (printing: boolean) => {
  const size = printing ? FONT_SIZE.print : FONT_SIZE.screen;
  if (Chart.defaults.font.size === size) return;
  Chart.defaults.font.size = size;
  for (const chart of Object.values(Chart.instances)) {
    chart.resize();
    chart.update("none");
  }
};
window.addEventListener("beforeprint", () => setPrinting(true));
window.addEventListener("afterprint", () => setPrinting(false));
const printMedia = window.matchMedia("print");
printMedia.addEventListener("change", () => setPrinting(printMedia.matches));

/** Colours that stay distinct in print and for common colour-vision deficiencies. */
export const PALETTE = [
  "#1d4f91",
  "#e08a00",
  "#2e8b57",
  "#b3261e",
  "#7b4fa0",
  "#00838f",
  "#8d6e63",
  "#5c6bc0",
];
export const RED = "#b3261e";
export const BLUE = "#1d4f91";

/** A Chart.js chart in a sized box; to assistive technology the canvas is an image named by `label`. */
export function ChartView<T extends ChartType>(props: {
  config: ChartConfiguration<T>;
  label: string;
  tall?: boolean;
  id?: string;
}) {
  const { locale } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...props.config,
      // Drawn at twice the pixels at least, so a printed chart is as sharp as the text beside it.
      options: { locale, devicePixelRatio: Math.max(2, window.devicePixelRatio), ...props.config.options },
    } as ChartConfiguration<T>);
    return () => chart.destroy();
  }, [props.config, locale]);
  return (
    <div class={`chart-box ${props.tall ? "tall" : ""}`}>
      <canvas ref={canvas} role="img" aria-label={props.label} id={props.id} />
    </div>
  );
}

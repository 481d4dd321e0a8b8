import { indicatorDecimals } from "./indicator-direction";

// How a figure reads, in one place for the web pages and for the text the server writes (CSV, notes): an
// indicator's value with its unit to at most the indicator's decimals (the scheme's `decimals`, default 2),
// scores always with two decimals, points and possible points as numbers, rates as percentages. Pure: it uses
// Intl only, so the browser and the Workers runtime format alike.

/** The locales figures are written in: the web's two catalogues. */
export type FigureLocale = "zh-CN" | "en";

/** What the formatter needs to know of an indicator: its unit and how many decimals its values carry. */
export interface MeasureTraits {
  unit?: string | null | undefined;
  decimals?: number | null | undefined;
}

/** Decimal places of every score (the engine rounds each score half away from zero to 2 places). */
export const SCORE_DECIMALS = 2;

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: FigureLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** A plain number with at most `maximumFractionDigits` decimals, grouped (1,234.5). */
export function formatNumber(value: number, locale: FigureLocale, maximumFractionDigits = 2): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A score: always two decimals (93.00, 87.45). */
export function formatScore(value: number, locale: FigureLocale): string {
  return numberFormat(locale, {
    minimumFractionDigits: SCORE_DECIMALS,
    maximumFractionDigits: SCORE_DECIMALS,
  }).format(value);
}

/** Points of an indicator or a base (40, 93.5): up to two decimals, no padding. */
export function formatPoints(value: number, locale: FigureLocale): string {
  return formatNumber(value, locale, SCORE_DECIMALS);
}

/** A rate given as a fraction (0.955 → 95.5%), to `digits` decimals at most. */
export function formatPercent(fraction: number, locale: FigureLocale, digits = 1): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(fraction);
}

/**
 * A number with its unit as people write it: 95.5% and 3‰ without a space, a ratio's basis in brackets
 * (107.5（女=100）), other units after a space (108 人次, 12 学时).
 */
export function withUnit(text: string, unit: string | null | undefined, locale: FigureLocale): string {
  if (!unit) return text;
  if (unit === "%" || unit === "‰") return `${text}${unit}`;
  if (unit.includes("=")) return locale === "zh-CN" ? `${text}（${unit}）` : `${text} (${unit})`;
  return `${text} ${unit}`;
}

/** An indicator's measured value (实绩, 目标, 核定值) with its unit, to at most the indicator's decimals. */
export function formatMeasure(value: number, indicator: MeasureTraits, locale: FigureLocale): string {
  const decimals = indicatorDecimals({ decimals: indicator.decimals ?? undefined });
  return withUnit(formatNumber(value, locale, decimals), indicator.unit, locale);
}

/**
 * A figure for a machine-read file (CSV): no grouping, scores padded to two decimals, measures to at most the
 * indicator's decimals, so that the file and the pages show the same digits.
 */
export function plainFigure(value: number, kind: "score" | "measure", decimals?: number): string {
  const digits = kind === "score" ? SCORE_DECIMALS : indicatorDecimals({ decimals });
  return numberFormat("en", {
    useGrouping: false,
    minimumFractionDigits: kind === "score" ? SCORE_DECIMALS : 0,
    maximumFractionDigits: digits,
  }).format(value);
}

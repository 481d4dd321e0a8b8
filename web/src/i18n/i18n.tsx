import { type ComponentChildren, createContext } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import {
  formatMeasure,
  formatNumber,
  formatPercent,
  formatPoints,
  formatScore,
  type MeasureTraits,
} from "../../../src/domain/figures";
import { type Messages, zhCN } from "./zh-CN";

export type Locale = "zh-CN" | "en";

const STORAGE_KEY = "kaohe.locale";

/** Formatting for the active locale: figures through the shared `src/domain/figures` formatter, dates through Intl. */
export interface Formatters {
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** A score: always two decimals (the engine rounds every score to 2 decimals). */
  score(value: number | null | undefined): string;
  /** Points of an indicator, a base or a possible total (40, 93.5): up to two decimals. */
  points(value: number | null | undefined): string;
  percent(fraction: number | null | undefined, digits?: number): string;
  /**
   * An indicator's value with its unit, to the indicator's decimals (both come with every API answer): the one
   * formatter for measured values on every page. Yes/no and rating labels pass through; counts per incident
   * kind read "错报 1、迟报 [3+12]".
   */
  measure(
    value: number | boolean | string | Record<string, number | number[]> | null | undefined,
    indicator: MeasureTraits,
  ): string;
  /** A calendar date given as `YYYY-MM-DD` (deadlines), shown without any time zone shift. */
  date(value: string | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  /** The hour and minute of a moment in China Standard Time, e.g. "09:05" (autosave times). */
  time(value: Date): string;
  month(month: number): string;
  bytes(size: number): string;
}

export interface I18n {
  locale: Locale;
  m: Messages;
  fmt: Formatters;
  setLocale(locale: Locale): void;
}

/** The formatters of a locale (exported for the rule-text tests). */
export function createFormatters(locale: Locale, dash: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Asia/Shanghai",
  });
  const month = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const missing = (value: unknown): value is null | undefined => value === null || value === undefined;
  return {
    number: (value, digits = 2) => (missing(value) ? dash : formatNumber(value, locale, digits)),
    score: (value) => (missing(value) ? dash : formatScore(value, locale)),
    points: (value) => (missing(value) ? dash : formatPoints(value, locale)),
    percent: (fraction, digits = 1) => (missing(fraction) ? dash : formatPercent(fraction, locale, digits)),
    measure: (value, indicator) => {
      if (missing(value)) return dash;
      if (typeof value === "object")
        return (
          Object.entries(value)
            .map(([kind, n]) =>
              Array.isArray(n)
                ? `${kind} [${n.map((size) => formatNumber(size, locale, 2)).join("+")}]`
                : `${kind} ${formatNumber(n, locale, 2)}`,
            )
            .join("、") || dash
        );
      if (typeof value !== "number") return typeof value === "boolean" ? (value ? "✓" : "✗") : value;
      return formatMeasure(value, indicator, locale);
    },
    date: (value) => (value ? date.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : dash),
    dateTime: (value) => (value ? dateTime.format(new Date(value)) : dash),
    time: (value) => time.format(value),
    month: (m) => month.format(new Date(Date.UTC(2000, m - 1, 1))),
    bytes: (size) =>
      size < 1024
        ? `${formatNumber(size, locale, 0)} B`
        : size < 1024 * 1024
          ? `${formatNumber(size / 1024, locale, 1)} KB`
          : `${formatNumber(size / 1024 / 1024, locale, 1)} MB`,
  };
}

const I18nContext = createContext<I18n | null>(null);

async function loadMessages(locale: Locale): Promise<Messages> {
  // English is loaded on demand so that the Chinese sign-in page carries one catalogue only.
  return locale === "en" ? (await import("./en")).en : zhCN;
}

/** The locale the user chose last time on this browser; Chinese otherwise. */
export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

/** Provides messages and formatters; switching the locale loads its catalogue, then re-renders. */
export function I18nProvider(props: { locale: Locale; messages: Messages; children: ComponentChildren }) {
  const [state, setState] = useState({ locale: props.locale, messages: props.messages });
  useEffect(() => {
    document.documentElement.lang = state.locale;
    document.title = state.messages.app.title;
  }, [state]);
  const value = useMemo<I18n>(
    () => ({
      locale: state.locale,
      m: state.messages,
      fmt: createFormatters(state.locale, state.messages.common.dash),
      setLocale: (locale) => {
        void loadMessages(locale).then((messages) => {
          try {
            localStorage.setItem(STORAGE_KEY, locale);
          } catch {
            // Private mode: the choice lasts for this page only.
          }
          setState({ locale, messages });
        });
      },
    }),
    [state],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export { loadMessages };

/** Messages (`m`), formatters (`fmt`) and the locale switch. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

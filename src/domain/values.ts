import { dec } from "./decimal";
import { dividesByTarget, type Indicator, type Issue, listIndicators, type SchemeDocument } from "./scheme";

/** A reported value: a number for numeric rules, a boolean for a veto rule, a level label for a rating. */
export type IndicatorValue = number | boolean | string;

/** The kind of value an indicator takes. */
export function valueKind(indicator: Indicator): "number" | "boolean" | "rating" {
  if (indicator.rule.type === "veto") return "boolean";
  if (indicator.rule.type === "rating") return "rating";
  return "number";
}

function joinPath(prefix: string, ...keys: string[]): string {
  return [prefix, ...keys].filter((part) => part !== "").join(".");
}

function indicatorsByCode(scheme: SchemeDocument): Map<string, Indicator> {
  return new Map(listIndicators(scheme).map((indicator) => [indicator.code, indicator]));
}

// Numbers must be JSON numbers: a string such as "94.85" is refused, so that a spreadsheet's text cell
// never silently becomes a score.
function checkNumber(indicator: Indicator, value: unknown): string | undefined {
  if (typeof value === "boolean") return "expected a number, got a boolean";
  if (typeof value === "string") return `expected a number, got the text "${value.slice(0, 40)}"`;
  if (typeof value !== "number") return "expected a number";
  if (!Number.isFinite(value)) return "expected a finite number";
  const isCount = indicator.rule.type === "deduction" || indicator.rule.type === "bonus";
  if (isCount && value < 0) return "a count cannot be negative";
  return decimalsMessage(indicator, value);
}

/** The decimals an indicator's values may carry (the scheme's `decimals`, default 2). */
export function allowedDecimals(indicator: Pick<Indicator, "decimals">): number {
  return indicator.decimals ?? DEFAULT_DECIMALS;
}
export const DEFAULT_DECIMALS = 2;

/** The number of decimal places of a finite number as written (81.99999 → 5, 1e-7 → 7, 120 → 0). */
export function decimalPlaces(value: number): number {
  const exact = dec(value);
  return Math.max(0, exact.c.length - exact.e - 1);
}

/** Why a number has too many decimals for the indicator, or undefined. What is stored must equal what was entered. */
export function decimalsMessage(indicator: Pick<Indicator, "decimals">, value: number): string | undefined {
  const allowed = allowedDecimals(indicator);
  const places = decimalPlaces(value);
  if (places <= allowed) return undefined;
  return `最多 ${allowed} 位小数（收到 ${places} 位） at most ${allowed} decimal places, got ${places}`;
}

function checkValue(indicator: Indicator, value: unknown): string | undefined {
  const { rule } = indicator;
  if (rule.type === "veto") return typeof value === "boolean" ? undefined : "expected true or false";
  if (rule.type === "rating") {
    const labels = Object.keys(rule.levels);
    if (typeof value === "string" && Object.hasOwn(rule.levels, value)) return undefined;
    return `expected one of ${labels.join(", ")}`;
  }
  return checkNumber(indicator, value);
}

function valueMessage(indicator: Indicator | undefined, value: unknown): string | undefined {
  if (indicator === undefined) return "unknown indicator code";
  if (value === null || value === undefined) return undefined; // not reported yet
  return checkValue(indicator, value);
}

function checkTarget(indicator: Indicator, target: unknown): string | undefined {
  if (typeof target !== "number" || !Number.isFinite(target)) return "expected a finite number";
  if (dividesByTarget(indicator.rule) && target <= 0)
    return "the target must be > 0 (the rule divides by it)";
  return undefined;
}

// `null` or an absent key means "not reported yet", which is not an error here; submission checks that.
/** Issues with a person's values and target overrides, at `${pathPrefix}.values.A1` / `.targets.A1`. */
export function validatePersonValues(
  scheme: SchemeDocument,
  values: Record<string, unknown>,
  targets: Record<string, unknown> | undefined,
  pathPrefix: string,
): Issue[] {
  const indicators = indicatorsByCode(scheme);
  const issues: Issue[] = [];
  for (const [code, value] of Object.entries(values)) {
    const message = valueMessage(indicators.get(code), value);
    if (message !== undefined) issues.push({ path: joinPath(pathPrefix, "values", code), message });
  }
  for (const [code, target] of Object.entries(targets ?? {})) {
    const indicator = indicators.get(code);
    const message = indicator === undefined ? "unknown indicator code" : checkTarget(indicator, target);
    if (message !== undefined) issues.push({ path: joinPath(pathPrefix, "targets", code), message });
  }
  return issues;
}

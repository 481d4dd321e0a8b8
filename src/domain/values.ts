import { dec } from "./decimal";
import { FOUND_ABOVE_MARK, RULE_TABLE } from "./rule-table";
import { dividesByTarget, type Indicator, type Issue, listIndicators, type SchemeDocument } from "./scheme";

/**
 * Cases per incident kind, e.g. `{"错报": 1, "瞒报": 2, "错报@上级": 1}` (多类扣分). A kind with a per-case cap
 * (每例最高扣) lists each case's size instead: `{"晚报": [3, 12]}` is two cases, 3 and 12 months late.
 */
export type IncidentCounts = Record<string, number | number[]>;

/** At most this many cases may be listed for one kind with a per-case cap (work budget). */
export const MAX_LISTED_CASES = 1000;

/** The incident kind a counts key belongs to (`错报` and `错报@上级` both belong to 错报). */
export function kindOfKey(indicator: Indicator, key: string) {
  const { rule } = indicator;
  if (rule.type !== "incidents") return undefined;
  const label = key.endsWith(FOUND_ABOVE_MARK) ? key.slice(0, -FOUND_ABOVE_MARK.length) : key;
  return rule.kinds.find((kind) => kind.label === label);
}

/** Every number in a value (a count list flattened), for range checks. */
export function numbersOf(value: IndicatorValue | null): number[] {
  if (typeof value === "number") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap((entry) => (Array.isArray(entry) ? entry : [entry]));
}

/** A reported value: a number, a boolean (veto), a level label (rating) or counts per incident kind. */
export type IndicatorValue = number | boolean | string | IncidentCounts;

/** The kind of value an indicator takes, as forms show it (counts of one kind are plain numbers). */
export function valueKind(indicator: Indicator): "number" | "boolean" | "rating" | "counts" {
  const kind = RULE_TABLE[indicator.rule.type].value;
  return kind === "count" ? "number" : kind;
}

/** The keys an incidents indicator accepts: each kind, and each kind found above when that is doubled. */
export function countKeys(indicator: Indicator): string[] {
  const { rule } = indicator;
  if (rule.type !== "incidents") return [];
  const own = rule.kinds.map((kind) => kind.label);
  return rule.foundAboveFactor === undefined
    ? own
    : [...own, ...own.map((label) => `${label}${FOUND_ABOVE_MARK}`)];
}

function joinPath(prefix: string, ...keys: string[]): string {
  return [prefix, ...keys].filter((part) => part !== "").join(".");
}

const say = (zh: string, en: string) => `${zh} ${en}`;

// Numbers must be JSON numbers: a string such as "94.85" is refused, so that a spreadsheet's text cell
// never silently becomes a score.
function checkNumber(indicator: Indicator, value: unknown): string | undefined {
  if (typeof value === "boolean") return say("应填数字，不是是/否", "expected a number, got a boolean");
  if (typeof value === "string")
    return say(
      `应填数字，不是文字“${value.slice(0, 40)}”`,
      `expected a number, got the text "${value.slice(0, 40)}"`,
    );
  if (typeof value !== "number") return say("应填数字", "expected a number");
  if (!Number.isFinite(value)) return say("应填有限的数字", "expected a finite number");
  if (RULE_TABLE[indicator.rule.type].value === "count" && value < 0)
    return say("次数不能为负", "a count cannot be negative");
  return decimalsMessage(indicator, value);
}

/**
 * The plausible range (合理范围) of an indicator's values: the scheme's `range`, else 0–100 for a "%" indicator;
 * null bounds are open. Values outside are not refused, only confirmed (see docs/SCHEME.md).
 */
export function plausibleRange(indicator: Pick<Indicator, "range" | "unit">): {
  min: number | null;
  max: number | null;
} | null {
  if (indicator.range) return { min: indicator.range.min ?? null, max: indicator.range.max ?? null };
  return indicator.unit === "%" ? { min: 0, max: 100 } : null;
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

function checkCounts(indicator: Indicator, value: unknown): string | undefined {
  const keys = countKeys(indicator);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return say(
      `应填各类例数，如 {"${keys[0] ?? "错报"}": 1}`,
      `expected counts per kind, e.g. {"${keys[0] ?? ""}": 1}`,
    );
  for (const [key, count] of Object.entries(value)) {
    if (!keys.includes(key))
      return say(
        `没有“${key}”这一类，可填 ${keys.join("、")}`,
        `unknown kind ${key}; expected ${keys.join(", ")}`,
      );
    const message =
      kindOfKey(indicator, key)?.maxPerCase === undefined
        ? checkCount(indicator, key, count)
        : checkCaseList(indicator, key, count);
    if (message !== undefined) return message;
  }
  return undefined;
}

function checkCount(indicator: Indicator, key: string, count: unknown): string | undefined {
  if (typeof count !== "number" || !Number.isFinite(count) || count < 0)
    return say(`“${key}”的例数应为不小于 0 的数字`, `the count of ${key} must be a number ≥ 0`);
  const decimals = decimalsMessage(indicator, count);
  return decimals === undefined ? undefined : `“${key}”：${decimals}`;
}

// A kind with a per-case cap takes each case's size, so the cap can be applied case by case.
function checkCaseList(indicator: Indicator, key: string, sizes: unknown): string | undefined {
  if (!Array.isArray(sizes))
    return say(
      `“${key}”每例最高扣分，应逐例填写数量，如 [3, 12]`,
      `${key} is capped per case: list each case's size, e.g. [3, 12]`,
    );
  if (sizes.length > MAX_LISTED_CASES)
    return say(`“${key}”最多填 ${MAX_LISTED_CASES} 例`, `at most ${MAX_LISTED_CASES} cases of ${key}`);
  for (const [index, size] of sizes.entries()) {
    if (typeof size !== "number" || !Number.isFinite(size) || size < 0)
      return say(
        `“${key}”第 ${index + 1} 例的数量应为不小于 0 的数字`,
        `case ${index + 1} of ${key} must be a number ≥ 0`,
      );
    const decimals = decimalsMessage(indicator, size);
    if (decimals !== undefined) return `“${key}”第 ${index + 1} 例：${decimals}`;
  }
  return undefined;
}

function checkValue(indicator: Indicator, value: unknown): string | undefined {
  const { rule } = indicator;
  if (rule.type === "veto")
    return typeof value === "boolean" ? undefined : say("应填 true 或 false", "expected true or false");
  if (rule.type === "rating") {
    const labels = Object.keys(rule.levels);
    if (typeof value === "string" && Object.hasOwn(rule.levels, value)) return undefined;
    return say(`应为 ${labels.join("、")} 之一`, `expected one of ${labels.join(", ")}`);
  }
  if (rule.type === "incidents") return checkCounts(indicator, value);
  return checkNumber(indicator, value);
}

const UNKNOWN_CODE = say("没有这个指标代码", "unknown indicator code");

function named(indicator: Indicator): string {
  return `指标 ${indicator.code} ${indicator.name}：`;
}

function valueMessage(indicator: Indicator | undefined, value: unknown): string | undefined {
  if (indicator === undefined) return UNKNOWN_CODE;
  if (value === null || value === undefined) return undefined; // not reported yet
  const message = checkValue(indicator, value);
  return message === undefined ? undefined : `${named(indicator)}${message}`;
}

function checkTarget(indicator: Indicator, target: unknown): string | undefined {
  if (typeof target !== "number" || !Number.isFinite(target))
    return `${named(indicator)}${say("目标应为有限的数字", "expected a finite number")}`;
  if (dividesByTarget(indicator.rule) && target <= 0)
    return `${named(indicator)}${say("目标必须大于 0（计分时要除以目标）", "the target must be > 0 (the rule divides by it)")}`;
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
  const indicators = new Map(listIndicators(scheme).map((indicator) => [indicator.code, indicator]));
  return checkValuesAgainst(indicators, new Set(), values, targets, pathPrefix);
}

/** As `validatePersonValues`, against some indicators; codes in `skip` (broken in the scheme) are not checked. */
export function checkValuesAgainst(
  indicators: ReadonlyMap<string, Indicator>,
  skip: ReadonlySet<string>,
  values: Record<string, unknown>,
  targets: Record<string, unknown> | undefined,
  pathPrefix: string,
): Issue[] {
  const issues: Issue[] = [];
  for (const [code, value] of Object.entries(values)) {
    if (skip.has(code)) continue;
    const message = valueMessage(indicators.get(code), value);
    if (message !== undefined)
      issues.push({ path: joinPath(pathPrefix, "values", code), message, code: "BAD_VALUE" });
  }
  for (const [code, target] of Object.entries(targets ?? {})) {
    if (skip.has(code)) continue;
    const indicator = indicators.get(code);
    const message = indicator === undefined ? UNKNOWN_CODE : checkTarget(indicator, target);
    if (message !== undefined)
      issues.push({ path: joinPath(pathPrefix, "targets", code), message, code: "BAD_TARGET" });
  }
  return issues;
}

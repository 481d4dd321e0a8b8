import type { Indicator, Rule } from "./scheme";

// What a figure about an indicator may say: which way is better (so completion and its wording), whether
// values of different people add up, and how many decimals it is shown with. Derived from the rule alone,
// in one place, so the dashboard, the reports and the exports cannot disagree.

/** higher: more is better; lower: less is better (an upper limit); band: a middle range is best; none: no completion. */
export type Direction = "higher" | "lower" | "band" | "none";

/** 达标 met, 未达标 short of a higher-is-better target, 超出上限 over a lower-is-better limit, 区间外 outside the band. */
export type CompletionStatus = "met" | "short" | "over" | "outside";

/** Which way is better for an indicator, from its rule (ratings, incident counts, bonus and veto have none). */
export function indicatorDirection(rule: Rule): Direction {
  switch (rule.type) {
    case "ratio":
      return "higher";
    case "shortfall":
      return rule.direction;
    case "threshold":
      return rule.direction === "atLeast" ? "higher" : "lower";
    case "bands":
      return bandsDirection(rule.bands);
    default:
      return "none";
  }
}

// A bands rule rewards higher values when the fraction grows with the band minimum, lower ones when it
// shrinks, and a middle range when the best fraction sits between the lowest and the highest band.
function bandsDirection(bands: readonly { min: number; fraction: number }[]): Direction {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const best = Math.max(...sorted.map((band) => band.fraction));
  const first = sorted[0]?.fraction ?? 0;
  const last = sorted.at(-1)?.fraction ?? 0;
  if (sorted.length < 2 || (last === best && first <= last)) return "higher";
  if (first === best && last < first) return "lower";
  return "band";
}

/**
 * Completion (完成率) of an actual against a target: actual / target when higher is better, target / actual
 * when lower is better (so a result worse than the limit is below 100 %); null where no rate is meaningful.
 */
export function completionRate(direction: Direction, actual: number, target: number | null): number | null {
  if (target === null || target <= 0 || actual < 0) return null;
  if (direction === "higher") return actual / target;
  if (direction === "lower") return actual === 0 ? null : target / actual;
  return null;
}

/** Whether an actual meets its target, in the indicator's own direction; null without a target. */
export function completionStatus(
  direction: Direction,
  actual: number,
  target: number | null,
): CompletionStatus | null {
  if (target === null) return null;
  if (direction === "higher") return actual >= target ? "met" : "short";
  if (direction === "lower") return actual <= target ? "met" : "over";
  return null;
}

// Units of rates, ratios and levels: a sum of them means nothing (95 % + 98 % is not 193 %).
const NON_ADDITIVE_UNIT = /%|‰|=|率|比|分|等/;

/**
 * Whether the values of several people add up to a meaningful total (counts and amounts: 人次, 件, 天, 学时),
 * so a township's target can be the sum of its members' targets.
 */
export function isAdditive(indicator: Pick<Indicator, "rule" | "unit">): boolean {
  const { rule, unit } = indicator;
  if (rule.type === "rating" || rule.type === "veto") return false;
  if (rule.type === "bands" && rule.on === "value") return false;
  if (!unit) return false;
  return !NON_ADDITIVE_UNIT.test(unit);
}

const DEFAULT_DECIMALS = 2;

/** How many decimals an indicator's values are shown with: the scheme's optional `decimals`, else 2. */
export function indicatorDecimals(indicator: object): number {
  const decimals = "decimals" in indicator ? indicator.decimals : undefined;
  return typeof decimals === "number" && Number.isInteger(decimals) && decimals >= 0 && decimals <= 6
    ? decimals
    : DEFAULT_DECIMALS;
}

/** How a 0-point indicator is labelled instead of "0 分": 加分项 (bonus) or 否决项 (veto); null for others. */
export function pointsLabel(rule: Rule): "bonus" | "veto" | null {
  if (rule.type === "bonus") return "bonus";
  if (rule.type === "veto") return "veto";
  return null;
}

/** What reports carry about an indicator besides its name: direction, additivity, unit and decimals. */
export function indicatorTraits(indicator: Indicator) {
  return {
    direction: indicatorDirection(indicator.rule),
    additive: isAdditive(indicator),
    unit: indicator.unit ?? null,
    decimals: indicatorDecimals(indicator),
    pointsLabel: pointsLabel(indicator.rule),
  };
}

/** The traits of every indicator of a scheme, by code. */
export function schemeTraits(categories: readonly { indicators: readonly Indicator[] }[]) {
  const traits = new Map<string, ReturnType<typeof indicatorTraits>>();
  for (const category of categories)
    for (const indicator of category.indicators) traits.set(indicator.code, indicatorTraits(indicator));
  return traits;
}

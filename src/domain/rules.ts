import {
  ceilDivide,
  clamp,
  type Decimal,
  dec,
  divide,
  maxDecimal,
  parseDecimal,
  round2,
  ZERO,
} from "./decimal";
import type { Indicator, Rule } from "./scheme";
import type { IndicatorValue } from "./values";

/** The outcome of scoring one indicator for one person. */
export interface IndicatorScore {
  score: Decimal;
  vetoed: boolean;
  missing: boolean;
}

type NumericRule = Exclude<Rule, { type: "rating" | "veto" }>;
type RuleOf<T extends Rule["type"]> = Extract<Rule, { type: T }>;

function missing(): IndicatorScore {
  return { score: ZERO, vetoed: false, missing: true };
}

// A missing (or unusable) value scores 0, is reported as missing and never vetoes.
/** Scores one indicator; `target` is the person's override, else the scheme's target applies. */
export function scoreIndicator(
  indicator: Indicator,
  value: IndicatorValue | undefined,
  target: number | undefined,
): IndicatorScore {
  const { rule } = indicator;
  const points = dec(indicator.points);
  if (rule.type === "veto") {
    return typeof value === "boolean" ? { score: ZERO, vetoed: value, missing: false } : missing();
  }
  if (rule.type === "rating") {
    if (typeof value !== "string" || !Object.hasOwn(rule.levels, value)) return missing();
    return { score: round2(points.times(dec(rule.levels[value] ?? 0))), vetoed: false, missing: false };
  }
  const actual = typeof value === "boolean" ? undefined : parseDecimal(value);
  if (actual === undefined) return missing();
  const targetValue = target ?? indicator.target;
  const raw = scoreNumeric(rule, points, actual, targetValue === undefined ? undefined : dec(targetValue));
  return { score: round2(raw), vetoed: breachesVeto(indicator, actual), missing: false };
}

/** Whether the actual value crosses the indicator's `veto` limit (below / above). */
export function breachesVeto(indicator: Indicator, actual: Decimal): boolean {
  const { veto } = indicator;
  if (veto === undefined) return false;
  if (veto.below !== undefined && actual.lt(dec(veto.below))) return true;
  return veto.above !== undefined && actual.gt(dec(veto.above));
}

// Rules that compare with a target score 0 without one; a scheme that passed validation has one.
function scoreNumeric(
  rule: NumericRule,
  points: Decimal,
  actual: Decimal,
  target: Decimal | undefined,
): Decimal {
  switch (rule.type) {
    case "deduction":
      // 扣分 per incident; a negative count is invalid input and earns nothing extra.
      return clamp(points.minus(dec(rule.per).times(actual)), ZERO, points);
    case "bonus":
      return clamp(dec(rule.per).times(actual), ZERO, dec(rule.cap));
    case "bands":
      return scoreBands(rule, points, actual, target);
    case "ratio":
      return target === undefined ? ZERO : scoreRatio(rule, points, actual, target);
    case "shortfall":
      return target === undefined ? ZERO : scoreShortfall(rule, points, actual, target);
    case "threshold":
      return target === undefined ? ZERO : scoreThreshold(rule, points, actual, target);
  }
}

// 完成率: r = a/t is never formed for comparisons (r < floor ⇔ a < floor·t when t > 0), and
// p·a/t is computed as (p·a)/t so the only inexact step is the final truncated division.
function scoreRatio(rule: RuleOf<"ratio">, points: Decimal, actual: Decimal, target: Decimal): Decimal {
  if (target.lte(ZERO)) return ZERO;
  if (actual.lt(dec(rule.floor ?? 0).times(target))) return ZERO;
  if (actual.gte(target)) return points;
  return divide(points.times(actual), target);
}

// 差额扣分, 扣完为止: every started step of the gap costs `deduct`.
function scoreShortfall(
  rule: RuleOf<"shortfall">,
  points: Decimal,
  actual: Decimal,
  target: Decimal,
): Decimal {
  const gap = rule.direction === "higher" ? target.minus(actual) : actual.minus(target);
  if (gap.lte(ZERO)) return points;
  const steps = ceilDivide(gap, dec(rule.step));
  return maxDecimal(ZERO, points.minus(dec(rule.deduct).times(steps)));
}

// 达标: met earns full points, otherwise the partial fraction (default none).
function scoreThreshold(
  rule: RuleOf<"threshold">,
  points: Decimal,
  actual: Decimal,
  target: Decimal,
): Decimal {
  const met = rule.direction === "atLeast" ? actual.gte(target) : actual.lte(target);
  return met ? points : points.times(dec(rule.partial ?? 0));
}

// 区间: the band with the largest min ≤ x; on rates min ≤ a/t is tested as min·t ≤ a (t > 0).
function scoreBands(
  rule: RuleOf<"bands">,
  points: Decimal,
  actual: Decimal,
  target: Decimal | undefined,
): Decimal {
  const onRate = rule.on === "rate";
  if (onRate && (target === undefined || target.lte(ZERO))) return ZERO;
  let best: { min: Decimal; fraction: number } | undefined;
  for (const band of rule.bands) {
    const min = dec(band.min);
    const bound = onRate && target !== undefined ? min.times(target) : min;
    if (bound.gt(actual)) continue;
    if (best === undefined || min.gt(best.min)) best = { min, fraction: band.fraction };
  }
  return best === undefined ? ZERO : points.times(dec(best.fraction));
}

/** The best score the indicator can give: its points, or the cap for a bonus. */
export function maxScore(indicator: Indicator): Decimal {
  return indicator.rule.type === "bonus" ? dec(indicator.rule.cap) : dec(indicator.points);
}

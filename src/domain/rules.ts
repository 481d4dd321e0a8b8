import {
  ceilDivide,
  clamp,
  type Decimal,
  dec,
  divide,
  floor,
  maxDecimal,
  minDecimal,
  parseDecimal,
  round2,
  ZERO,
} from "./decimal";
import { costOfCases } from "./incident-breakdown";
import { betterSide, FOUND_ABOVE_MARK, type Rule, type RuleOf, type StepMode } from "./rule-table";
import type { Indicator } from "./scheme";
import type { IncidentCounts, IndicatorValue } from "./values";

/** The outcome of scoring one indicator for one person. */
export interface IndicatorScore {
  /** The item's score (part of the base, or 加分 for a bonus rule). */
  score: Decimal;
  /** 超目标加分 earned beyond the target (`beyond`), added to the sheet's bonus. */
  extra: Decimal;
  vetoed: boolean;
  missing: boolean;
  /** Whether a `zeroIf` condition zeroed the item (该项不得分). */
  zeroed: boolean;
}

type NumericRule = Exclude<Rule, { type: "rating" | "veto" | "incidents" }>;

function plain(score: Decimal, vetoed = false): IndicatorScore {
  return { score, extra: ZERO, vetoed, missing: false, zeroed: false };
}

function missing(): IndicatorScore {
  return { score: ZERO, extra: ZERO, vetoed: false, missing: true, zeroed: false };
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
  if (rule.type === "veto") return typeof value === "boolean" ? plain(ZERO, value) : missing();
  if (rule.type === "rating") {
    if (typeof value !== "string" || !Object.hasOwn(rule.levels, value)) return missing();
    return plain(round2(points.times(dec(rule.levels[value] ?? 0))));
  }
  if (rule.type === "incidents") {
    const counts = countsOf(value);
    return counts === undefined ? missing() : scoreIncidents(indicator, rule, points, counts);
  }
  const actual = typeof value === "number" || typeof value === "string" ? parseDecimal(value) : undefined;
  if (actual === undefined) return missing();
  const targetValue = target ?? indicator.target;
  const t = targetValue === undefined ? undefined : dec(targetValue);
  const vetoed = breachesVeto(indicator, actual);
  if (zeroedByValue(indicator, actual)) return { ...plain(ZERO, vetoed), zeroed: true };
  const raw = scoreNumeric(rule, points, actual, t);
  const score = round2(atLeast(raw, lowerBound(indicator)));
  return { ...plain(score, vetoed), extra: t === undefined ? ZERO : beyondExtra(indicator, actual, t) };
}

function countsOf(value: IndicatorValue | undefined): IncidentCounts | undefined {
  return typeof value === "object" && value !== null ? value : undefined;
}

/** Whether the actual value crosses the indicator's `veto` limit (below / above). */
export function breachesVeto(indicator: Indicator, actual: Decimal): boolean {
  const { veto } = indicator;
  if (veto === undefined) return false;
  if (veto.below !== undefined && actual.lt(dec(veto.below))) return true;
  return veto.above !== undefined && actual.gt(dec(veto.above));
}

function zeroedByValue(indicator: Indicator, actual: Decimal): boolean {
  const { zeroIf } = indicator;
  if (zeroIf === undefined) return false;
  if (zeroIf.below !== undefined && actual.lt(dec(zeroIf.below))) return true;
  return zeroIf.above !== undefined && actual.gt(dec(zeroIf.above));
}

// 扣完为止 floors an item at 0; 该项可负分 lets it go lower, to `negative.floor` when one is set.
function lowerBound(indicator: Indicator): Decimal | undefined {
  if (indicator.negative === undefined) return ZERO;
  return indicator.negative.floor === undefined ? undefined : dec(indicator.negative.floor);
}

function atLeast(value: Decimal, low: Decimal | undefined): Decimal {
  return low === undefined ? value : maxDecimal(value, low);
}

/** How many steps a positive gap makes: every started step, whole steps only, or pro rata. */
export function countSteps(gap: Decimal, step: Decimal, mode: StepMode = "ceil"): Decimal {
  if (mode === "ceil") return ceilDivide(gap, step);
  const quotient = divide(gap, step);
  return mode === "floor" ? floor(quotient) : quotient;
}

/**
 * `per` for each step of `gap`. Pro rata multiplies before it divides: gap ÷ step may repeat (43.883 ÷ 0.006)
 * and be cut at the engine's precision, while per × gap ÷ step is often a short decimal (3,291.225) that
 * must round half up exactly.
 */
export function chargeForSteps(per: Decimal, gap: Decimal, step: Decimal, mode: StepMode = "ceil"): Decimal {
  if (mode === "prorata") return divide(per.times(gap), step);
  return per.times(countSteps(gap, step, mode));
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
      return minDecimal(points.minus(dec(rule.per).times(actual)), points);
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
  return maxDecimal(ZERO, divide(points.times(actual), target));
}

// 差额扣分: each step of the gap costs `deduct`, counted as the rule's `steps` says (default: started steps).
function scoreShortfall(
  rule: RuleOf<"shortfall">,
  points: Decimal,
  actual: Decimal,
  target: Decimal,
): Decimal {
  const gap = rule.direction === "higher" ? target.minus(actual) : actual.minus(target);
  if (gap.lte(ZERO)) return points;
  return points.minus(chargeForSteps(dec(rule.deduct), gap, dec(rule.step), rule.steps));
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

function hasCases(entry: number | number[] | undefined): boolean {
  return Array.isArray(entry) ? entry.length > 0 : (parseDecimal(entry ?? 0) ?? ZERO).gt(ZERO);
}

// 多类扣分: Σ cost(own cases) + factor × cost(cases found above), from the item's points, 扣完为止 unless
// negative. A case found above costs its capped cost times the factor (the cap bounds the case, the factor
// doubles the penalty).
function scoreIncidents(
  indicator: Indicator,
  rule: RuleOf<"incidents">,
  points: Decimal,
  counts: IncidentCounts,
): IndicatorScore {
  const factor = dec(rule.foundAboveFactor ?? 1);
  const entryOf = (key: string) => (Object.hasOwn(counts, key) ? counts[key] : undefined);
  let deducted = ZERO;
  for (const kind of rule.kinds) {
    const own = costOfCases(kind, entryOf(kind.label));
    const above = costOfCases(kind, entryOf(`${kind.label}${FOUND_ABOVE_MARK}`));
    deducted = deducted.plus(own).plus(factor.times(above));
  }
  const zeroing = indicator.zeroIf?.kinds ?? [];
  if (zeroing.some((label) => hasCases(entryOf(label)) || hasCases(entryOf(`${label}${FOUND_ABOVE_MARK}`))))
    return { ...plain(ZERO), zeroed: true };
  return plain(round2(atLeast(minDecimal(points.minus(deducted), points), lowerBound(indicator))));
}

// 超目标加分: every step beyond the target (on the better side) adds `add`, up to the item's own cap.
function beyondExtra(indicator: Indicator, actual: Decimal, target: Decimal): Decimal {
  const { beyond } = indicator;
  const side = betterSide(indicator.rule);
  if (beyond === undefined || side === undefined) return ZERO;
  const excess = side === "higher" ? actual.minus(target) : target.minus(actual);
  if (excess.lte(ZERO)) return ZERO;
  const earned = chargeForSteps(dec(beyond.add), excess, dec(beyond.step), beyond.steps);
  return round2(beyond.cap === undefined ? earned : minDecimal(earned, dec(beyond.cap)));
}

/** The best score the indicator can give: its points, or the cap for a bonus. */
export function maxScore(indicator: Indicator): Decimal {
  return indicator.rule.type === "bonus" ? dec(indicator.rule.cap) : dec(indicator.points);
}

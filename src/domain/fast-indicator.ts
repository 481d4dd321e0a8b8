import {
  checked,
  divFloor,
  fractionToCents,
  LIMIT,
  MAX_PLACES,
  mul,
  POW10,
  placesOf,
  toCents,
} from "./fixed-point";
import { betterSide, type RuleOf, type StepMode } from "./rule-table";
import type { Indicator } from "./scheme";
import type { IndicatorValue } from "./values";

// scoreIndicator (rules.ts) on scaled safe integers: the same rules, the same rounding, no big.js objects and
// no allocation. It handles what a recompute meets almost always (numbers, flags, rating labels on every rule
// type but 多类扣分) and declines the rest, returning false, when the caller scores the item with big.js. The
// unit test test/unit/fast-indicator.test.ts holds both to the same cent on random and boundary inputs.

/** An indicator's constants, read once per scheme: their most decimal places and largest magnitude. */
export interface IndicatorConstants {
  /** The most places of any constant, or -1 when one cannot be scaled (the item is scored with big.js). */
  places: number;
  magnitude: number;
}

/** The item's result in cents, written into a reused object. */
export interface FastScore {
  score: number;
  extra: number;
  vetoed: boolean;
  missing: boolean;
  zeroed: boolean;
}

function constantsOf(indicator: Indicator): number[] {
  const { rule, veto, zeroIf, negative, beyond } = indicator;
  const values = [indicator.points, indicator.target, veto?.below, veto?.above, zeroIf?.below, zeroIf?.above];
  values.push(negative?.floor, beyond?.step, beyond?.add, beyond?.cap);
  switch (rule.type) {
    case "ratio":
      values.push(rule.floor);
      break;
    case "shortfall":
      values.push(rule.step, rule.deduct);
      break;
    case "threshold":
      values.push(rule.partial);
      break;
    case "bands":
      for (const band of rule.bands) values.push(band.min, band.fraction);
      break;
    case "deduction":
      values.push(rule.per);
      break;
    case "bonus":
      values.push(rule.per, rule.cap);
      break;
    case "rating":
      values.push(...Object.values(rule.levels));
      break;
    case "incidents":
      return [Number.NaN];
    case "veto":
      break;
  }
  return values.filter((value): value is number => value !== undefined);
}

/** Reads the indicator's constants (once per scheme and sheet kind, see score-sheet.ts). */
export function indicatorConstants(indicator: Indicator): IndicatorConstants {
  let places = 0;
  let magnitude = 0;
  for (const value of constantsOf(indicator)) {
    const k = placesOf(value);
    if (k < 0) return { places: -1, magnitude: 0 };
    places = Math.max(places, k);
    magnitude = Math.max(magnitude, Math.abs(value));
  }
  return { places, magnitude };
}

function reset(out: FastScore): void {
  out.score = 0;
  out.extra = 0;
  out.vetoed = false;
  out.missing = false;
  out.zeroed = false;
}

/**
 * Scores one item as scoreIndicator does, into `out` (score and extra in cents). False when it declines: the
 * item has a value or constant the fast path cannot hold exactly, or a product would leave the safe range.
 */
export function scoreIndicatorFast(
  indicator: Indicator,
  constants: IndicatorConstants,
  value: IndicatorValue | undefined,
  target: number | undefined,
  out: FastScore,
): boolean {
  reset(out);
  const { rule } = indicator;
  if (constants.places < 0) return false;
  if (rule.type === "veto") {
    if (typeof value === "boolean") out.vetoed = value;
    else out.missing = true;
    return true;
  }
  if (rule.type === "rating") {
    if (typeof value !== "string" || !Object.hasOwn(rule.levels, value)) {
      out.missing = true;
      return true;
    }
    const k = constants.places;
    if (!fits(constants.magnitude, k)) return false;
    const product = mul(scale(indicator.points, k), scale(rule.levels[value] ?? 0, k));
    out.score = toCents(product, 2 * k);
    return !Number.isNaN(out.score);
  }
  // Strings are read by big.js (parseDecimal); anything else that is not a finite number is missing.
  if (typeof value === "string") return false;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    out.missing = true;
    return true;
  }
  const targetValue = target ?? indicator.target;
  const valuePlaces = placesOf(value);
  const targetPlaces = targetValue === undefined ? 0 : placesOf(targetValue);
  if (valuePlaces < 0 || targetPlaces < 0) return false;
  const k = Math.max(constants.places, valuePlaces, targetPlaces);
  const magnitude = Math.max(constants.magnitude, Math.abs(value), Math.abs(targetValue ?? 0));
  if (k > MAX_PLACES || !fits(magnitude, k)) return false;
  return scoreNumber(
    indicator,
    k,
    scale(value, k),
    targetValue === undefined ? undefined : scale(targetValue, k),
    out,
  );
}

// Every constant, value and target of the item times 10^k stays within LIMIT, so single scaled values are
// exact and only products need checking.
function fits(magnitude: number, k: number): boolean {
  return magnitude * (POW10[k] as number) <= LIMIT;
}

function scale(n: number, k: number): number {
  return Math.round(n * (POW10[k] as number));
}

function scoreNumber(
  indicator: Indicator,
  k: number,
  actual: number,
  target: number | undefined,
  out: FastScore,
): boolean {
  const { veto, zeroIf } = indicator;
  out.vetoed =
    veto !== undefined &&
    ((veto.below !== undefined && actual < scale(veto.below, k)) ||
      (veto.above !== undefined && actual > scale(veto.above, k)));
  if (
    zeroIf !== undefined &&
    ((zeroIf.below !== undefined && actual < scale(zeroIf.below, k)) ||
      (zeroIf.above !== undefined && actual > scale(zeroIf.above, k)))
  ) {
    out.zeroed = true;
    return true;
  }
  const raw = rawScore(indicator, k, actual, target);
  if (raw === undefined) return false;
  const rounded = fractionToCents(raw.num, raw.den);
  const low = lowerBoundCents(indicator, k);
  out.score = Math.max(rounded, low);
  if (target !== undefined) out.extra = beyondCents(indicator, k, actual, target);
  return !Number.isNaN(out.score) && !Number.isNaN(out.extra);
}

// 扣完为止 floors an item at 0; 该项可负分 lets it go lower, to `negative.floor` when one is set.
function lowerBoundCents(indicator: Indicator, k: number): number {
  const { negative } = indicator;
  if (negative === undefined) return 0;
  return negative.floor === undefined ? -Infinity : toCents(scale(negative.floor, k), k);
}

/** The unrounded score as num / den (den > 0); undefined when a product leaves the safe range. */
interface Fraction {
  num: number;
  den: number;
}

// One reused result: rawScore's callers read it before the next call.
const fraction: Fraction = { num: 0, den: 1 };

function frac(num: number, den: number): Fraction | undefined {
  if (Number.isNaN(num) || Number.isNaN(den)) return undefined;
  fraction.num = num;
  fraction.den = den;
  return fraction;
}

function rawScore(
  indicator: Indicator,
  k: number,
  actual: number,
  target: number | undefined,
): Fraction | undefined {
  const { rule } = indicator;
  const unit = POW10[k] as number;
  const points = scale(indicator.points, k);
  switch (rule.type) {
    case "deduction": {
      // min(points − per·actual, points), at scale 2k.
      const full = mul(points, unit);
      const left = checked(full - mul(scale(rule.per, k), actual));
      return frac(Math.min(left, full), unit * unit);
    }
    case "bonus": {
      const earned = mul(scale(rule.per, k), actual);
      const cap = mul(scale(rule.cap, k), unit);
      return frac(Math.min(Math.max(earned, 0), cap), unit * unit);
    }
    case "bands":
      return bands(rule, k, points, actual, target);
    case "ratio":
      return target === undefined ? frac(0, 1) : ratio(rule, k, points, actual, target);
    case "shortfall":
      return target === undefined ? frac(0, 1) : shortfall(rule, k, points, actual, target);
    case "threshold": {
      if (target === undefined) return frac(0, 1);
      const met = rule.direction === "atLeast" ? actual >= target : actual <= target;
      return met ? frac(points, unit) : frac(mul(points, scale(rule.partial ?? 0, k)), unit * unit);
    }
    default:
      return undefined;
  }
}

// 完成率: 0 below floor·target, full points at or above the target, else points·actual / target.
function ratio(rule: RuleOf<"ratio">, k: number, points: number, actual: number, target: number) {
  const unit = POW10[k] as number;
  if (target <= 0) return frac(0, 1);
  const actualWide = mul(actual, unit);
  const floorBound = mul(scale(rule.floor ?? 0, k), target);
  if (Number.isNaN(actualWide) || Number.isNaN(floorBound)) return undefined;
  if (actualWide < floorBound) return frac(0, 1);
  if (actual >= target) return frac(points, unit);
  const num = mul(points, actual);
  return frac(Math.max(num, 0), mul(target, unit));
}

// 区间: the band with the largest min ≤ x (the first of equal mins); on rates min ≤ a/t is min·t ≤ a.
function bands(rule: RuleOf<"bands">, k: number, points: number, actual: number, target: number | undefined) {
  const unit = POW10[k] as number;
  const onRate = rule.on === "rate";
  if (onRate && (target === undefined || target <= 0)) return frac(0, 1);
  const actualAt = onRate ? mul(actual, unit) : actual;
  if (Number.isNaN(actualAt)) return undefined;
  let bestMin = 0;
  let bestFraction = -1;
  for (const band of rule.bands) {
    const min = scale(band.min, k);
    const bound = onRate ? mul(min, target as number) : min;
    if (Number.isNaN(bound)) return undefined;
    if (bound > actualAt) continue;
    if (bestFraction < 0 || min > bestMin) {
      bestMin = min;
      bestFraction = band.fraction;
    }
  }
  return bestFraction < 0 ? frac(0, 1) : frac(mul(points, scale(bestFraction, k)), unit * unit);
}

// 差额扣分: points − the charge for the gap's steps.
function shortfall(rule: RuleOf<"shortfall">, k: number, points: number, actual: number, target: number) {
  const unit = POW10[k] as number;
  const gap = rule.direction === "higher" ? target - actual : actual - target;
  if (gap <= 0) return frac(points, unit);
  const step = scale(rule.step, k);
  const deduct = scale(rule.deduct, k);
  if (rule.steps === "prorata")
    // points − deduct·gap/step = (points·step − deduct·gap) / (step·10^k)
    return frac(checked(mul(points, step) - mul(deduct, gap)), mul(step, unit));
  return frac(checked(points - mul(deduct, steps(gap, step, rule.steps))), unit);
}

/** ⌈gap/step⌉ or ⌊gap/step⌋ of two positive integers at the same scale. */
function steps(gap: number, step: number, mode: Exclude<StepMode, "prorata"> | undefined): number {
  const whole = divFloor(gap, step);
  return mode === "floor" || whole * step === gap ? whole : whole + 1;
}

// 超目标加分: every step beyond the target (on the better side) adds `add`, up to the item's own cap.
function beyondCents(indicator: Indicator, k: number, actual: number, target: number): number {
  const { beyond } = indicator;
  const side = betterSide(indicator.rule);
  if (beyond === undefined || side === undefined) return 0;
  const excess = side === "higher" ? actual - target : target - actual;
  if (excess <= 0) return 0;
  const step = scale(beyond.step, k);
  const add = scale(beyond.add, k);
  const earned =
    beyond.steps === "prorata"
      ? fractionToCents(mul(add, excess), mul(step, POW10[k] as number))
      : toCents(mul(add, steps(excess, step, beyond.steps)), k);
  if (beyond.cap === undefined) return earned;
  const cap = toCents(scale(beyond.cap, k), k);
  return Math.min(earned, cap);
}

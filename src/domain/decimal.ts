import BigJs from "big.js";

/** An exact decimal value; every score and total is one of these until it leaves the domain. */
export type Decimal = BigJs.Big;

// A private constructor: the global Big's settings may be changed by other code, ours may not.
// Division truncates (round down) at 40 places: a value truncated at ≥ 3 places and then rounded
// half-up to 2 places rounds exactly as the unrounded value would, so no x.xx4999… is lifted to x.xx5.
// `strict` makes Big throw when handed a JS number, so binary floats cannot slip into a computation.
const Big = BigJs();
Big.DP = 40;
Big.RM = BigJs.roundDown;
Big.strict = true;

const HALF_UP = BigJs.roundHalfUp;
const DOWN = BigJs.roundDown;

// The syntax big.js itself accepts; no leading "+", no whitespace, no hex.
const DECIMAL_PATTERN = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
// Long strings or exponents beyond a double's range are not measurements; refusing them keeps
// arithmetic on them (e.g. ⌈gap/step⌉) from growing without bound.
const MAX_DECIMAL_STRING = 64;

export const ZERO: Decimal = new Big("0");
export const HUNDRED: Decimal = new Big("100");

/** Converts a finite JS number (by its shortest decimal representation), decimal string or Decimal. */
export function dec(value: number | string | Decimal): Decimal {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new Big(String(value));
  }
  return new Big(value);
}

/** Reads a measurement: a finite number or a plain decimal string; anything else is undefined. */
export function parseDecimal(value: unknown): Decimal | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? dec(value) : undefined;
  if (typeof value !== "string" || value.length > MAX_DECIMAL_STRING) return undefined;
  if (!DECIMAL_PATTERN.test(value) || !Number.isFinite(Number(value))) return undefined;
  return new Big(value);
}

/** Rounds half-up (away from zero on a tie) to 2 decimal places. */
export function round2(value: Decimal): Decimal {
  return value.round(2, HALF_UP);
}

/** Rounds half-up (away from zero on a tie) to `places` decimal places. */
export function roundHalfUp(value: Decimal, places: number): Decimal {
  return value.round(places, HALF_UP);
}

/** Divides, truncating at 40 places; callers round the result half-up afterwards. */
export function divide(dividend: Decimal, divisor: Decimal): Decimal {
  return dec(dividend).div(divisor);
}

/** ⌈dividend / divisor⌉ for positive operands, computed without losing an exact multiple. */
export function ceilDivide(dividend: Decimal, divisor: Decimal): Decimal {
  const quotient = divide(dividend, divisor).round(0, DOWN);
  return quotient.times(divisor).lt(dividend) ? quotient.plus("1") : quotient;
}

/** ⌊value⌋ for a non-negative value. */
export function floor(value: Decimal): Decimal {
  return value.round(0, DOWN);
}

/** The smaller of two decimals. */
export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/** The larger of two decimals. */
export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/** Clamps a value into [low, high]. */
export function clamp(value: Decimal, low: Decimal, high: Decimal): Decimal {
  return minDecimal(maxDecimal(value, low), high);
}

/** Sums decimals exactly. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** The JS number for a value rounded half-up to 2 places (never -0). */
export function toNumber2(value: Decimal): number {
  const result = Number(value.toFixed(2, HALF_UP));
  return result === 0 ? 0 : result;
}

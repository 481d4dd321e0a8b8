// Exact decimals as scaled safe integers, for the scoring engine's fast path (fast-indicator.ts). A decimal
// x with k places is the integer x·10^k. Every integer formed is kept within ±LIMIT, where JS numbers are
// exact integers and sums of two stay exact; an operation that would leave that range gives NaN, and the
// caller then scores with big.js instead. So the fast path either answers exactly what big.js answers or
// declines; it never rounds differently.

/** The largest magnitude an integer of the fast path may have: 2^50, so 2a + b and a·q + r stay below 2^53. */
export const LIMIT = 2 ** 50;

/** The most decimal places the fast path scales to: products of two stay within 10^12 per unit. */
export const MAX_PLACES = 6;

/** 10^k for k in 0‥2·MAX_PLACES + 2, exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 2 * MAX_PLACES + 3 }, (_, k) => 10 ** k);

// Below 10^15 a scaled integer has at most 15 significant digits, and two different decimals of at most 15
// digits are never the same double: so when m / 10^k is the double n, m / 10^k is exactly the decimal that
// String(n) spells, which is what big.js reads (dec).
const MAX_DIGITS = 1e15;

/** Decimal places of a finite number as big.js reads it (0‥MAX_PLACES), or -1 when the fast path cannot hold it. */
export function placesOf(n: number): number {
  for (let k = 0; k <= MAX_PLACES; k++) {
    const scale = POW10[k] as number;
    const m = Math.round(n * scale);
    if (!(Math.abs(m) < MAX_DIGITS)) return -1;
    if (m / scale === n) return k;
  }
  return -1;
}

/** The integer n·10^k for a number with at most k places (placesOf), or NaN beyond LIMIT. */
export function scaled(n: number, k: number): number {
  return checked(Math.round(n * (POW10[k] as number)));
}

/** x when it is within ±LIMIT, else NaN (which every later operation carries on). */
export function checked(x: number): number {
  return x <= LIMIT && x >= -LIMIT ? x : NaN;
}

/** a·b, exact, or NaN when the product leaves ±LIMIT (a float product beyond it may be inexact). */
export function mul(a: number, b: number): number {
  return checked(a * b);
}

/**
 * num / den (den > 0) rounded half away from zero to an integer, exactly: big.js truncates a division at 40
 * places and rounds half-up afterwards, which rounds as the exact quotient does (docs/SCHEME.md).
 */
export function divHalfUp(num: number, den: number): number {
  if (Number.isNaN(num) || Number.isNaN(den)) return NaN;
  const negative = num < 0;
  const a = negative ? -num : num;
  // ⌊(2a + den) / 2den⌋, with the float quotient corrected by its exact remainder.
  const n2 = 2 * a + den;
  const d2 = 2 * den;
  let q = Math.floor(n2 / d2);
  let r = n2 - q * d2;
  while (r < 0) {
    q -= 1;
    r += d2;
  }
  while (r >= d2) {
    q += 1;
    r -= d2;
  }
  return negative ? -q : q;
}

/** ⌊num / den⌋ for num ≥ 0, den > 0, exactly. */
export function divFloor(num: number, den: number): number {
  let q = Math.floor(num / den);
  let r = num - q * den;
  while (r < 0) {
    q -= 1;
    r += den;
  }
  while (r >= den) {
    q += 1;
    r -= den;
  }
  return q;
}

/** num / den (den > 0) rounded half-up to cents; divides den by 100 where it can rather than multiply num. */
export function fractionToCents(num: number, den: number): number {
  return den % 100 === 0 ? divHalfUp(num, den / 100) : divHalfUp(mul(num, 100), den);
}

/** A value of `places` places rounded half-up to cents (an integer number of 0.01). */
export function toCents(value: number, places: number): number {
  if (places <= 2) return mul(value, POW10[2 - places] as number);
  return divHalfUp(value, POW10[places - 2] as number);
}

/** Cents as the JS number toNumber2 gives (never -0): the double nearest cents / 100. */
export function centsToNumber(cents: number): number {
  const result = cents / 100;
  return result === 0 ? 0 : result;
}

import fc from "fast-check";

// An independent oracle for the scoring engine: exact rationals on BigInt, rounded once at the end. The engine
// uses big.js with truncated division; both must agree to the cent on every input.

export interface Rational {
  n: bigint;
  d: bigint; // > 0
}

export const rational = (n: bigint, d = 1n): Rational => ({ n, d });
export const add = (x: Rational, y: Rational) => rational(x.n * y.d + y.n * x.d, x.d * y.d);
export const sub = (x: Rational, y: Rational) => rational(x.n * y.d - y.n * x.d, x.d * y.d);
export const mul = (x: Rational, y: Rational) => rational(x.n * y.n, x.d * y.d);
export const div = (x: Rational, y: Rational) =>
  y.n < 0n ? rational(-x.n * y.d, x.d * -y.n) : rational(x.n * y.d, x.d * y.n);
export const cmp = (x: Rational, y: Rational) => Math.sign(Number(x.n * y.d - y.n * x.d));
export const maxR = (x: Rational, y: Rational) => (cmp(x, y) >= 0 ? x : y);
export const minR = (x: Rational, y: Rational) => (cmp(x, y) <= 0 ? x : y);
export const ZERO = rational(0n);

/** ⌈x⌉ for x > 0. */
export const ceil = (x: Rational) => rational((x.n + x.d - 1n) / x.d);
/** ⌊x⌋ for x ≥ 0. */
export const floorR = (x: Rational) => rational(x.n / x.d);

/** Rounded half away from zero to cents, as a "12.34" / "-0.05" string. */
export function cents(x: Rational): string {
  const negative = x.n < 0n;
  const abs = negative ? -x.n : x.n;
  const value = (200n * abs + x.d) / (2n * x.d);
  const text = `${value / 100n}.${String(value % 100n).padStart(2, "0")}`;
  return negative && value !== 0n ? `-${text}` : text;
}

/** A decimal with `scale` places: its exact rational, the JS number a JSON document would hold. */
export interface Sample {
  exact: Rational;
  num: number;
}

/** Decimals in [min, max] with `scale` places. */
export function decimal(min: number, max: number, scale: number): fc.Arbitrary<Sample> {
  const factor = 10 ** scale;
  return fc.integer({ min: Math.round(min * factor), max: Math.round(max * factor) }).map((units) => {
    const sign = units < 0 ? "-" : "";
    const digits = String(Math.abs(units)).padStart(scale + 1, "0");
    const text =
      scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return { exact: rational(BigInt(units), BigInt(factor)), num: Number(text) };
  });
}

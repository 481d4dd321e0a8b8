import { type Decimal, divide, HUNDRED, round2, ZERO } from "./decimal";

/** The base score on a 100-point scale: round2(earned / available × 100), 0 when nothing is available. */
export function baseScore(earned: Decimal, available: Decimal): Decimal {
  return available.eq(ZERO) ? ZERO : round2(divide(earned.times(HUNDRED), available));
}

import type { Random } from "./random";

type Value = number | boolean | string;

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const ratingFor = (q: number) => (q > 0.75 ? "优" : q > 0.55 ? "良" : q > 0.35 ? "中" : "差");

/** Per-person B1 (随访服务人次) target: the county default of 240 adjusted to the township's caseload. */
export function followUpTarget(random: Random): number {
  return random.pick([200, 220, 240, 240, 240, 260]);
}

/**
 * Year-end actuals of one person for the demo scheme, plausible for quality q (0..1).
 * Keys are indicator codes; the caller drops those that do not apply to the person's category.
 */
export function yearEndValues(
  random: Random,
  q: number,
  b1Target: number,
  examScore: number | null,
): Record<string, Value> {
  const n = () => random.noise();
  return {
    A1: round1(clamp(88.5 + 9.5 * q + n() * 1.5, 83, 100)),
    A2: round1(clamp(118 - 13 * q + n() * 2, 102, 125)),
    A3: round1(clamp(93 + 7 * q + n(), 85, 100)),
    A4: round1(clamp(62 + 28 * q + n() * 4, 50, 100)),
    A5: round1(clamp(62 + 33 * q + n() * 3, 45, 100)),
    B1: Math.round(b1Target * clamp(0.72 + 0.36 * q + n() * 0.05, 0.5, 1.2)),
    B2: round1(clamp(87 + 12 * q + n() * 1.5, 80, 100)),
    B3: round1(clamp(84 + 16 * q + n() * 2, 70, 100)),
    B4: round1(clamp(78 + 19 * q + n() * 2, 70, 99.5)),
    C1: q + n() * 0.1 > 0.4 ? 100 : 98.5,
    C2: round1(clamp(58 + 38 * q + n() * 4, 40, 100)),
    C3: q > 0.7 ? 0 : random.int(0, 2),
    D1: q > 0.6 ? 0 : random.pick([0, 0.5, 1, 1.5, 2, 3]),
    D2: Math.round(clamp(30 + 18 * q + n() * 3, 20, 60)),
    D3: ratingFor(q + n() * 0.1),
    D4: examScore === null ? 0 : round1(clamp(examScore - 6 + 10 * q + n() * 3, 55, 99)),
    E1: random.next() < 0.06 + 0.12 * q ? random.int(1, 2) : 0,
    V1: false,
  };
}

/** Month-by-month cumulative progress toward a year-end value (rates settle, counts accumulate). */
export function monthlySeries(random: Random, code: string, yearEnd: number, months: number): number[] {
  const cumulative = code === "B1" || code === "D2";
  return Array.from({ length: months }, (_, i) => {
    const share = (i + 1) / 12;
    if (cumulative) return Math.max(0, Math.round(yearEnd * share * (1 + random.noise() * 0.06)));
    // A rate is known month by month and drifts toward its year-end value.
    return round1(clamp(yearEnd - (1 - share) * 4 + random.noise() * 1.2, 0, 100));
  });
}

/** Indicators that staff report monthly progress for (the rest are year-end only). */
export const PROGRESS_CODES = ["A1", "A3", "A4", "B1", "B3", "D2"] as const;

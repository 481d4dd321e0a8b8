import { dec, divide, roundHalfUp } from "./decimal";
import { type Indicator, listIndicators, type SchemeDocument } from "./scheme";
import { allowedDecimals } from "./values";

// 年中新进 pro-rating: an indicator marked `proRate: true` (a yearly count such as follow-up visits) gives a
// person who joins a running period the share of its target for the months left: months remaining / 12,
// counting the month of arrival, rounded half-up to the indicator's decimals. Rates (%) are not marked and
// keep their target whole.

/** The months of the period's year left at `today` (YYYY-MM-DD), the arrival month included: July → 6. */
export function monthsRemaining(periodYear: number, today: string): number {
  const year = Number(today.slice(0, 4));
  if (year < periodYear) return 12;
  if (year > periodYear) return 0;
  return 13 - Number(today.slice(5, 7));
}

/** The pro-rated target: target × months / 12, rounded half-up to the indicator's decimals. */
export function proRatedTarget(target: number, months: number, decimals: number): number {
  return Number(roundHalfUp(divide(dec(target).times(dec(months)), dec(12)), decimals).toString());
}

/** The indicators of a scheme whose targets are pro-rated for late arrivals, with their decimals. */
export function proRatedIndicators(scheme: SchemeDocument): Pick<Indicator, "code" | "decimals">[] {
  return listIndicators(scheme)
    .filter((indicator) => indicator.proRate === true && indicator.target !== undefined)
    .map((indicator) => ({ code: indicator.code, decimals: allowedDecimals(indicator) }));
}

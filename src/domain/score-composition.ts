import { z } from "zod";
import { type Decimal, dec, divide, floor, round2, sum, ZERO } from "./decimal";

// 组合 (composition): how the pool turns each sheet's own total into the total that is graded and ranked,
// and what the county reads beside it. All optional; a scheme without `composition` scores as before.

const fraction = z.number().min(0).max(1);
const rankBonus = z.strictObject({ count: z.number().int().min(1), add: z.number() });

/** The `composition` part of a scheme document. */
export const compositionSchema = z.strictObject({
  // 个人实绩 60% + 所在单位实绩 40%: share of the township's mean own total in each person's total.
  groupShare: fraction.optional(),
  // 全县前五名 +5, 后三名 −5: points added by rank among the pool's non-vetoed sheets.
  rankAdjust: z.strictObject({ top: rankBonus.optional(), bottom: rankBonus.optional() }).optional(),
  // 占总分 13%: the total's weight in a larger total; each person's weighted total is reported beside it.
  weightInTotal: fraction.optional(),
  // 优秀名额按单位分配（一般 15%）: at most ⌊township members × townshipQuota⌋ 优秀 per township,
  // within the county-wide excellentQuota.
  townshipQuota: fraction.optional(),
});

export type Composition = z.infer<typeof compositionSchema>;

/** One sheet as composition sees it. */
export interface OwnResult {
  township: string;
  total: Decimal;
  vetoed: boolean;
}

/** round2(mean of the township's own totals), per township. */
export function townshipMeans(sheets: readonly OwnResult[]): Map<string, Decimal> {
  const groups = new Map<string, Decimal[]>();
  for (const sheet of sheets)
    groups.set(sheet.township, [...(groups.get(sheet.township) ?? []), sheet.total]);
  return new Map(
    [...groups].map(([name, totals]) => [name, round2(divide(sum(totals), dec(totals.length)))]),
  );
}

// (1 − s) × own + s × township mean, rounded half-up to 2 places.
function withGroupShare(sheets: readonly OwnResult[], share: number): Decimal[] {
  const means = townshipMeans(sheets);
  const s = dec(share);
  const own = dec(1).minus(s);
  return sheets.map((sheet) =>
    round2(own.times(sheet.total).plus(s.times(means.get(sheet.township) ?? ZERO))),
  );
}

// Top: the sheets with fewer than `count` non-vetoed sheets strictly above them (ties at the edge all gain).
// Bottom: the sheets at or below the count-th lowest non-vetoed total (ties at the edge all lose).
function rankAdditions(
  totals: readonly Decimal[],
  vetoed: readonly boolean[],
  adjust: Composition["rankAdjust"],
) {
  const clear = totals.filter((_, i) => !vetoed[i]);
  const ascending = [...clear].sort((a, b) => a.cmp(b));
  return totals.map((total, i) => {
    if (vetoed[i] || adjust === undefined) return ZERO;
    let add = ZERO;
    if (adjust.top !== undefined && clear.filter((other) => other.gt(total)).length < adjust.top.count)
      add = add.plus(dec(adjust.top.add));
    const edge =
      adjust.bottom === undefined
        ? undefined
        : ascending[Math.min(adjust.bottom.count, ascending.length) - 1];
    if (adjust.bottom !== undefined && edge !== undefined && total.lte(edge))
      add = add.plus(dec(adjust.bottom.add));
    return add;
  });
}

/** Each sheet's total after the group share and rank adjustments (input order). */
export function composeTotals(sheets: readonly OwnResult[], composition: Composition | undefined): Decimal[] {
  if (composition === undefined) return sheets.map((sheet) => sheet.total);
  const shared =
    composition.groupShare === undefined
      ? sheets.map((sheet) => sheet.total)
      : withGroupShare(sheets, composition.groupShare);
  const adds = rankAdditions(
    shared,
    sheets.map((sheet) => sheet.vetoed),
    composition.rankAdjust,
  );
  return shared.map((total, i) => total.plus(adds[i] ?? ZERO));
}

/** The total weighted into a larger one (占总分 w): round2(total × w). */
export function weightedTotal(total: Decimal, weight: number): Decimal {
  return round2(total.times(dec(weight)));
}

/** ⌊members × quota⌋ (quota is a fraction, so never more than the members). */
export function quotaOf(members: number, quota: number): number {
  return floor(dec(members).times(dec(quota))).toNumber();
}

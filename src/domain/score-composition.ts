import { z } from "zod";
import { type Decimal, dec, divide, floor, round2, sum, ZERO } from "./decimal";
import { refineMessage } from "./scheme-issues";

// 组合 (composition): how the pool turns each sheet's own total into the total that is graded and ranked,
// and what the county reads beside it. All optional; a scheme without `composition` scores as before.

const fraction = z.number().min(0).max(1);

// 季度/半年得分按权重合成全年: the annual total = own × this period's total + Σ quarters[q] × quarter q's total.
// A half-year check held as the second quarter's period is `quarters: [0, w, 0, 0]`. The weights add up to 1.
const yearFromSchema = z
  .strictObject({
    own: z.number().positive().max(1),
    quarters: z.array(fraction).length(4),
  })
  .refine(
    (year) => sum([dec(year.own), ...year.quarters.map((w) => dec(w))]).eq(dec(1)),
    refineMessage(
      "YEAR_WEIGHTS_SUM",
      "全年合成的权重（own 与四个季度）之和应为 1，如年终 60% + 各季度 10% 写 own 0.6、quarters [0.1, 0.1, 0.1, 0.1]",
      "the year's weights (own and the four quarters) must add up to 1",
    ),
  );

const rankBonus = z.strictObject({ count: z.number().int().min(1), add: z.number() });

/** The `composition` part of a scheme document. */
export const compositionSchema = z.strictObject({
  // 季度考核占 40%、年终考核占 60%: how this (annual) period's total combines with the year's quarterly totals.
  yearFrom: yearFromSchema.optional(),
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
  /** The person's totals in the year's four quarterly periods (undefined/null: none, e.g. not in that period). */
  quarterTotals?: readonly (number | null | undefined)[] | undefined;
}

/**
 * The year's total from this period's and the quarters' totals: round2(Σ wᵢ xᵢ / Σ wᵢ) over the parts the person
 * has. A quarter without a total (not a member, exempt, not scored) drops out and the others keep their
 * proportions; this period's own part is always there.
 */
export function combineYear(
  own: Decimal,
  quarterTotals: OwnResult["quarterTotals"],
  yearFrom: YearFrom,
): Decimal {
  let weighted = dec(yearFrom.own).times(own);
  let weights = dec(yearFrom.own);
  yearFrom.quarters.forEach((weight, quarter) => {
    const total = quarterTotals?.[quarter];
    if (total === null || total === undefined || weight === 0) return;
    weighted = weighted.plus(dec(weight).times(dec(total)));
    weights = weights.plus(dec(weight));
  });
  return round2(divide(weighted, weights));
}

type YearFrom = z.infer<typeof yearFromSchema>;

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
  const { yearFrom } = composition;
  // The year's total first: group shares and rank points work on what the year adds up to.
  const yearly =
    yearFrom === undefined
      ? sheets
      : sheets.map((sheet) => ({ ...sheet, total: combineYear(sheet.total, sheet.quarterTotals, yearFrom) }));
  const shared =
    composition.groupShare === undefined
      ? yearly.map((sheet) => sheet.total)
      : withGroupShare(yearly, composition.groupShare);
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

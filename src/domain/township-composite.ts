import { z } from "zod";
import { type Decimal, dec, divide, round2, sum } from "./decimal";

// 考核对象与乡镇综合得分: whom a scheme assesses (people, townships or both) and how a township's composite
// is made from its staff's totals and its own sheet's total (乡镇自查自纠 + 县督查组评分).

export const ASSESSEES = ["people", "townships"] as const;
export type Assessee = (typeof ASSESSEES)[number];

const weight = z.number().min(0).max(1);

/** The `townshipComposite` part of a scheme document. */
export const townshipCompositeSchema = z.discriminatedUnion("from", [
  // 人员平均分: the mean of the township's staff totals (the default when people are assessed).
  z.strictObject({ from: z.literal("staffMean") }),
  // 乡镇考核得分: the township's own sheet total (the default when only townships are assessed).
  z.strictObject({ from: z.literal("own") }),
  // 加权: e.g. 70% own assessment + 30% staff mean; the weights add up to 1.
  z.strictObject({ from: z.literal("weighted"), own: weight, staff: weight }),
]);

export type TownshipComposite = z.infer<typeof townshipCompositeSchema>;

/** The composite rule a scheme uses: its own, or the default for whom it assesses. */
export function compositeRule(scheme: {
  assessees?: readonly Assessee[] | undefined;
  townshipComposite?: TownshipComposite | undefined;
}): TownshipComposite {
  if (scheme.townshipComposite) return scheme.townshipComposite;
  return assessesPeople(scheme) ? { from: "staffMean" } : { from: "own" };
}

export const assessesPeople = (scheme: { assessees?: readonly Assessee[] | undefined }) =>
  (scheme.assessees ?? ["people"]).includes("people");
export const assessesTownships = (scheme: { assessees?: readonly Assessee[] | undefined }) =>
  (scheme.assessees ?? ["people"]).includes("townships");

/** What a township's composite is made of: its staff's totals (maybe none) and its own total (maybe none). */
export interface CompositeParts {
  staffTotals: readonly Decimal[];
  ownTotal: Decimal | undefined;
}

/** The unrounded mean of the staff totals, or undefined without staff. */
export function staffMean(totals: readonly Decimal[]): Decimal | undefined {
  return totals.length === 0 ? undefined : divide(sum(totals), dec(totals.length));
}

/**
 * The township's composite, rounded half-up to 2 decimals once at the end, or undefined when the rule has
 * nothing to read (no staff for 人员平均分, no own sheet for 乡镇考核得分). A weighted composite of a township
 * that lacks one part is the part it has, unweighted, so that it is neither dropped nor halved.
 */
export function townshipComposite(rule: TownshipComposite, parts: CompositeParts): Decimal | undefined {
  const mean = staffMean(parts.staffTotals);
  const own = parts.ownTotal;
  switch (rule.from) {
    case "staffMean":
      return mean === undefined ? undefined : round2(mean);
    case "own":
      return own === undefined ? undefined : round2(own);
    case "weighted":
      if (own !== undefined && mean !== undefined) {
        // One division, last: (own·w·n + Σstaff·w) / n is exact whenever the composite sits on a half cent
        // (e.g. 82.875), where a mean divided first (84.3733…) would round down.
        const n = dec(parts.staffTotals.length);
        const numerator = own
          .times(dec(rule.own))
          .times(n)
          .plus(sum(parts.staffTotals).times(dec(rule.staff)));
        return round2(divide(numerator, n));
      }
      return own !== undefined ? round2(own) : mean !== undefined ? round2(mean) : undefined;
  }
}

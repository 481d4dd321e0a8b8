import { z } from "zod";

// 兑现奖惩: the consequences a scheme attaches to a grade (people, e.g. 优秀: 奖励 ¥2000, 通报表扬) and to 预否决
// (townships: 经济处罚 ¥…, 组织处罚 通报批评 / 约谈 / 取消评先评优资格). Published results list them per party; what
// was actually applied (amount, date, 文号) is recorded apart.

export const MEASURE_KINDS = ["reward", "economic", "organisational"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  reward: "奖励",
  economic: "经济处罚",
  organisational: "组织处罚",
};

const measureSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  /** What is done: 通报表扬, 扣发绩效, 通报批评, 约谈, 取消评先评优资格 … */
  measure: z.string().min(1).max(100),
  /** 金额 (元), for money rewards and economic penalties. */
  amount: z.number().min(0).max(100_000_000).optional(),
});

export type Measure = z.infer<typeof measureSchema>;

const measures = z.array(measureSchema).min(1).max(10);

/** The `consequences` part of a scheme document. */
export const consequencesSchema = z.strictObject({
  /** Per grade code of `gradeBands`, for people (and township sheets) of that grade. */
  grades: z.record(z.string().min(1).max(32), measures).optional(),
  /** For every township decided 预否决. */
  preVeto: measures.optional(),
});

export type Consequences = z.infer<typeof consequencesSchema>;

/** A measure as one line of text: 经济处罚：扣减专项经费 ¥20000. */
export function measureText(measure: Measure): string {
  const amount = measure.amount === undefined ? "" : ` ¥${measure.amount}`;
  return `${MEASURE_KIND_LABELS[measure.kind]}：${measure.measure}${amount}`;
}

/** The consequences due to a party: those of its grade, and those of 预否决 when decided. */
export function consequencesFor(
  consequences: Consequences | undefined,
  party: { grade?: string | null; preVeto?: boolean },
): Measure[] {
  if (!consequences) return [];
  const own =
    party.grade && consequences.grades
      ? Object.hasOwn(consequences.grades, party.grade)
        ? consequences.grades[party.grade]
        : undefined
      : undefined;
  return [...(own ?? []), ...(party.preVeto ? (consequences.preVeto ?? []) : [])];
}

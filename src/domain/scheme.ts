import { z } from "zod";
import { consequencesSchema } from "./consequences";
import { dec } from "./decimal";
import { ruleSchema, SCHEME_LIMITS, stepModeSchema } from "./rule-schemas";
import { checkAssessees } from "./scheme-assessees";
import {
  checkClassNames,
  checkClassOverride,
  checkGradeBands,
  checkIndicator,
  checkUniqueIndicatorCodes,
  flagDuplicates,
  under,
} from "./scheme-checks";
import { formatKeys, type Issue, refineMessage, zodIssuesToIssues } from "./scheme-issues";
import { schemeWarnings } from "./scheme-warnings";
import { compositionSchema } from "./score-composition";
import { ASSESSEES, townshipCompositeSchema } from "./township-composite";

export { SCHEME_LIMITS } from "./rule-schemas";
export type { Rule, RuleType } from "./rule-table";
export { betterSide, dividesByTarget, needsTarget } from "./rule-table";
export type { Issue } from "./scheme-issues";

// The scheme document (考核方案). Objects are strict: an unknown key in a scheme is a typo whose
// silent loss would change scores. Defaults (floor 0, partial 0, evidenceRequired false) are applied
// at scoring time, never injected here, so a parsed document deep-equals its input.

const fraction = z.number().min(0).max(1);
const nonEmpty = z.string().min(1).max(200);
const code = z.string().min(1).max(32);

const vetoLimitSchema = z
  .strictObject({ below: z.number().optional(), above: z.number().optional() })
  .refine(
    (veto) => veto.below !== undefined || veto.above !== undefined,
    refineMessage("VETO_EMPTY", "否决线需要 below 或 above", "veto needs below or above"),
  );

const zeroIfSchema = z
  .strictObject({
    below: z.number().optional(),
    above: z.number().optional(),
    kinds: z.array(nonEmpty).min(1).optional(),
  })
  .refine(
    (zero) => zero.below !== undefined || zero.above !== undefined || zero.kinds !== undefined,
    refineMessage(
      "ZERO_IF_EMPTY",
      "不得分条件需要 below、above 或 kinds 之一",
      "zeroIf needs below, above or kinds",
    ),
  );

const beyondSchema = z.strictObject({
  step: z.number().positive(),
  add: z.number().min(0),
  cap: z.number().min(0).optional(),
  steps: stepModeSchema.optional(),
});

const classOverrideSchema = z.strictObject({
  points: z.number().min(0).optional(),
  target: z.number().optional(),
  rule: ruleSchema.optional(),
});

/** 所内人员 (station staff) and 选调人员 (staff reassigned from the county health system). */
export const PERSON_CATEGORIES = ["station", "reassigned"] as const;
const personCategorySchema = z.enum(PERSON_CATEGORIES);
// Whom an indicator applies to: 所内人员, 选调人员, or the township itself (乡镇考核表).
const sheetCategorySchema = z.enum(["station", "reassigned", "township"]);

const indicatorSchema = z
  .strictObject({
    code,
    name: nonEmpty,
    unit: z.string().max(32).optional(),
    points: z.number().min(0),
    target: z.number().optional(),
    appliesTo: z
      .array(sheetCategorySchema)
      .min(1)
      .superRefine((list, ctx) =>
        flagDuplicates(list, (item) => item, undefined, ["人员类别", "category"], ctx),
      ),
    source: z.enum(["self", "assessor"]),
    evidenceRequired: z.boolean().optional(),
    rule: ruleSchema,
    veto: vetoLimitSchema.optional(),
    // 该项可负分: deductions may take the item below 0, down to `floor` when given.
    negative: z.strictObject({ floor: z.number().max(0).optional() }).optional(),
    // 该项不得分: the item scores 0 when the actual is below/above a limit or a listed incident kind occurred.
    zeroIf: zeroIfSchema.optional(),
    // 分类考核: points, target or rule that differ for units of one class (一类村 / 二、三类村).
    byClass: z.record(nonEmpty, classOverrideSchema).optional(),
    // 超目标加分: every step beyond the target adds `add` to 加分 (capped by `cap`, then by the scheme's bonusCap).
    beyond: beyondSchema.optional(),
    /** How many decimals a value may carry (default 2); more is refused, never rounded away. */
    decimals: z.number().int().min(0).max(4).optional(),
    /**
     * 合理范围 (#17): the values that are usual for this indicator. A value outside is kept but the forms ask the
     * user to confirm it (a coverage rate of 150 % is usually a slip); without it a "%" indicator's is 0–100.
     */
    range: z
      .strictObject({ min: z.number().optional(), max: z.number().optional() })
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
        message: "合理范围的下限不能大于上限 range.min must not exceed range.max",
        params: { code: "RANGE_ORDER" },
      })
      .optional(),
    /** 选调 exam binding: the value is the person's recorded exam score, prefilled and read-only for staff. */
    prefill: z.literal("examScore").optional(),
    /** 年中新进: a late arrival's target is pro-rated by the months left (see domain/pro-rate.ts). */
    proRate: z.boolean().optional(),
  })
  .superRefine((indicator, ctx) => {
    checkIndicator(indicator, ctx);
    // Each class's indicator is the base with the override applied, and must be sound on its own.
    for (const [unitClass, override] of Object.entries(indicator.byClass ?? {}))
      checkClassOverride(indicator, override, under(ctx, ["byClass", unitClass]));
  });

const gradeBandSchema = z.strictObject({ grade: code, label: nonEmpty, min: z.number() });

const categorySchema = z.strictObject({
  code,
  name: nonEmpty,
  indicators: z.array(indicatorSchema).min(1).max(SCHEME_LIMITS.indicators),
});

/** The whole scheme document, validated. */
export const schemeDocumentSchema = z
  .strictObject({
    code,
    name: nonEmpty,
    year: z.number().int(),
    gradeBands: z.array(gradeBandSchema).min(1).max(SCHEME_LIMITS.gradeBands).superRefine(checkGradeBands),
    excellentQuota: fraction,
    preVetoBottomN: z.number().int().min(0),
    bonusCap: z.number().min(0),
    categories: z.array(categorySchema).min(1).max(SCHEME_LIMITS.categories),
    // 总分低于此分一票否决 (a veto on the total, distinct from the lowest grade band).
    vetoTotalBelow: z.number().optional(),
    composition: compositionSchema.optional(),
    // The unit classes (单位类别) that indicators' `byClass` and 试算 people's `unitClass` may name.
    unitClasses: z.array(nonEmpty).min(1).optional(),
    // 考核对象: people (the default), townships (乡镇考核表: 自查自纠, then 县督查组评分), or both.
    assessees: z
      .array(z.enum(ASSESSEES))
      .min(1)
      .superRefine((list, ctx) =>
        flagDuplicates(list, (item) => item, undefined, ["考核对象", "assessee"], ctx),
      )
      .optional(),
    // 乡镇综合得分: staff mean (default with people), own sheet total (default without), or weighted.
    townshipComposite: townshipCompositeSchema.optional(),
    // 兑现奖惩: what follows a grade (people) or 预否决 (townships).
    consequences: consequencesSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    flagDuplicates(doc.categories, (category) => category.code, "code", ["类别代码", "category code"], ctx, [
      "categories",
    ]);
    checkUniqueIndicatorCodes(doc.categories, ctx);
    const count = doc.categories.reduce((sum, category) => sum + category.indicators.length, 0);
    if (count > SCHEME_LIMITS.indicators)
      ctx.addIssue({
        code: "custom",
        path: ["categories"],
        ...refineMessage(
          "TOO_BIG",
          `指标总数不能超过 ${SCHEME_LIMITS.indicators} 个（现为 ${count} 个）`,
          `at most ${SCHEME_LIMITS.indicators} indicators in all (found ${count})`,
        ),
      });
    checkClassNames(doc, ctx);
    checkAssessees(doc, ctx);
  });

export type SchemeDocument = z.infer<typeof schemeDocumentSchema>;
export type Indicator = SchemeDocument["categories"][number]["indicators"][number];
export type GradeBand = SchemeDocument["gradeBands"][number];
export type PersonCategory = z.infer<typeof personCategorySchema>;
/** A sheet's category: a person's (所内 / 选调) or the township's own sheet. */
export type SheetCategory = z.infer<typeof sheetCategorySchema>;

/** Formats a zod path as `categories[1].indicators[3].rule.step`. */
export const formatPath = formatKeys;

/** Validates a scheme document; the parsed scheme deep-equals the input. Warnings never block parsing. */
export function parseScheme(
  input: unknown,
):
  | { ok: true; scheme: SchemeDocument; warnings: Issue[] }
  | { ok: false; issues: Issue[]; warnings: Issue[] } {
  const result = schemeDocumentSchema.safeParse(input, { reportInput: true });
  return result.success
    ? { ok: true, scheme: result.data, warnings: schemeWarnings(result.data) }
    : { ok: false, issues: zodIssuesToIssues(input, result.error.issues), warnings: [] };
}

/**
 * The indicators of a document that may be invalid elsewhere: those that are valid on their own, and the codes
 * of those that are not (so 试算 can check values against the good ones in the same pass as the scheme).
 */
export function looseIndicators(input: unknown): { valid: Indicator[]; brokenCodes: Set<string> } {
  const valid: Indicator[] = [];
  const brokenCodes = new Set<string>();
  const categories = z
    .array(z.object({ indicators: z.array(z.unknown()) }))
    .safeParse(z.object({ categories: z.unknown() }).safeParse(input).data?.categories);
  for (const raw of (categories.data ?? []).flatMap((category) => category.indicators)) {
    const parsed = indicatorSchema.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
    else {
      const code = z.object({ code: z.string() }).safeParse(raw).data?.code;
      if (code !== undefined) brokenCodes.add(code);
    }
  }
  return { valid, brokenCodes };
}

/** All indicators of the scheme, flattened in document order. */
export function listIndicators(scheme: SchemeDocument): Indicator[] {
  return scheme.categories.flatMap((category) => category.indicators);
}

/** The indicator as scored for a unit of `unitClass`: its `byClass` override applied, if any. */
export function forClass(indicator: Indicator, unitClass: string | undefined): Indicator {
  const byClass = indicator.byClass;
  if (unitClass === undefined || byClass === undefined || !Object.hasOwn(byClass, unitClass))
    return indicator;
  return { ...indicator, ...byClass[unitClass] };
}

/** Whether the indicator is scored on a sheet of this category. */
export function appliesTo(indicator: Indicator, category: SheetCategory): boolean {
  return indicator.appliesTo.includes(category);
}

/** The grade bands from the highest min to the lowest. */
export function sortedGradeBands(scheme: SchemeDocument): GradeBand[] {
  return [...scheme.gradeBands].sort((a, b) => dec(b.min).cmp(dec(a.min)));
}

/** A person sheet's category (所内 / 选调); a township's own sheet has none. */
export function personCategoryOf(category: SheetCategory): PersonCategory {
  if (category === "township") throw new Error("a township's own sheet has no person category");
  return category;
}

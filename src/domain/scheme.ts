import { z } from "zod";
import { dec } from "./decimal";
import { ruleSchema, stepModeSchema } from "./rule-schemas";
import {
  betterSide,
  dividesByTarget,
  FOUND_ABOVE_MARK,
  needsTarget,
  RULE_TABLE,
  type Rule,
} from "./rule-table";
import { formatKeys, type Issue, refineMessage, zodIssuesToIssues } from "./scheme-issues";
import { schemeWarnings } from "./scheme-warnings";
import { compositionSchema } from "./score-composition";

export type { Rule, RuleType } from "./rule-table";
export { betterSide, dividesByTarget, needsTarget } from "./rule-table";
export type { Issue } from "./scheme-issues";

// The scheme document (考核方案). Objects are strict: an unknown key in a scheme is a typo whose
// silent loss would change scores. Defaults (floor 0, partial 0, evidenceRequired false) are applied
// at scoring time, never injected here, so a parsed document deep-equals its input.

const fraction = z.number().min(0).max(1);
const nonEmpty = z.string().min(1);

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

const personCategorySchema = z.enum(["station", "reassigned"]);

const indicatorSchema = z
  .strictObject({
    code: nonEmpty,
    name: nonEmpty,
    unit: z.string().optional(),
    points: z.number().min(0),
    target: z.number().optional(),
    appliesTo: z
      .array(personCategorySchema)
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
    // 超目标加分: every step beyond the target adds `add` to 加分 (capped by `cap`, then by the scheme's bonusCap).
    beyond: beyondSchema.optional(),
  })
  .superRefine(checkIndicatorTarget);

const gradeBandSchema = z.strictObject({ grade: nonEmpty, label: nonEmpty, min: z.number() });

const categorySchema = z.strictObject({
  code: nonEmpty,
  name: nonEmpty,
  indicators: z.array(indicatorSchema).min(1),
});

/** The whole scheme document, validated. */
export const schemeDocumentSchema = z
  .strictObject({
    code: nonEmpty,
    name: nonEmpty,
    year: z.number().int(),
    gradeBands: z.array(gradeBandSchema).min(1).superRefine(checkGradeBands),
    excellentQuota: fraction,
    preVetoBottomN: z.number().int().min(0),
    bonusCap: z.number().min(0),
    categories: z.array(categorySchema).min(1),
    // 总分低于此分一票否决 (a veto on the total, distinct from the lowest grade band).
    vetoTotalBelow: z.number().optional(),
    composition: compositionSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    flagDuplicates(doc.categories, (category) => category.code, "code", ["类别代码", "category code"], ctx, [
      "categories",
    ]);
    checkUniqueIndicatorCodes(doc.categories, ctx);
  });

export type SchemeDocument = z.infer<typeof schemeDocumentSchema>;
export type Indicator = SchemeDocument["categories"][number]["indicators"][number];
export type GradeBand = SchemeDocument["gradeBands"][number];
export type PersonCategory = z.infer<typeof personCategorySchema>;

type RefineContext = z.core.$RefinementCtx<unknown>;
type PathKey = string | number;

function addIssue(ctx: RefineContext, path: PathKey[], code: string, zh: string, en: string): void {
  ctx.addIssue({ code: "custom", path, message: `${zh} ${en}`, params: { code } });
}

function flagDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  field: string | undefined,
  what: readonly [zh: string, en: string],
  ctx: RefineContext,
  prefix: PathKey[] = [],
): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      return;
    }
    const path = field === undefined ? [...prefix, index] : [...prefix, index, field];
    addIssue(
      ctx,
      path,
      "DUPLICATE",
      `${what[0]} ${key} 重复（第 ${first + 1} 项已用）`,
      `duplicate ${what[1]} ${key} (first at index ${first})`,
    );
  });
}

function checkUniqueIndicatorCodes(categories: SchemeDocument["categories"], ctx: RefineContext): void {
  const seen = new Map<string, string>();
  categories.forEach((category, c) => {
    category.indicators.forEach((indicator, i) => {
      const here = `categories[${c}].indicators[${i}]`;
      const first = seen.get(indicator.code);
      if (first === undefined) seen.set(indicator.code, here);
      else
        addIssue(
          ctx,
          ["categories", c, "indicators", i, "code"],
          "DUPLICATE",
          `指标代码 ${indicator.code} 重复（${first} 已用）`,
          `duplicate indicator code ${indicator.code} (first at ${first})`,
        );
    });
  });
}

// Bands cover [min, next higher min); only a lowest min of 0 leaves no total without a grade.
function checkGradeBands(bands: z.infer<typeof gradeBandSchema>[], ctx: RefineContext): void {
  flagDuplicates(bands, (band) => band.grade, "grade", ["等次代码", "grade code"], ctx);
  flagDuplicates(bands, (band) => String(band.min), "min", ["等次下限", "grade band min"], ctx);
  const lowest = bands.reduce((best, band, index) => (band.min < (bands[best]?.min ?? 0) ? index : best), 0);
  const lowestMin = bands[lowest]?.min ?? 0;
  if (lowestMin !== 0)
    addIssue(
      ctx,
      [lowest, "min"],
      "GRADE_GAP",
      `最低等次必须从 0 分起（低于 ${lowestMin} 分的总分没有等次）`,
      `the lowest grade band must start at 0 (leaves a gap below ${lowestMin})`,
    );
}

function checkIndicatorTarget(indicator: z.infer<typeof indicatorSchema>, ctx: RefineContext): void {
  const { rule, target } = indicator;
  const spec = RULE_TABLE[rule.type];
  if (needsTarget(rule) && target === undefined)
    addIssue(
      ctx,
      ["target"],
      "TARGET_REQUIRED",
      "此计分规则需要目标值",
      `a ${rule.type} rule needs a target`,
    );
  else if (dividesByTarget(rule) && target !== undefined && target <= 0)
    addIssue(
      ctx,
      ["target"],
      "TARGET_NOT_POSITIVE",
      "目标值必须大于 0（计分时要除以目标）",
      "the target must be > 0 (the rule divides by it)",
    );
  const numeric = spec.value === "number" || spec.value === "count";
  if (indicator.veto !== undefined && !numeric)
    addIssue(
      ctx,
      ["veto"],
      "NOT_FOR_RULE",
      "此计分规则不能设数值否决线",
      `a ${rule.type} rule cannot carry a numeric veto`,
    );
  if (indicator.negative !== undefined && !spec.canGoNegative)
    addIssue(
      ctx,
      ["negative"],
      "NOT_FOR_RULE",
      "只有扣分类规则可以设为可负分",
      `a ${rule.type} rule cannot go negative`,
    );
  if (indicator.beyond !== undefined && betterSide(rule) === undefined)
    addIssue(
      ctx,
      ["beyond"],
      "NOT_FOR_RULE",
      "超目标加分只适用于有方向的目标类规则",
      `a ${rule.type} rule has no side beyond its target`,
    );
  checkZeroIf(indicator, numeric, ctx);
  checkRule(rule, ctx);
}

function checkZeroIf(indicator: z.infer<typeof indicatorSchema>, numeric: boolean, ctx: RefineContext): void {
  const { zeroIf, rule } = indicator;
  if (zeroIf === undefined) return;
  if ((zeroIf.below !== undefined || zeroIf.above !== undefined) && !numeric)
    addIssue(
      ctx,
      ["zeroIf"],
      "NOT_FOR_RULE",
      "此计分规则的值不是数值，不能按数值设不得分条件",
      `a ${rule.type} rule has no number to compare`,
    );
  if (zeroIf.kinds === undefined) return;
  if (rule.type !== "incidents") {
    addIssue(
      ctx,
      ["zeroIf", "kinds"],
      "NOT_FOR_RULE",
      "只有多类扣分规则可以按类别设不得分条件",
      "only an incidents rule has kinds",
    );
    return;
  }
  const labels = new Set(rule.kinds.map((kind) => kind.label));
  zeroIf.kinds.forEach((label, index) => {
    if (!labels.has(label))
      addIssue(
        ctx,
        ["zeroIf", "kinds", index],
        "UNKNOWN_KIND",
        `没有名为“${label}”的扣分类别`,
        `no incident kind ${label}`,
      );
  });
}

// A rate band edge above 2 (200 %) is a percent typed where a fraction belongs: no scheme means 90 × target.
const MAX_RATE_BAND_MIN = 2;

function checkRule(rule: Rule, ctx: RefineContext): void {
  if (rule.type === "bands") {
    flagDuplicates(rule.bands, (band) => String(band.min), "min", ["分档下限", "band min"], ctx, [
      "rule",
      "bands",
    ]);
    if (rule.on === "rate")
      rule.bands.forEach((band, index) => {
        if (band.min <= MAX_RATE_BAND_MIN) return;
        const fraction = Number((band.min / 100).toPrecision(12));
        addIssue(
          ctx,
          ["rule", "bands", index, "min"],
          "PERCENT_AS_FRACTION",
          `分档下限 ${band.min} 大于 1，比率应写成 ${fraction}`,
          `band min ${band.min} on a rate is above 1; write ${band.min}% as ${fraction}`,
        );
      });
  }
  if (rule.type === "rating" && Object.keys(rule.levels).length === 0)
    addIssue(
      ctx,
      ["rule", "levels"],
      "EMPTY",
      "至少需要一个评价等级",
      "at least one rating level is required",
    );
  if (rule.type === "incidents") {
    flagDuplicates(rule.kinds, (kind) => kind.label, "label", ["扣分类别", "incident kind"], ctx, [
      "rule",
      "kinds",
    ]);
    rule.kinds.forEach((kind, index) => {
      if (kind.label.includes(FOUND_ABOVE_MARK))
        addIssue(
          ctx,
          ["rule", "kinds", index, "label"],
          "RESERVED_MARK",
          `类别名称不能含“${FOUND_ABOVE_MARK}”（它标记上级查出的例数）`,
          `a kind label cannot contain ${FOUND_ABOVE_MARK}`,
        );
    });
  }
}

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

/** Whether the indicator is scored for a person of this category. */
export function appliesTo(indicator: Indicator, category: PersonCategory): boolean {
  return indicator.appliesTo.includes(category);
}

/** The grade bands from the highest min to the lowest. */
export function sortedGradeBands(scheme: SchemeDocument): GradeBand[] {
  return [...scheme.gradeBands].sort((a, b) => dec(b.min).cmp(dec(a.min)));
}

import { z } from "zod";
import { dec } from "./decimal";

// The scheme document (考核方案). Objects are strict: an unknown key in a scheme is a typo whose
// silent loss would change scores. Defaults (floor 0, partial 0, evidenceRequired false) are applied
// at scoring time, never injected here, so a parsed document deep-equals its input.

const fraction = z.number().min(0).max(1);
const nonEmpty = z.string().min(1);

const ratioRule = z.strictObject({ type: z.literal("ratio"), floor: fraction.optional() });
const shortfallRule = z.strictObject({
  type: z.literal("shortfall"),
  direction: z.enum(["higher", "lower"]),
  step: z.number().positive(),
  deduct: z.number().min(0),
});
const thresholdRule = z.strictObject({
  type: z.literal("threshold"),
  direction: z.enum(["atLeast", "atMost"]),
  partial: fraction.optional(),
});
const bandsRule = z.strictObject({
  type: z.literal("bands"),
  on: z.enum(["rate", "value"]),
  bands: z
    .array(z.strictObject({ min: z.number(), fraction }))
    .min(1)
    .superRefine((bands, ctx) => flagDuplicates(bands, (band) => String(band.min), "min", "band min", ctx)),
});
const deductionRule = z.strictObject({ type: z.literal("deduction"), per: z.number().min(0) });
const bonusRule = z.strictObject({
  type: z.literal("bonus"),
  per: z.number().min(0),
  cap: z.number().min(0),
});
const ratingRule = z.strictObject({
  type: z.literal("rating"),
  levels: z
    .record(nonEmpty, fraction)
    .refine((levels) => Object.keys(levels).length > 0, "at least one rating level is required"),
});
const vetoRule = z.strictObject({ type: z.literal("veto") });

const ruleSchema = z.discriminatedUnion("type", [
  ratioRule,
  shortfallRule,
  thresholdRule,
  bandsRule,
  deductionRule,
  bonusRule,
  ratingRule,
  vetoRule,
]);

const RULE_TYPES = ruleSchema.options.map((option) => option.shape.type.value);

const vetoLimitSchema = z
  .strictObject({ below: z.number().optional(), above: z.number().optional() })
  .refine((veto) => veto.below !== undefined || veto.above !== undefined, "veto needs below or above");

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
      .superRefine((list, ctx) => flagDuplicates(list, (item) => item, undefined, "category", ctx)),
    source: z.enum(["self", "assessor"]),
    evidenceRequired: z.boolean().optional(),
    rule: ruleSchema,
    veto: vetoLimitSchema.optional(),
    /** How many decimals a value may carry (default 2); more is refused, never rounded away. */
    decimals: z.number().int().min(0).max(4).optional(),
    /** 选调 exam binding: the value is the person's recorded exam score, prefilled and read-only for staff. */
    prefill: z.literal("examScore").optional(),
    /** 年中新进: a late arrival's target is pro-rated by the months left (see domain/pro-rate.ts). */
    proRate: z.boolean().optional(),
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
  })
  .superRefine((doc, ctx) => {
    flagDuplicates(doc.categories, (category) => category.code, "code", "category code", ctx, ["categories"]);
    checkUniqueIndicatorCodes(doc.categories, ctx);
  });

export type SchemeDocument = z.infer<typeof schemeDocumentSchema>;
export type Indicator = SchemeDocument["categories"][number]["indicators"][number];
export type Rule = Indicator["rule"];
export type GradeBand = SchemeDocument["gradeBands"][number];
export type PersonCategory = z.infer<typeof personCategorySchema>;

/** One problem found in a document, at a path like `categories[1].indicators[3].rule.step`. */
export interface Issue {
  path: string;
  message: string;
}

type RefineContext = z.core.$RefinementCtx<unknown>;
type PathKey = string | number;

function flagDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  field: string | undefined,
  what: string,
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
    ctx.addIssue({ code: "custom", path, message: `duplicate ${what} ${key} (first at index ${first})` });
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
        ctx.addIssue({
          code: "custom",
          path: ["categories", c, "indicators", i, "code"],
          message: `duplicate indicator code ${indicator.code} (first at ${first})`,
        });
    });
  });
}

// Bands cover [min, next higher min); only a lowest min of 0 leaves no total without a grade.
function checkGradeBands(bands: z.infer<typeof gradeBandSchema>[], ctx: RefineContext): void {
  flagDuplicates(bands, (band) => band.grade, "grade", "grade code", ctx);
  flagDuplicates(bands, (band) => String(band.min), "min", "grade band min", ctx);
  const lowest = bands.reduce((best, band, index) => (band.min < (bands[best]?.min ?? 0) ? index : best), 0);
  const lowestMin = bands[lowest]?.min ?? 0;
  if (lowestMin !== 0)
    ctx.addIssue({
      code: "custom",
      path: [lowest, "min"],
      message: `the lowest grade band must start at 0 (leaves a gap below ${lowestMin})`,
    });
}

const NUMERIC_RULES: ReadonlySet<Rule["type"]> = new Set([
  "ratio",
  "shortfall",
  "threshold",
  "bands",
  "deduction",
  "bonus",
]);

/** Whether the rule divides the actual by the target (so the target must be positive). */
export function dividesByTarget(rule: Rule): boolean {
  return rule.type === "ratio" || (rule.type === "bands" && rule.on === "rate");
}

/** Whether the rule compares the actual with the target at all. */
export function needsTarget(rule: Rule): boolean {
  return dividesByTarget(rule) || rule.type === "shortfall" || rule.type === "threshold";
}

function checkIndicatorTarget(indicator: z.infer<typeof indicatorSchema>, ctx: RefineContext): void {
  const { rule, target } = indicator;
  if (needsTarget(rule) && target === undefined)
    ctx.addIssue({ code: "custom", path: ["target"], message: `a ${rule.type} rule needs a target` });
  else if (dividesByTarget(rule) && target !== undefined && target <= 0)
    ctx.addIssue({
      code: "custom",
      path: ["target"],
      message: "the target must be > 0 (the rule divides by it)",
    });
  if (indicator.veto !== undefined && !NUMERIC_RULES.has(rule.type))
    ctx.addIssue({
      code: "custom",
      path: ["veto"],
      message: `a ${rule.type} rule cannot carry a numeric veto`,
    });
}

/** Formats a zod path as `categories[1].indicators[3].rule.step`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      if (key === "") return '[""]'; // an empty record key would otherwise vanish from the path
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join("");
}

/** Converts zod issues into path + message pairs, one per unknown key. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: "unknown key" }));
    if (issue.code === "invalid_union" && issue.discriminator !== undefined)
      return [
        {
          path: formatPath(issue.path),
          message: `unknown rule type; expected one of ${RULE_TYPES.join(", ")}`,
        },
      ];
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

// A missing field reads better as "required" than as "expected number, received undefined".
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined;

/** Validates a scheme document; the parsed scheme deep-equals the input. */
export function parseScheme(
  input: unknown,
): { ok: true; scheme: SchemeDocument } | { ok: false; issues: Issue[] } {
  const result = schemeDocumentSchema.safeParse(input, { error: errorMap });
  return result.success ? { ok: true, scheme: result.data } : { ok: false, issues: toIssues(result.error) };
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

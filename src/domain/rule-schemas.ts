import { z } from "zod";
import { refineMessage } from "./scheme-issues";

// The document shape of every rule type (zod). The rule table (rule-table.ts) holds what each type means;
// this file stays out of the browser bundle, which needs the table but not zod.

/**
 * Bounds of a scheme document (工作预算 work budget): every recompute of a period and every 试算 scores
 * people × indicators with rules of this size, so a document is refused beyond them (docs/RELIABILITY.md).
 */
export const SCHEME_LIMITS = { indicators: 200, categories: 20, bands: 50, gradeBands: 20, levels: 20 };

const fraction = z.number().min(0).max(1);
const nonEmpty = z.string().min(1).max(200);

/** How a started step of a gap counts: ⌈gap/step⌉ (every started step), ⌊gap/step⌋ (whole steps), gap/step. */
export const stepModeSchema = z.enum(["ceil", "floor", "prorata"]);
export type StepMode = z.infer<typeof stepModeSchema>;

/**
 * One incident kind of an `incidents` rule: its label and what one case costs. With `maxPerCase` (每例最高扣):
 * `per` is charged for each unit of a case's size (months late, people missed) and one case never costs more
 * than `maxPerCase`; the value of such a kind lists each case's size instead of counting cases.
 */
const incidentKindSchema = z.strictObject({
  label: nonEmpty,
  per: z.number().min(0),
  maxPerCase: z.number().positive().optional(),
});

export const ruleSchemas = {
  ratio: z.strictObject({ type: z.literal("ratio"), floor: fraction.optional() }),
  shortfall: z.strictObject({
    type: z.literal("shortfall"),
    direction: z.enum(["higher", "lower"]),
    step: z.number().positive(),
    deduct: z.number().min(0),
    steps: stepModeSchema.optional(),
  }),
  threshold: z.strictObject({
    type: z.literal("threshold"),
    direction: z.enum(["atLeast", "atMost"]),
    partial: fraction.optional(),
  }),
  bands: z.strictObject({
    type: z.literal("bands"),
    on: z.enum(["rate", "value"]),
    bands: z
      .array(z.strictObject({ min: z.number(), fraction }))
      .min(1)
      .max(SCHEME_LIMITS.bands),
  }),
  deduction: z.strictObject({ type: z.literal("deduction"), per: z.number().min(0) }),
  // 多类扣分, 扣完为止: several incident kinds, each with its own per-case deduction, under one item's points.
  incidents: z.strictObject({
    type: z.literal("incidents"),
    kinds: z.array(incidentKindSchema).min(1).max(SCHEME_LIMITS.levels),
    // 上级查出加倍扣分: a case found by a higher-level inspection costs `per × foundAboveFactor`.
    foundAboveFactor: z.number().min(1).optional(),
  }),
  bonus: z.strictObject({ type: z.literal("bonus"), per: z.number().min(0), cap: z.number().min(0) }),
  rating: z.strictObject({
    type: z.literal("rating"),
    levels: z
      .record(nonEmpty, fraction)
      .refine(
        (levels) => Object.keys(levels).length <= SCHEME_LIMITS.levels,
        refineMessage(
          "TOO_BIG",
          `评价等级不能超过 ${SCHEME_LIMITS.levels} 个`,
          `at most ${SCHEME_LIMITS.levels} rating levels`,
        ),
      ),
  }),
  veto: z.strictObject({ type: z.literal("veto") }),
} as const;

export type RuleType = keyof typeof ruleSchemas;
export type Rule = z.infer<(typeof ruleSchemas)[RuleType]>;
export type RuleOf<T extends RuleType> = Extract<Rule, { type: T }>;

/** The zod schema of every rule, one per table entry, discriminated by `type`. */
export const ruleSchema = z.discriminatedUnion("type", [
  ruleSchemas.ratio,
  ruleSchemas.shortfall,
  ruleSchemas.threshold,
  ruleSchemas.bands,
  ruleSchemas.deduction,
  ruleSchemas.incidents,
  ruleSchemas.bonus,
  ruleSchemas.rating,
  ruleSchemas.veto,
]);

// A rule type in the table but not in the union above fails here at compile time.
type MissingFromUnion = Exclude<RuleType, z.infer<typeof ruleSchema>["type"]>;
const unionCoversTable: [MissingFromUnion] extends [never] ? true : never = true;
void unionCoversTable;

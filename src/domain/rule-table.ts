import type { Rule, RuleOf, RuleType } from "./rule-schemas";

export type { Rule, RuleOf, RuleType, StepMode } from "./rule-schemas";

// The one rule table (计分规则表): every rule type's value, target needs, direction and defaults (the shapes
// are in rule-schemas.ts, keyed the same way). The scheme
// schema, the values check, the scoring engine, the scheme editor and the rule text all read it, and each
// keeps a `Record<RuleType, …>` of its own, so adding a type fails to compile until every one handles it.

/** What a person reports for an indicator: a number, a yes/no, a rating label or counts per incident kind. */
export type ValueKind = "number" | "count" | "boolean" | "rating" | "counts";

/** Which way of the target is better, for rules that compare with one (used by `beyond` and the rule text). */
export type Better = "higher" | "lower";

export interface RuleSpec<T extends RuleType> {
  /** The value the rule scores. */
  value: ValueKind;
  /** Whether the actual is compared with a target (so the indicator needs one). */
  needsTarget: (rule: RuleOf<T>) => boolean;
  /** Whether the actual is divided by the target (so the target must be > 0). */
  dividesByTarget: (rule: RuleOf<T>) => boolean;
  /** Which side of the target is better, when the rule has a direction. */
  better: (rule: RuleOf<T>) => Better | undefined;
  /** Whether the item's score can go below 0 when the indicator allows it (扣分可为负). */
  canGoNegative: boolean;
  /** Whether the score is 加分 on top of the base rather than part of it. */
  isBonus: boolean;
  /** A rule of this type with sensible starting parameters for the editor. */
  defaults: () => RuleOf<T>;
}

type RuleTable = { [T in RuleType]: RuleSpec<T> };

const never = () => false;
const none = () => undefined;

/** The rule table itself. */
export const RULE_TABLE: RuleTable = {
  ratio: {
    value: "number",
    needsTarget: () => true,
    dividesByTarget: () => true,
    better: () => "higher",
    canGoNegative: false,
    isBonus: false,
    defaults: () => ({ type: "ratio" }),
  },
  shortfall: {
    value: "number",
    needsTarget: () => true,
    dividesByTarget: never,
    better: (rule) => rule.direction,
    canGoNegative: true,
    isBonus: false,
    defaults: () => ({ type: "shortfall", direction: "higher", step: 1, deduct: 1 }),
  },
  threshold: {
    value: "number",
    needsTarget: () => true,
    dividesByTarget: never,
    better: (rule) => (rule.direction === "atLeast" ? "higher" : "lower"),
    canGoNegative: false,
    isBonus: false,
    defaults: () => ({ type: "threshold", direction: "atLeast" }),
  },
  bands: {
    value: "number",
    needsTarget: (rule) => rule.on === "rate",
    dividesByTarget: (rule) => rule.on === "rate",
    better: none,
    canGoNegative: false,
    isBonus: false,
    defaults: () => ({ type: "bands", on: "rate", bands: [{ min: 1, fraction: 1 }] }),
  },
  deduction: {
    value: "count",
    needsTarget: never,
    dividesByTarget: never,
    better: none,
    canGoNegative: true,
    isBonus: false,
    defaults: () => ({ type: "deduction", per: 1 }),
  },
  incidents: {
    value: "counts",
    needsTarget: never,
    dividesByTarget: never,
    better: none,
    canGoNegative: true,
    isBonus: false,
    defaults: () => ({
      type: "incidents",
      kinds: [
        { label: "错报", per: 2 },
        { label: "瞒报", per: 3 },
      ],
    }),
  },
  bonus: {
    value: "count",
    needsTarget: never,
    dividesByTarget: never,
    better: none,
    canGoNegative: false,
    isBonus: true,
    defaults: () => ({ type: "bonus", per: 1, cap: 5 }),
  },
  rating: {
    value: "rating",
    needsTarget: never,
    dividesByTarget: never,
    better: none,
    canGoNegative: false,
    isBonus: false,
    defaults: () => ({ type: "rating", levels: { 优: 1, 良: 0.85, 中: 0.7, 差: 0.5 } }),
  },
  veto: {
    value: "boolean",
    needsTarget: never,
    dividesByTarget: never,
    better: none,
    canGoNegative: false,
    isBonus: false,
    defaults: () => ({ type: "veto" }),
  },
};

/** Every rule type, in the table's order (the editor's order). */
export const RULE_TYPES = Object.keys(RULE_TABLE) as RuleType[];

/** The key under which cases of `label` found by a higher-level inspection are counted (上级查出). */
export function foundAboveKey(label: string): string {
  return `${label}${FOUND_ABOVE_MARK}`;
}

/** Suffix of an incident kind's count found by a higher-level inspection: `{"错报": 1, "错报@上级": 1}`. */
export const FOUND_ABOVE_MARK = "@上级";

/** Whether the rule divides the actual by the target (so the target must be positive). */
export function dividesByTarget(rule: Rule): boolean {
  return (RULE_TABLE[rule.type].dividesByTarget as (r: Rule) => boolean)(rule);
}

/** Whether the rule compares the actual with the target at all. */
export function needsTarget(rule: Rule): boolean {
  return (RULE_TABLE[rule.type].needsTarget as (r: Rule) => boolean)(rule);
}

/** Which side of the target is better for this rule, if it has a direction. */
export function betterSide(rule: Rule): Better | undefined {
  return (RULE_TABLE[rule.type].better as (r: Rule) => Better | undefined)(rule);
}

/**
 * Whether an indicator of this rule type takes monthly progress (进度填报): one number a month. A number or a
 * count is reported as such; counts per kind (多类扣分) report the cases to date of all kinds together (the
 * year-end value keeps them per kind). Ratings and vetoes have no monthly figure.
 */
export function takesProgress(type: RuleType): boolean {
  const kind = RULE_TABLE[type].value;
  return kind === "number" || kind === "count" || kind === "counts";
}

/** `takesProgress` for a rule type stored as text (the indicators table's `rule_type`). */
export function isProgressRuleType(type: string): boolean {
  return RULE_TYPES.some((known) => known === type && takesProgress(known));
}

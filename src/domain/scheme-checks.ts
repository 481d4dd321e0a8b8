import type { z } from "zod";
import {
  betterSide,
  dividesByTarget,
  FOUND_ABOVE_MARK,
  needsTarget,
  RULE_TABLE,
  type Rule,
} from "./rule-table";

// Structural views of the document's parts: the checks run inside the schema, so they cannot use its types.
interface IndicatorShape {
  rule: Rule;
  target?: number | undefined;
  veto?: object | undefined;
  negative?: object | undefined;
  beyond?: object | undefined;
  zeroIf?:
    | { below?: number | undefined; above?: number | undefined; kinds?: string[] | undefined }
    | undefined;
}

// The refinements of the scheme document: what zod's shapes cannot say, each with a stable code and a
// message in Chinese then English (the indicator's code and name are added from the path by scheme-issues).

export type RefineContext = Pick<z.core.$RefinementCtx<unknown>, "addIssue">;

/** A context whose issues land under `prefix` (e.g. an indicator's `byClass.二类`). */
export function under(ctx: RefineContext, prefix: PathKey[]): RefineContext {
  return {
    addIssue: (issue) => {
      if (typeof issue === "string") ctx.addIssue(issue);
      else ctx.addIssue({ ...issue, path: [...prefix, ...(issue.path ?? [])] });
    },
  };
}
type PathKey = string | number;

export function addIssue(ctx: RefineContext, path: PathKey[], code: string, zh: string, en: string): void {
  ctx.addIssue({ code: "custom", path, message: `${zh} ${en}`, params: { code } });
}

/** Flags each repeated key after its first occurrence. */
export function flagDuplicates<T>(
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

/** Indicator codes are unique across the whole scheme. */
export function checkUniqueIndicatorCodes(
  categories: readonly { indicators: readonly { code: string }[] }[],
  ctx: RefineContext,
): void {
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
/** Grade bands: unique codes and minimums, the lowest starting at 0. */
export function checkGradeBands(bands: readonly { grade: string; min: number }[], ctx: RefineContext): void {
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

/** The checks of one indicator that its shape alone cannot express (target, options allowed by the rule). */
export function checkIndicator(indicator: IndicatorShape, ctx: RefineContext): void {
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

function checkZeroIf(indicator: IndicatorShape, numeric: boolean, ctx: RefineContext): void {
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

/** Every class an indicator's `byClass` names is declared in the scheme's `unitClasses`. */
export function checkClassNames(
  doc: {
    unitClasses?: string[] | undefined;
    categories: readonly { indicators: readonly { byClass?: Record<string, unknown> | undefined }[] }[];
  },
  ctx: RefineContext,
): void {
  const declared = new Set(doc.unitClasses ?? []);
  if (doc.unitClasses)
    flagDuplicates(doc.unitClasses, (name) => name, undefined, ["单位类别", "unit class"], ctx, [
      "unitClasses",
    ]);
  doc.categories.forEach((category, c) => {
    category.indicators.forEach((indicator, i) => {
      for (const name of Object.keys(indicator.byClass ?? {}))
        if (!declared.has(name))
          addIssue(
            ctx,
            ["categories", c, "indicators", i, "byClass", name],
            "UNKNOWN_CLASS",
            `单位类别“${name}”未在 unitClasses 中列出`,
            `unit class ${name} is not listed in unitClasses`,
          );
    });
  });
}

/** A class's override keeps the rule's type (so the value reported stays the same kind) and is sound merged. */
export function checkClassOverride(
  indicator: IndicatorShape,
  override: { points?: number | undefined; target?: number | undefined; rule?: Rule | undefined },
  ctx: RefineContext,
): void {
  if (override.rule !== undefined && override.rule.type !== indicator.rule.type) {
    addIssue(
      ctx,
      ["rule", "type"],
      "CLASS_RULE_TYPE",
      `分类规则的类型应与基本规则相同（${indicator.rule.type}），只改参数`,
      `a class's rule must keep the type ${indicator.rule.type}; change its parameters only`,
    );
    return;
  }
  checkIndicator({ ...indicator, ...override, rule: override.rule ?? indicator.rule }, ctx);
}

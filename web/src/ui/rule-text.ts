import { betterSide, RULE_TABLE, type RuleOf, type RuleType } from "../../../src/domain/rule-table";
import type { Indicator, SchemeDocument } from "../../../src/domain/scheme";
import type { Formatters } from "../i18n/i18n";
import type { Messages } from "../i18n/zh-CN";

type Describe<T extends RuleType> = (rule: RuleOf<T>, r: Messages["rules"], fmt: Formatters) => string;

const pct = (fmt: Formatters, fraction: number) => fmt.percent(fraction, 0);

// One sentence per rule type: a type missing here fails to compile.
const DESCRIBE: { [T in RuleType]: Describe<T> } = {
  ratio: (rule, r, fmt) => (rule.floor ? r.ratioWithFloor(pct(fmt, rule.floor)) : r.ratio),
  shortfall: (rule, r, fmt) => {
    const text = r.shortfall(rule.direction === "higher", fmt.number(rule.step), fmt.number(rule.deduct));
    if (rule.steps === "floor") return text + r.separator + r.stepsFloor;
    if (rule.steps === "prorata") return text + r.separator + r.stepsProrata;
    return text;
  },
  threshold: (rule, r, fmt) =>
    r.threshold(rule.direction === "atLeast", rule.partial ? pct(fmt, rule.partial) : undefined),
  bands: (rule, r, fmt) =>
    r.bands(
      rule.on === "rate",
      [...rule.bands]
        .sort((a, b) => b.min - a.min)
        .map(
          (band) =>
            `≥${rule.on === "rate" ? pct(fmt, band.min) : fmt.number(band.min)} → ${pct(fmt, band.fraction)}`,
        )
        .join(r.separator),
    ),
  deduction: (rule, r, fmt) => r.deduction(fmt.number(rule.per)),
  incidents: (rule, r, fmt) => {
    const kinds = r.incidents(
      rule.kinds
        .map((kind) =>
          kind.maxPerCase === undefined
            ? r.incidentKind(kind.label, fmt.number(kind.per))
            : r.incidentKindCapped(kind.label, fmt.number(kind.per), fmt.number(kind.maxPerCase)),
        )
        .join(r.separator),
    );
    return rule.foundAboveFactor === undefined
      ? kinds
      : kinds + r.separator + r.foundAbove(fmt.number(rule.foundAboveFactor));
  },
  bonus: (rule, r, fmt) => r.bonus(fmt.number(rule.per), fmt.number(rule.cap)),
  rating: (rule, r, fmt) =>
    r.rating(
      Object.entries(rule.levels)
        .map(([label, fraction]) => `${label} ${pct(fmt, fraction)}`)
        .join(r.separator),
    ),
  veto: (_rule, r) => r.veto,
};

function describeOptions(indicator: Indicator, r: Messages["rules"], fmt: Formatters): string[] {
  const parts: string[] = [];
  const { negative, zeroIf, beyond, veto, rule } = indicator;
  if (RULE_TABLE[rule.type].canGoNegative)
    parts.push(
      negative === undefined
        ? r.downToZero
        : r.negative(negative.floor === undefined ? undefined : fmt.number(negative.floor)),
    );
  if (zeroIf?.below !== undefined) parts.push(r.zeroBelow(fmt.number(zeroIf.below)));
  if (zeroIf?.above !== undefined) parts.push(r.zeroAbove(fmt.number(zeroIf.above)));
  if (zeroIf?.kinds !== undefined) parts.push(r.zeroKinds(zeroIf.kinds.join("、")));
  if (beyond !== undefined) {
    const higher = betterSide(rule) !== "lower";
    const cap = beyond.cap === undefined ? undefined : fmt.number(beyond.cap);
    parts.push(r.beyond(higher, fmt.number(beyond.step), fmt.number(beyond.add), cap));
  }
  for (const [unitClass, override] of Object.entries(indicator.byClass ?? {})) {
    const own: string[] = [];
    if (override.points !== undefined) own.push(r.classPoints(fmt.number(override.points)));
    if (override.target !== undefined) own.push(r.classTarget(fmt.number(override.target)));
    if (override.rule !== undefined)
      own.push((DESCRIBE[override.rule.type] as Describe<RuleType>)(override.rule, r, fmt));
    parts.push(r.byClass(unitClass, own.join(r.separator)));
  }
  if (veto?.below !== undefined) parts.push(r.vetoBelow(fmt.number(veto.below)));
  if (veto?.above !== undefined) parts.push(r.vetoAbove(fmt.number(veto.above)));
  return parts;
}

// The indicator as a unit of this class is scored: the class's points, target and rule in place of the base
// ones (as the engine's forClass does; the browser keeps the scheme's zod module out of its bundle).
function asClass(indicator: Indicator, unitClass: string): Indicator {
  const override = Object.hasOwn(indicator.byClass ?? {}, unitClass)
    ? indicator.byClass?.[unitClass]
    : undefined;
  const { byClass: _, ...base } = indicator;
  if (override === undefined) return base;
  return {
    ...base,
    points: override.points ?? base.points,
    target: override.target ?? base.target,
    rule: override.rule ?? base.rule,
  };
}

/**
 * How an indicator is scored, in one sentence of the user's language (计分规则). With the sheet's unit class
 * (分类考核) the sentence gives that class's values and names the class; without one, every class's values.
 */
export function describeRule(
  indicator: Indicator,
  m: Messages,
  fmt: Formatters,
  context: { unitClass?: string | null | undefined } = {},
): string {
  const r = m.rules;
  const { unitClass } = context;
  const classed = unitClass && indicator.byClass ? asClass(indicator, unitClass) : indicator;
  const describe = DESCRIBE[classed.rule.type] as Describe<RuleType>;
  const parts = [describe(classed.rule, r, fmt), ...describeOptions(classed, r, fmt)];
  if (classed !== indicator && unitClass && Object.hasOwn(indicator.byClass ?? {}, unitClass)) {
    const own = indicator.byClass?.[unitClass];
    if (own?.points !== undefined) parts.push(r.classPoints(fmt.number(own.points)));
    parts.push(r.asClass(unitClass));
  }
  return parts.join(r.separator);
}

/**
 * The scheme-wide settings that decide a total beyond each item's rule, one sentence each (计分说明): how items
 * round and make the base, the bonus cap, the veto on the total, the year from quarters, the group share, rank
 * points, the weight in a larger total, the grades and the 优秀 quota, and the sheet's unit class.
 */
export function describeScheme(
  scheme: SchemeDocument,
  m: Messages,
  fmt: Formatters,
  context: { unitClass?: string | null | undefined } = {},
): string[] {
  const r = m.rules;
  const lines = [r.rounding];
  const indicators = scheme.categories.flatMap((category) => category.indicators);
  if (indicators.some((indicator) => indicator.rule.type === "bonus" || indicator.beyond !== undefined))
    lines.push(r.bonusCap(fmt.number(scheme.bonusCap)));
  if (scheme.vetoTotalBelow !== undefined) lines.push(r.vetoTotalBelow(fmt.number(scheme.vetoTotalBelow)));
  const { composition } = scheme;
  const yearFrom = composition?.yearFrom;
  if (yearFrom !== undefined)
    lines.push(
      r.yearFrom(
        pct(fmt, yearFrom.own),
        yearFrom.quarters.flatMap((weight, q) =>
          weight > 0 ? [r.quarterWeight(q + 1, pct(fmt, weight))] : [],
        ),
      ),
    );
  if (composition?.groupShare !== undefined)
    lines.push(r.groupShare(pct(fmt, 1 - composition.groupShare), pct(fmt, composition.groupShare)));
  const { top, bottom } = composition?.rankAdjust ?? {};
  for (const [isTop, adjust] of [
    [true, top],
    [false, bottom],
  ] as const)
    if (adjust !== undefined)
      lines.push(r.rankAdjust(isTop, adjust.count, fmt.number(Math.abs(adjust.add)), adjust.add >= 0));
  if (composition?.weightInTotal !== undefined)
    lines.push(r.weightInTotal(pct(fmt, composition.weightInTotal)));
  const bands = [...scheme.gradeBands].sort((a, b) => b.min - a.min);
  lines.push(r.grades(bands.map((band) => `${band.label} ≥ ${fmt.number(band.min)}`).join(r.listSeparator)));
  if (bands.length > 1) {
    const top = bands[0]?.label ?? "";
    lines.push(
      composition?.townshipQuota === undefined
        ? r.excellentQuota(top, pct(fmt, scheme.excellentQuota))
        : r.townshipQuota(top, pct(fmt, composition.townshipQuota), pct(fmt, scheme.excellentQuota)),
    );
  }
  const classes = scheme.unitClasses ?? [];
  if (classes.length > 0) lines.push(context.unitClass ? r.yourClass(context.unitClass) : r.noClass);
  return lines;
}

import { betterSide, RULE_TABLE, type RuleOf, type RuleType } from "../../../src/domain/rule-table";
import type { Indicator } from "../../../src/domain/scheme";
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

/** How an indicator is scored, in one sentence of the user's language (计分规则). */
export function describeRule(indicator: Indicator, m: Messages, fmt: Formatters): string {
  const r = m.rules;
  const describe = DESCRIBE[indicator.rule.type] as Describe<RuleType>;
  return [describe(indicator.rule, r, fmt), ...describeOptions(indicator, r, fmt)].join(r.separator);
}

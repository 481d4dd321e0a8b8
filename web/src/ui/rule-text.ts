import type { Indicator } from "../../../src/domain/scheme";
import type { Formatters } from "../i18n/i18n";
import type { Messages } from "../i18n/zh-CN";

/** How an indicator is scored, in one sentence of the user's language (计分规则). */
export function describeRule(indicator: Indicator, m: Messages, fmt: Formatters): string {
  const r = m.rules;
  const { rule } = indicator;
  const pct = (fraction: number) => fmt.percent(fraction, 0);
  let text: string;
  switch (rule.type) {
    case "ratio":
      text = rule.floor ? r.ratioWithFloor(pct(rule.floor)) : r.ratio;
      break;
    case "shortfall":
      text = r.shortfall(rule.direction === "higher", fmt.number(rule.step), fmt.number(rule.deduct));
      break;
    case "threshold":
      text = r.threshold(rule.direction === "atLeast", rule.partial ? pct(rule.partial) : undefined);
      break;
    case "bands":
      text = r.bands(
        rule.on === "rate",
        [...rule.bands]
          .sort((a, b) => b.min - a.min)
          .map(
            (band) => `≥${rule.on === "rate" ? pct(band.min) : fmt.number(band.min)} → ${pct(band.fraction)}`,
          )
          .join(r.separator),
      );
      break;
    case "deduction":
      text = r.deduction(fmt.number(rule.per));
      break;
    case "bonus":
      text = r.bonus(fmt.number(rule.per), fmt.number(rule.cap));
      break;
    case "rating":
      text = r.rating(
        Object.entries(rule.levels)
          .map(([label, fraction]) => `${label} ${pct(fraction)}`)
          .join(r.separator),
      );
      break;
    case "veto":
      text = r.veto;
      break;
  }
  if (indicator.veto?.below !== undefined)
    text += r.separator + r.vetoBelow(fmt.number(indicator.veto.below));
  if (indicator.veto?.above !== undefined)
    text += r.separator + r.vetoAbove(fmt.number(indicator.veto.above));
  return text;
}

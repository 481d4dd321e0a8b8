import type { Indicator, SchemeDocument } from "./scheme";
import type { Issue } from "./scheme-issues";

// The silent mistakes: documents that are valid but almost certainly not what the office meant, and that
// damage results without any error. Saving one needs the admin's explicit confirmation.

type Where = { path: string; indicator: Indicator };

function warn(path: string, code: string, zh: string, en: string): Issue {
  return { path, code, message: `${zh} ${en}` };
}

function named(indicator: Indicator): string {
  return `指标 ${indicator.code} ${indicator.name}：`;
}

// 0.95 × 100 in binary floats is 95.00000000000001; twelve significant digits read as the office typed them.
const times100 = (x: number) => Number((x * 100).toPrecision(12));
const over100 = (x: number) => Number((x / 100).toPrecision(12));

function isPercent(indicator: Indicator): boolean {
  return indicator.unit === "%";
}

function indicatorWarnings({ path, indicator }: Where): Issue[] {
  const out: Issue[] = [];
  const { rule } = indicator;
  const n = named(indicator);
  if (indicator.points === 0 && rule.type !== "bonus" && rule.type !== "veto")
    out.push(
      warn(
        `${path}.points`,
        "ZERO_POINTS",
        `${n}分值为 0，此项无论结果如何都不影响得分`,
        "0 points: the item never changes a score",
      ),
    );
  const zeroPer = (per: number, at: string, what: string) => {
    if (per === 0)
      out.push(
        warn(
          `${path}.rule.${at}`,
          "ZERO_PER",
          `${n}${what}为 0，此项永远不扣分或不加分`,
          `${at} is 0: the rule never changes the score`,
        ),
      );
  };
  if (rule.type === "shortfall") zeroPer(rule.deduct, "deduct", "每步扣分");
  if (rule.type === "deduction" || rule.type === "bonus") zeroPer(rule.per, "per", "每例分值");
  if (rule.type === "incidents") {
    const zeroing = new Set(indicator.zeroIf?.kinds ?? []);
    rule.kinds.forEach((kind, index) => {
      if (!zeroing.has(kind.label)) zeroPer(kind.per, `kinds[${index}].per`, `类别“${kind.label}”每例扣分`);
    });
  }
  if (rule.type === "bands" && rule.on === "rate")
    rule.bands.forEach((band, index) => {
      if (band.min > 1)
        out.push(
          warn(
            `${path}.rule.bands[${index}].min`,
            "RATE_BAND_OVER_ONE",
            `${n}分档下限 ${band.min} 大于 1（即完成率 ${times100(band.min)}%），比率通常写成 ${over100(band.min)}`,
            `band min ${band.min} on a rate means ${times100(band.min)}% of the target; did you mean ${over100(band.min)}?`,
          ),
        );
    });
  const { target } = indicator;
  if (isPercent(indicator) && target !== undefined && target > 0 && target <= 1)
    out.push(
      warn(
        `${path}.target`,
        "FRACTION_AS_PERCENT",
        `${n}单位是 %，目标值 ${target} 应写成 ${times100(target)}`,
        `the unit is %, so a target of ${target} means ${target}%; write ${times100(target)}`,
      ),
    );
  return out;
}

/** The silent mistakes of a valid scheme, each with a path, a code and a bilingual message. */
export function schemeWarnings(scheme: SchemeDocument): Issue[] {
  const out: Issue[] = [];
  if (scheme.excellentQuota === 0)
    out.push(
      warn(
        "excellentQuota",
        "EXCELLENT_QUOTA_ZERO",
        "优秀比例为 0，没有人能评为优秀（20% 写作 0.2）",
        "excellentQuota 0: nobody can be graded excellent",
      ),
    );
  const places: Where[] = scheme.categories.flatMap((category, c) =>
    category.indicators.map((indicator, i) => ({ path: `categories[${c}].indicators[${i}]`, indicator })),
  );
  const earnsBonus = places.some(({ indicator }) => indicator.rule.type === "bonus" || indicator.beyond);
  if (scheme.bonusCap === 0 && earnsBonus)
    out.push(
      warn(
        "bonusCap",
        "BONUS_CAP_ZERO",
        "加分上限为 0，方案中的加分项都不会计入总分",
        "bonusCap 0: no bonus ever reaches the total",
      ),
    );
  for (const place of places) out.push(...indicatorWarnings(place));
  return out;
}

/** A warning for a reported value that looks like a fraction typed for a percent (0.95 for 95). */
export function valueWarning(
  indicator: Indicator,
  value: unknown,
  target: number | undefined,
): string | undefined {
  const t = target ?? indicator.target;
  if (!isPercent(indicator) || typeof value !== "number" || t === undefined) return undefined;
  if (value <= 0 || value > 1 || t <= 1) return undefined;
  return `${named(indicator)}单位是 %，填报值 ${value} 应写成 ${times100(value)}？ the unit is %; did you mean ${times100(value)}?`;
}

import { type Decimal, dec, minDecimal, parseDecimal, toNumber2, ZERO } from "./decimal";
import { FOUND_ABOVE_MARK, type RuleOf } from "./rule-table";
import type { Indicator } from "./scheme";
import type { IncidentCounts } from "./values";

// 多类扣分 as reports show it: per kind, the cases (own and found above) and what they cost, before the item's
// 扣完为止 / floor. The item's score stays the engine's (rules.ts); this only explains it kind by kind.

type IncidentKind = RuleOf<"incidents">["kinds"][number];
type Entry = number | number[] | undefined;

/** One kind's line: cases (listed sizes count one case each), cases found above, and the deduction. */
export interface KindLine {
  kind: string;
  cases: number;
  foundAbove: number;
  deduction: number;
}

/** What the cases under one key cost: per × count, or Σ min(per × size, maxPerCase) for a kind capped per case. */
export function costOfCases(kind: IncidentKind, entry: Entry): Decimal {
  const per = dec(kind.per);
  if (kind.maxPerCase === undefined)
    return typeof entry === "number" ? per.times(parseDecimal(entry) ?? ZERO) : ZERO;
  if (!Array.isArray(entry)) return ZERO;
  const cap = dec(kind.maxPerCase);
  return entry.reduce(
    (total, size) => total.plus(minDecimal(per.times(parseDecimal(size) ?? ZERO), cap)),
    ZERO,
  );
}

function caseCount(entry: Entry): number {
  if (Array.isArray(entry)) return entry.length;
  return typeof entry === "number" ? entry : 0;
}

/** Per kind of an incidents indicator: cases, cases found above and the deduction (factor applied); else []. */
export function incidentBreakdown(indicator: Indicator, counts: IncidentCounts): KindLine[] {
  const { rule } = indicator;
  if (rule.type !== "incidents") return [];
  const factor = dec(rule.foundAboveFactor ?? 1);
  const entryOf = (key: string): Entry => (Object.hasOwn(counts, key) ? counts[key] : undefined);
  return rule.kinds.map((kind) => {
    const own = entryOf(kind.label);
    const above = entryOf(`${kind.label}${FOUND_ABOVE_MARK}`);
    const deduction = costOfCases(kind, own).plus(factor.times(costOfCases(kind, above)));
    return {
      kind: kind.label,
      cases: caseCount(own),
      foundAbove: caseCount(above),
      deduction: toNumber2(deduction),
    };
  });
}

/** The lines as one cell of text: "错报 1 例 扣 2、瞒报 2 例，上级查出 1 例 扣 9". */
export function breakdownText(lines: readonly KindLine[]): string {
  return lines
    .filter((line) => line.cases > 0 || line.foundAbove > 0)
    .map((line) => {
      const cases = [
        line.cases > 0 ? `${line.cases} 例` : null,
        line.foundAbove > 0 ? `上级查出 ${line.foundAbove} 例` : null,
      ].filter((part) => part !== null);
      return `${line.kind} ${cases.join("，")} 扣 ${line.deduction}`;
    })
    .join("、");
}

/** Sums kind lines of many sheets into one line per kind (in the rule's order of first appearance). */
export function sumKindLines(sheets: readonly (readonly KindLine[])[]): KindLine[] {
  const totals = new Map<string, { cases: Decimal; foundAbove: Decimal; deduction: Decimal }>();
  for (const lines of sheets)
    for (const line of lines) {
      const total = totals.get(line.kind) ?? { cases: ZERO, foundAbove: ZERO, deduction: ZERO };
      totals.set(line.kind, {
        cases: total.cases.plus(dec(line.cases)),
        foundAbove: total.foundAbove.plus(dec(line.foundAbove)),
        deduction: total.deduction.plus(dec(line.deduction)),
      });
    }
  return [...totals].map(([kind, total]) => ({
    kind,
    cases: total.cases.toNumber(),
    foundAbove: total.foundAbove.toNumber(),
    deduction: toNumber2(total.deduction),
  }));
}

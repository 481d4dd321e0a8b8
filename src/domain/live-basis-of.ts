import { type LiveBasis, type LiveBasisItem, liveBasis } from "./live-basis";
import { forClass, listIndicators, type SchemeDocument } from "./scheme";
import type { ScoredSheet } from "./score-sheet";

/** The live basis of a sheet the engine has scored from its self-reported values (the server's side). */
export function liveBasisOf(
  scheme: SchemeDocument,
  unitClass: string | undefined,
  scored: ScoredSheet,
): LiveBasis | null {
  const indicators = new Map(listIndicators(scheme).map((indicator) => [indicator.code, indicator]));
  const items: LiveBasisItem[] = [];
  for (const item of scored.items) {
    const indicator = indicators.get(item.code);
    if (indicator === undefined) continue;
    const scoredAs = forClass(indicator, unitClass);
    items.push({
      code: item.code,
      points: scoredAs.points,
      ruleType: scoredAs.rule.type,
      score: item.score,
      assessorRated: scoredAs.source === "assessor",
      missing: item.missing,
    });
  }
  return liveBasis(items, scored.bonus);
}

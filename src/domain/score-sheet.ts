import { baseScore } from "./base-score";
import { dec, minDecimal, toNumber2, ZERO } from "./decimal";
import { scoreIndicator } from "./rules";
import { appliesTo, forClass, listIndicators, type SchemeDocument, type SheetCategory } from "./scheme";
import { scoreSheetFast } from "./score-sheet-fast";
import type { IndicatorValue } from "./values";

/** One person's reported values (and target overrides) for one period. */
export interface SheetInput {
  category: SheetCategory;
  /** The person's unit class (单位类别), for indicators whose parameters vary by class. */
  unitClass?: string | undefined;
  values: Record<string, IndicatorValue | undefined>;
  targets?: Record<string, number>;
}

/** The score of one applicable indicator. */
export interface ScoredItem {
  code: string;
  score: number;
  /** 超目标加分 of this item (0 unless the indicator has `beyond`); part of the sheet's bonus. */
  extra: number;
  vetoed: boolean;
  missing: boolean;
  zeroed: boolean;
}

/** A scored sheet (考核表): items, base (百分制), bonus (加分), total, veto flag, missing codes. */
export interface ScoredSheet {
  items: ScoredItem[];
  base: number;
  bonus: number;
  total: number;
  vetoed: boolean;
  missing: string[];
}

// Values arrive as parsed JSON: an indicator coded "constructor" must not find Object.prototype's.
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Scores one person's sheet on the indicators that apply to their category, in document order. */
export function scoreSheet(scheme: SchemeDocument, input: SheetInput): ScoredSheet {
  return scoreSheetFast(scheme, input) ?? scoreSheetExact(scheme, input);
}

/** scoreSheet on big.js decimals alone: the reference the cents path (score-sheet-fast.ts) must equal. */
export function scoreSheetExact(scheme: SchemeDocument, input: SheetInput): ScoredSheet {
  const items: ScoredItem[] = [];
  let earned = ZERO;
  let available = ZERO;
  let bonusSum = ZERO;
  let vetoed = false;
  for (const indicator of listIndicators(scheme)) {
    if (!appliesTo(indicator, input.category)) continue;
    const scored = forClass(indicator, input.unitClass);
    const { code, rule } = scored;
    const result = scoreIndicator(scored, own(input.values, code), own(input.targets, code));
    items.push({
      code,
      score: toNumber2(result.score),
      extra: toNumber2(result.extra),
      vetoed: result.vetoed,
      missing: result.missing,
      zeroed: result.zeroed,
    });
    vetoed ||= result.vetoed;
    bonusSum = bonusSum.plus(result.extra);
    // 加分 sits on top of the base; 一票否决 neither earns nor offers points.
    if (rule.type === "bonus") bonusSum = bonusSum.plus(result.score);
    else if (rule.type !== "veto") {
      earned = earned.plus(result.score);
      available = available.plus(dec(scored.points));
    }
  }
  const base = baseScore(earned, available);
  const bonus = minDecimal(dec(scheme.bonusCap), bonusSum);
  const total = base.plus(bonus);
  // 总分低于 vetoTotalBelow 一票否决: a veto on the total, beside the indicators' own.
  const totalVetoed = scheme.vetoTotalBelow !== undefined && total.lt(dec(scheme.vetoTotalBelow));
  return {
    items,
    base: toNumber2(base),
    bonus: toNumber2(bonus),
    total: toNumber2(total),
    vetoed: vetoed || totalVetoed,
    missing: items.filter((item) => item.missing).map((item) => item.code),
  };
}

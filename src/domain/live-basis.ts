// Kept free of the scheme and the engine: the web's live score panel imports it into the staff pages.
import { baseScore } from "./base-score";
import { dec, sum, toNumber2, ZERO } from "./decimal";

/** One item of a sheet as the live self-score sees it. */
export interface LiveBasisItem {
  code: string;
  points: number;
  ruleType: string;
  /** The item's score from the self-reported values; null when it has none. */
  score: number | null;
  /** Rated by the assessors (e.g. D3), not reported by the person. */
  assessorRated: boolean;
  missing: boolean;
}

/** The live self-score over the points that can be scored now, and the part the assessors still rate. */
export interface LiveBasis {
  pending: LiveBasisItem[];
  pendingPoints: number;
  /** Points earned and possible over the items that count now. */
  raw: number;
  possible: number;
  base: number | null;
  total: number | null;
}

/**
 * What a self-score is built from while the assessors have not rated their items yet: those items are left
 * out and named with their points, and the base is taken over the points that can be scored now (the same
 * 百分制 rounding as the engine's base), so a person with full marks on everything they report reads 100, not
 * 94.62 with an unexplained gap. Null when nothing is pending: then the engine's own total is the self-score.
 * One function for the sheet page's live score and the review list's 自评得分, so the two never disagree.
 */
export function liveBasis(items: readonly LiveBasisItem[], bonus: number): LiveBasis | null {
  const pending = items.filter((item) => item.points > 0 && item.missing && item.assessorRated);
  if (pending.length === 0) return null;
  const pendingCodes = new Set(pending.map((item) => item.code));
  const inBase = items.filter(
    (item) => item.ruleType !== "bonus" && item.ruleType !== "veto" && !pendingCodes.has(item.code),
  );
  const possible = sum(inBase.map((item) => dec(item.points)));
  const raw = sum(inBase.map((item) => dec(item.score ?? 0)));
  const base = possible.gt(ZERO) ? baseScore(raw, possible) : null;
  return {
    pending,
    pendingPoints: toNumber2(sum(pending.map((item) => dec(item.points)))),
    raw: toNumber2(raw),
    possible: toNumber2(possible),
    base: base === null ? null : toNumber2(base),
    total: base === null ? null : toNumber2(base.plus(dec(bonus))),
  };
}

import { toNumber2 } from "./decimal";
import {
  type FastScore,
  type IndicatorConstants,
  indicatorConstants,
  scoreIndicatorFast,
} from "./fast-indicator";
import { centsToNumber, checked, divHalfUp, LIMIT, MAX_PLACES, mul, POW10, placesOf } from "./fixed-point";
import { scoreIndicator } from "./rules";
import { appliesTo, forClass, type Indicator, listIndicators, type SchemeDocument } from "./scheme";
import type { ScoredItem, ScoredSheet, SheetInput } from "./score-sheet";

// scoreSheet in cents (safe integers) instead of big.js: the same items, base, bonus, total and veto to the
// cent, or undefined when a sheet-level constant cannot be held exactly (then scoreSheet uses big.js). Items
// the fast indicator path declines are scored with big.js one by one and join the sums as cents.

/** What a sheet of one category and unit class scores: its indicators and the points it offers. */
interface SheetPlan {
  indicators: Indicator[];
  constants: IndicatorConstants[];
  /** Σ points of the items that are part of the base (not 加分, not 一票否决), at `availablePlaces`. */
  available: number;
  availablePlaces: number;
  bonusCapCents: number;
  /** vetoTotalBelow at `vetoPlaces` (≥ 2), or undefined. */
  vetoBelow: number | undefined;
  vetoPlaces: number;
}

// A frozen scheme (every stored one: scoring-service freezes what it parses) is planned once per sheet kind;
// a mutable one is planned per call, so a document changed between calls is never scored by a stale plan.
const plans = new WeakMap<SchemeDocument, Map<string, SheetPlan | null>>();

function planFor(scheme: SchemeDocument, input: SheetInput): SheetPlan | null {
  if (!Object.isFrozen(scheme)) return makePlan(scheme, input);
  let byKind = plans.get(scheme);
  if (byKind === undefined) {
    byKind = new Map();
    plans.set(scheme, byKind);
  }
  const key = input.unitClass === undefined ? input.category : `${input.category}\u0000${input.unitClass}`;
  let plan = byKind.get(key);
  if (plan === undefined) {
    plan = makePlan(scheme, input);
    byKind.set(key, plan);
  }
  return plan;
}

function makePlan(scheme: SchemeDocument, input: SheetInput): SheetPlan | null {
  const indicators = listIndicators(scheme)
    .filter((indicator) => appliesTo(indicator, input.category))
    .map((indicator) => forClass(indicator, input.unitClass));
  const base = indicators.filter((i) => i.rule.type !== "bonus" && i.rule.type !== "veto");
  const availablePlaces = Math.max(0, ...base.map((i) => placesOf(i.points)));
  if (base.some((i) => placesOf(i.points) < 0) || availablePlaces > MAX_PLACES) return null;
  let available = 0;
  for (const indicator of base)
    available = checked(available + Math.round(indicator.points * (POW10[availablePlaces] as number)));
  const capPlaces = placesOf(scheme.bonusCap);
  const vetoPlaces = Math.max(2, scheme.vetoTotalBelow === undefined ? 0 : placesOf(scheme.vetoTotalBelow));
  if (Number.isNaN(available) || capPlaces < 0 || capPlaces > 2 || vetoPlaces > MAX_PLACES) return null;
  if (scheme.vetoTotalBelow !== undefined && placesOf(scheme.vetoTotalBelow) < 0) return null;
  const vetoBelow =
    scheme.vetoTotalBelow === undefined
      ? undefined
      : checked(Math.round(scheme.vetoTotalBelow * (POW10[vetoPlaces] as number)));
  const bonusCapCents = checked(Math.round(scheme.bonusCap * 100));
  if (Number.isNaN(bonusCapCents) || (vetoBelow !== undefined && Number.isNaN(vetoBelow))) return null;
  return {
    indicators,
    constants: indicators.map(indicatorConstants),
    available,
    availablePlaces,
    bonusCapCents,
    vetoBelow,
    vetoPlaces,
  };
}

// Values arrive as parsed JSON: an indicator coded "constructor" must not find Object.prototype's.
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

// One reused result for every item: scoreIndicatorFast writes it, the loop reads it at once.
const scratch: FastScore = { score: 0, extra: 0, vetoed: false, missing: false, zeroed: false };

// An item the fast path declined, scored with big.js into the scratch result (its score and extra are
// rounded to cents already). False when its cents leave the safe range.
function scoreExactInto(indicator: Indicator, input: SheetInput): boolean {
  const result = scoreIndicator(
    indicator,
    own(input.values, indicator.code),
    own(input.targets, indicator.code),
  );
  scratch.score = Math.round(toNumber2(result.score) * 100);
  scratch.extra = Math.round(toNumber2(result.extra) * 100);
  scratch.vetoed = result.vetoed;
  scratch.missing = result.missing;
  scratch.zeroed = result.zeroed;
  return Math.abs(scratch.score) <= LIMIT && Math.abs(scratch.extra) <= LIMIT;
}

/** scoreSheet on cents; undefined when the sheet must be scored with big.js. */
export function scoreSheetFast(scheme: SchemeDocument, input: SheetInput): ScoredSheet | undefined {
  const plan = planFor(scheme, input);
  if (plan === null) return undefined;
  const items: ScoredItem[] = [];
  const missing: string[] = [];
  let earned = 0;
  let bonusSum = 0;
  let vetoed = false;
  const { indicators, constants } = plan;
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i] as Indicator;
    const { code } = indicator;
    const fast = scoreIndicatorFast(
      indicator,
      constants[i] as IndicatorConstants,
      own(input.values, code),
      own(input.targets, code),
      scratch,
    );
    if (!fast && !scoreExactInto(indicator, input)) return undefined;
    items.push({
      code,
      score: centsToNumber(scratch.score),
      extra: centsToNumber(scratch.extra),
      vetoed: scratch.vetoed,
      missing: scratch.missing,
      zeroed: scratch.zeroed,
    });
    if (scratch.missing) missing.push(code);
    vetoed ||= scratch.vetoed;
    bonusSum = checked(bonusSum + scratch.extra);
    // 加分 sits on top of the base; 一票否决 neither earns nor offers points.
    const type = indicator.rule.type;
    if (type === "bonus") bonusSum = checked(bonusSum + scratch.score);
    else if (type !== "veto") earned = checked(earned + scratch.score);
  }
  if (Number.isNaN(earned) || Number.isNaN(bonusSum)) return undefined;
  // round2(earned × 100 / available): earned is in cents, available at availablePlaces.
  const base =
    plan.available === 0
      ? 0
      : divHalfUp(mul(mul(earned, 100), POW10[plan.availablePlaces] as number), plan.available);
  const bonus = Math.min(plan.bonusCapCents, bonusSum);
  const total = checked(base + bonus);
  if (Number.isNaN(total)) return undefined;
  // 总分低于 vetoTotalBelow 一票否决: a veto on the total, beside the indicators' own.
  const totalAt = mul(total, POW10[plan.vetoPlaces - 2] as number);
  if (Number.isNaN(totalAt)) return undefined;
  const totalVetoed = plan.vetoBelow !== undefined && totalAt < plan.vetoBelow;
  return {
    items,
    base: centsToNumber(base),
    bonus: centsToNumber(bonus),
    total: centsToNumber(total),
    vetoed: vetoed || totalVetoed,
    missing,
  };
}

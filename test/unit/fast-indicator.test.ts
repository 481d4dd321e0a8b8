import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toNumber2 } from "../../src/domain/decimal";
import { type FastScore, indicatorConstants, scoreIndicatorFast } from "../../src/domain/fast-indicator";
import { divHalfUp, placesOf } from "../../src/domain/fixed-point";
import { scoreIndicator } from "../../src/domain/rules";
import type { Indicator, SchemeDocument } from "../../src/domain/scheme";
import { scoreSheet, scoreSheetExact } from "../../src/domain/score-sheet";
import { scoreSheetFast } from "../../src/domain/score-sheet-fast";
import type { IndicatorValue } from "../../src/domain/values";

// The cents path (fast-indicator.ts, score-sheet-fast.ts) against the big.js path it replaces in the hot loop:
// wherever the fast path answers, it answers the same to the cent; and it answers for the inputs a recompute
// meets (few places, ordinary magnitudes), so these equalities are not vacuous.

/** A decimal of 0–4 places, often on a half cent (x.xx5), sometimes negative, zero or large. */
const decimal = (maxUnits: number) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: -maxUnits, max: maxUnits }), fc.integer({ min: 0, max: 4 }))
      .map(([m, s]) => m / 10 ** s),
    fc.integer({ min: -maxUnits, max: maxUnits }).map((m) => (m * 10 + 5) / 1000),
    fc.constantFrom(0, -0, 1, 100, 0.005, -0.005, 0.125, 99.995, 1e12, 123456789.125),
  );
const positive = (maxUnits: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxUnits }), fc.integer({ min: 0, max: 3 }))
    .map(([m, s]) => m / 10 ** s);
const fraction = fc.integer({ min: 0, max: 1000 }).map((m) => m / 1000);
const stepMode = fc.constantFrom(undefined, "ceil" as const, "floor" as const, "prorata" as const);

const rule: fc.Arbitrary<Indicator["rule"]> = fc.oneof(
  fc.record({ type: fc.constant("ratio" as const), floor: fc.option(fraction, { nil: undefined }) }),
  fc.record({
    type: fc.constant("shortfall" as const),
    direction: fc.constantFrom("higher" as const, "lower" as const),
    step: positive(5000),
    deduct: positive(5000),
    steps: stepMode,
  }),
  fc.record({
    type: fc.constant("threshold" as const),
    direction: fc.constantFrom("atLeast" as const, "atMost" as const),
    partial: fc.option(fraction, { nil: undefined }),
  }),
  fc.record({
    type: fc.constant("bands" as const),
    on: fc.constantFrom("rate" as const, "value" as const),
    bands: fc.array(fc.record({ min: decimal(20000), fraction }), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ type: fc.constant("deduction" as const), per: positive(5000) }),
  fc.record({ type: fc.constant("bonus" as const), per: positive(5000), cap: positive(5000) }),
  fc.record({
    type: fc.constant("rating" as const),
    levels: fc.constant({ 优: 1, 良: 0.85, 中: 0.705, 差: 0.005 }),
  }),
  fc.constant({ type: "veto" as const }),
);

const limits = fc.option(
  fc.oneof(
    fc.record({ below: decimal(20000) }),
    fc.record({ above: decimal(20000) }),
    fc.record({ below: decimal(20000), above: decimal(20000) }),
  ),
  { nil: undefined },
);

const indicator: fc.Arbitrary<Indicator> = fc
  .record({
    points: fc.oneof(positive(2000), fc.constant(0)),
    target: fc.option(decimal(100000), { nil: undefined }),
    rule,
    veto: limits,
    zeroIf: limits,
    negative: fc.option(
      fc.record({
        floor: fc.option(
          decimal(2000).map((x) => -Math.abs(x)),
          { nil: undefined },
        ),
      }),
      {
        nil: undefined,
      },
    ),
    beyond: fc.option(
      fc.record({
        step: positive(500),
        add: positive(500),
        cap: fc.option(positive(2000), { nil: undefined }),
        steps: stepMode,
      }),
      { nil: undefined },
    ),
  })
  .map((parts) => {
    const built: Record<string, unknown> = {
      code: "X",
      name: "X",
      points: parts.points,
      appliesTo: ["station"],
      source: "self",
      evidenceRequired: false,
      rule: parts.rule,
    };
    for (const key of ["target", "veto", "zeroIf", "negative", "beyond"] as const)
      if (parts[key] !== undefined) built[key] = parts[key];
    return built as unknown as Indicator;
  });

const valueFor = (ind: Indicator): fc.Arbitrary<IndicatorValue | undefined> =>
  ind.rule.type === "veto"
    ? fc.option(fc.boolean(), { nil: undefined })
    : ind.rule.type === "rating"
      ? fc.constantFrom("优", "良", "中", "差", "无", undefined)
      : fc.oneof({ weight: 8, arbitrary: decimal(20000) }, { weight: 1, arbitrary: fc.constant(undefined) });

const slowCents = (ind: Indicator, value: IndicatorValue | undefined, target: number | undefined) => {
  const slow = scoreIndicator(ind, value, target);
  return {
    score: toNumber2(slow.score),
    extra: toNumber2(slow.extra),
    vetoed: slow.vetoed,
    missing: slow.missing,
    zeroed: slow.zeroed,
  };
};

function fast(ind: Indicator, value: IndicatorValue | undefined, target: number | undefined) {
  const out: FastScore = { score: 0, extra: 0, vetoed: false, missing: false, zeroed: false };
  const answered = scoreIndicatorFast(ind, indicatorConstants(ind), value, target, out);
  return { answered, result: { ...out, score: out.score / 100 || 0, extra: out.extra / 100 || 0 } };
}

// Ordinary inputs: every number has at most 3 places and stays within ±10^4, as in the province bench.
const ordinary = (n: number) => placesOf(n) >= 0 && placesOf(n) <= 3 && Math.abs(n) <= 1e4;
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("the cents path scores as the big.js path does", () => {
  it("divHalfUp rounds half away from zero, exactly, near the top of the safe range", () => {
    expect(divHalfUp(5, 10)).toBe(1);
    expect(divHalfUp(-5, 10)).toBe(-1);
    expect(divHalfUp(4, 10)).toBe(0);
    expect(divHalfUp(-15, 10)).toBe(-2);
    expect(divHalfUp(2 ** 50 - 1, 2 ** 50)).toBe(1);
    expect(divHalfUp(2 ** 49 - 1, 2 ** 50)).toBe(0);
    expect(divHalfUp(2 ** 49, 2 ** 50)).toBe(1);
    expect(divHalfUp(999_999_999_999_995, 10)).toBe(100_000_000_000_000);
  });

  it("placesOf reads a number as big.js does and declines what scaled integers cannot hold", () => {
    expect(placesOf(93.7)).toBe(1);
    expect(placesOf(0.125)).toBe(3);
    expect(placesOf(-0.005)).toBe(3);
    expect(placesOf(1e12)).toBe(0);
    expect(placesOf(0.1 + 0.2)).toBe(-1);
    expect(placesOf(1e-7)).toBe(-1);
    expect(placesOf(1e16)).toBe(-1);
  });

  it("x.xx5 boundaries, negative items and zero targets, one by one", () => {
    const base = { code: "X", name: "X", appliesTo: ["station"], source: "self", evidenceRequired: false };
    const cases: [Partial<Indicator>, IndicatorValue | undefined, number | undefined, number][] = [
      [{ points: 1, rule: { type: "ratio" } }, 1, 8, 0.13], // 0.125
      [{ points: 1, rule: { type: "ratio" } }, 5, 8, 0.63], // 0.625
      [{ points: 10, rule: { type: "ratio" } }, 1, 3, 3.33], // 3.3333…
      [{ points: 10, rule: { type: "ratio" } }, 5, 0, 0], // target 0
      [{ points: 10, rule: { type: "ratio" } }, -5, 8, 0], // negative actual
      [{ points: 0, negative: {}, rule: { type: "deduction", per: 0.005 } }, 1, undefined, -0.01], // −0.005
      [{ points: 1, negative: { floor: -0.5 }, rule: { type: "deduction", per: 0.375 } }, 4, undefined, -0.5],
      [{ points: 1, rule: { type: "deduction", per: 0.375 } }, 4, undefined, 0], // 扣完为止
      [
        {
          points: 10,
          rule: { type: "shortfall", direction: "higher", step: 0.006, deduct: 75, steps: "prorata" },
        },
        56.117,
        100,
        // 10 − 75 × 43.883 / 0.006 = −548,527.5 (扣完为止 → 0)
        0,
      ],
      // 3 − 0.005 = 2.995 → 3.00 (half-up); one more started step: 2.99
      [{ points: 3, rule: { type: "shortfall", direction: "lower", step: 0.3, deduct: 0.005 } }, 1.3, 1, 3],
      [
        { points: 3, rule: { type: "shortfall", direction: "lower", step: 0.3, deduct: 0.005 } },
        1.31,
        1,
        2.99,
      ],
      [{ points: 0.01, rule: { type: "threshold", direction: "atLeast", partial: 0.5 } }, 1, 2, 0.01], // 0.005
    ];
    for (const [parts, value, target, expected] of cases) {
      const ind = { ...base, ...parts } as Indicator;
      const { answered, result } = fast(ind, value, target);
      expect(answered).toBe(true);
      expect(result.score).toBe(expected);
      expect(result).toEqual(slowCents(ind, value, target));
    }
  });

  it("every rule type on random indicators, values and targets", () => {
    fc.assert(
      fc.property(
        indicator.chain((ind) =>
          fc.tuple(fc.constant(ind), valueFor(ind), fc.option(decimal(100000), { nil: undefined })),
        ),
        ([ind, value, target]) => {
          const { answered, result } = fast(ind, value, target);
          if (answered) expect(result).toEqual(slowCents(ind, value, target));
          // The fast path must answer ordinary inputs; otherwise the equality above would prove nothing.
          if (numbersIn([ind, value, target]).every(ordinary)) expect(answered).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("whole sheets: scoreSheetFast equals scoreSheetExact, frozen or not", () => {
    const scheme = fc.record({
      indicators: fc.array(indicator, { minLength: 1, maxLength: 8 }),
      bonusCap: fc.integer({ min: 0, max: 2000 }).map((m) => m / 100),
      vetoTotalBelow: fc.option(decimal(10000), { nil: undefined }),
    });
    let answered = 0;
    fc.assert(
      fc.property(
        scheme.chain((s) =>
          fc.tuple(fc.constant(s), fc.tuple(...s.indicators.map((ind) => valueFor(ind))), fc.boolean()),
        ),
        ([s, values, freeze]) => {
          const document = {
            bonusCap: s.bonusCap,
            ...(s.vetoTotalBelow === undefined ? {} : { vetoTotalBelow: s.vetoTotalBelow }),
            categories: [
              { code: "C", name: "C", indicators: s.indicators.map((ind, i) => ({ ...ind, code: `X${i}` })) },
            ],
          } as unknown as SchemeDocument;
          if (freeze) Object.freeze(document);
          const input = {
            category: "station" as const,
            values: Object.fromEntries(values.map((value, i) => [`X${i}`, value])),
          };
          const exact = scoreSheetExact(document, input);
          const quick = scoreSheetFast(document, input);
          if (quick !== undefined) {
            answered += 1;
            expect(quick).toEqual(exact);
          }
          expect(scoreSheet(document, input)).toEqual(exact);
        },
      ),
      { numRuns: 1500 },
    );
    // Sheets decline only when a sum or a fallback item's score leaves the safe range (values near 10^12).
    expect(answered).toBeGreaterThan(1500 * 0.8);
  });
});

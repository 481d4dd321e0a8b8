import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import { baseScore } from "../../src/domain/base-score";
import { dec } from "../../src/domain/decimal";
import { scoreIndicator } from "../../src/domain/rules";
import { type Indicator, parseScheme, type Rule } from "../../src/domain/scheme";
import { scoreTownships } from "../../src/domain/score-pool";
import {
  add,
  ceil,
  cents,
  cmp,
  decimal,
  div,
  maxR,
  mul,
  rational,
  sub,
  ZERO,
} from "../support/exact-rational";

function indicator(rule: Rule, points: number, target?: number): Indicator {
  return { code: "X", name: "x", points, target, appliesTo: ["station"], source: "self", rule };
}

const parsed = parseScheme(demo);
if (!parsed.ok) throw new Error("demo scheme rejected");
const scheme = parsed.scheme;

const engineScore = (ind: Indicator, actual: number) =>
  scoreIndicator(ind, actual, undefined).score.toFixed(2);

describe("scoreIndicator against an exact rational oracle", () => {
  it("ratio", () => {
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(0.01, 1000, 2),
        decimal(-10, 2000, 3),
        decimal(0, 1, 2),
        (p, t, a, floor) => {
          const expected =
            cmp(a.exact, mul(floor.exact, t.exact)) < 0
              ? ZERO
              : cmp(a.exact, t.exact) >= 0
                ? p.exact
                : div(mul(p.exact, a.exact), t.exact);
          const ind = indicator({ type: "ratio", floor: floor.num }, p.num, t.num);
          expect(engineScore(ind, a.num)).toBe(cents(expected));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("shortfall", () => {
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(-100, 200, 2),
        decimal(-100, 200, 3),
        decimal(0.001, 5, 3),
        decimal(0, 3, 2),
        fc.boolean(),
        (p, t, a, step, deduct, higher) => {
          const gap = higher ? sub(t.exact, a.exact) : sub(a.exact, t.exact);
          const expected =
            cmp(gap, ZERO) <= 0
              ? p.exact
              : maxR(ZERO, sub(p.exact, mul(deduct.exact, ceil(div(gap, step.exact)))));
          const rule: Rule = {
            type: "shortfall",
            direction: higher ? "higher" : "lower",
            step: step.num,
            deduct: deduct.num,
          };
          expect(engineScore(indicator(rule, p.num, t.num), a.num)).toBe(cents(expected));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("bands on rate", () => {
    const band = fc.record({ min: decimal(0, 1.5, 2), fraction: decimal(0, 1, 2) });
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(0.01, 500, 2),
        decimal(0, 700, 2),
        fc.uniqueArray(band, { minLength: 1, maxLength: 5, selector: (b) => b.min.num }),
        (p, t, a, bands) => {
          const rate = div(a.exact, t.exact);
          const fits = bands
            .filter((b) => cmp(b.min.exact, rate) <= 0)
            .sort((x, y) => cmp(y.min.exact, x.min.exact));
          const expected = fits[0] === undefined ? ZERO : mul(p.exact, fits[0].fraction.exact);
          const rule: Rule = {
            type: "bands",
            on: "rate",
            bands: bands.map((b) => ({ min: b.min.num, fraction: b.fraction.num })),
          };
          expect(engineScore(indicator(rule, p.num, t.num), a.num)).toBe(cents(expected));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("the base: round2(Σ scores × 100 / Σ points)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(decimal(0, 20, 2), decimal(0, 1, 2)), { minLength: 1, maxLength: 20 }),
        (items) => {
          // Each item: its points and a share of them, so a score ≤ points with 2 decimals.
          const pointsSum = items.reduce((total, [p]) => add(total, p.exact), ZERO);
          const scoreTexts = items.map(([p, share]) => cents(mul(p.exact, share.exact)));
          const scoreSum = scoreTexts.reduce(
            (total, text) => add(total, rational(BigInt(text.replace(".", "")), 100n)),
            ZERO,
          );
          const expected = pointsSum.n === 0n ? "0.00" : cents(div(mul(scoreSum, rational(100n)), pointsSum));
          const earned = scoreTexts.reduce((total, text) => total.plus(text), dec(0));
          const available = items.reduce((total, [p]) => total.plus(dec(p.num)), dec(0));
          expect(baseScore(earned, available).toFixed(2)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("township composites", () => {
    fc.assert(
      fc.property(fc.array(decimal(0, 105, 2), { minLength: 1, maxLength: 12 }), (totals) => {
        const mean = div(
          totals.reduce((total, t) => add(total, t.exact), ZERO),
          rational(BigInt(totals.length)),
        );
        const [result] = scoreTownships(
          scheme,
          totals.map((t) => ({ township: "T", total: t.num, vetoed: false })),
        );
        expect(result?.composite.toFixed(2)).toBe(cents(mean));
      }),
      { numRuns: 1000 },
    );
  });
});

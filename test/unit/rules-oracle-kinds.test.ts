import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "../../src/domain/decimal";
import type { StepMode } from "../../src/domain/rule-table";
import { breachesVeto, scoreIndicator } from "../../src/domain/rules";
import type { Indicator, Rule, SchemeDocument } from "../../src/domain/scheme";
import { scoreTownships } from "../../src/domain/score-pool";
import { scoreSheet } from "../../src/domain/score-sheet";
import {
  add,
  ceil,
  cents,
  cmp,
  decimal,
  div,
  floorR,
  maxR,
  minR,
  mul,
  type Rational,
  rational,
  type Sample,
  sub,
  ZERO,
} from "../support/exact-rational";

const sample = (n: bigint, d: bigint): Sample => ({ exact: rational(n, d), num: Number(n) / Number(d) });

// Every rule type and every per-item option against the exact-rational oracle (ratio, shortfall and bands on a
// rate without options are in rules-oracle.test.ts).

const RUNS = { numRuns: 1500 };

function indicator(rule: Rule, points: number, target?: number, extra: Partial<Indicator> = {}): Indicator {
  return { code: "X", name: "x", points, target, appliesTo: ["station"], source: "self", rule, ...extra };
}

const scoreText = (ind: Indicator, value: Parameters<typeof scoreIndicator>[1], target?: number) => {
  const result = scoreIndicator(ind, value, target);
  return { score: result.score.toFixed(2), extra: result.extra.toFixed(2) };
};

const stepMode = fc.constantFrom<StepMode | undefined>(undefined, "ceil", "floor", "prorata");

function steps(gap: Rational, step: Rational, mode: StepMode | undefined): Rational {
  const q = div(gap, step);
  if (mode === "floor") return floorR(q);
  if (mode === "prorata") return q;
  return ceil(q);
}

// Optional 可负分: undefined = floored at 0; { floor: undefined } = unbounded; { floor: f } = down to f.
const negativeOption = fc.option(fc.record({ floor: fc.option(decimal(-30, 0, 2), { nil: undefined }) }), {
  nil: undefined,
});

function lowerBound(negative: { floor: Sample | undefined } | undefined): Rational | undefined {
  if (negative === undefined) return ZERO;
  return negative.floor?.exact;
}

const atLeast = (x: Rational, low: Rational | undefined) => (low === undefined ? x : maxR(x, low));
const negativeDoc = (negative: { floor: Sample | undefined } | undefined) =>
  negative === undefined
    ? {}
    : { negative: negative.floor === undefined ? {} : { floor: negative.floor.num } };

describe("every rule type and option against the exact oracle", () => {
  it("shortfall with step modes, 可负分, 该项不得分 below a limit and 超目标加分", () => {
    const beyond = fc.option(
      fc.record({
        step: decimal(0.01, 5, 2),
        add: decimal(0, 2, 2),
        cap: fc.option(decimal(0, 5, 2), { nil: undefined }),
        steps: stepMode,
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.tuple(
          decimal(0, 20, 2),
          decimal(0, 200, 2),
          decimal(0, 300, 3),
          decimal(0.001, 5, 3),
          decimal(0, 3, 2),
        ),
        fc.tuple(
          fc.boolean(),
          stepMode,
          negativeOption,
          beyond,
          fc.option(decimal(0, 200, 1), { nil: undefined }),
        ),
        ([p, t, a, step, deduct], [higher, mode, negative, bey, zeroBelow]) => {
          const gap = higher ? sub(t.exact, a.exact) : sub(a.exact, t.exact);
          const raw =
            cmp(gap, ZERO) <= 0 ? p.exact : sub(p.exact, mul(deduct.exact, steps(gap, step.exact, mode)));
          const zeroed = zeroBelow !== undefined && cmp(a.exact, zeroBelow.exact) < 0;
          const score = zeroed ? ZERO : atLeast(raw, lowerBound(negative));
          const excess = higher ? sub(a.exact, t.exact) : sub(t.exact, a.exact);
          let extra = ZERO;
          if (!zeroed && bey !== undefined && cmp(excess, ZERO) > 0) {
            const earned = mul(bey.add.exact, steps(excess, bey.step.exact, bey.steps));
            extra = bey.cap === undefined ? earned : minR(earned, bey.cap.exact);
          }
          const rule: Rule = {
            type: "shortfall",
            direction: higher ? "higher" : "lower",
            step: step.num,
            deduct: deduct.num,
            ...(mode === undefined ? {} : { steps: mode }),
          };
          const ind = indicator(rule, p.num, t.num, {
            ...negativeDoc(negative),
            ...(zeroBelow === undefined ? {} : { zeroIf: { below: zeroBelow.num } }),
            ...(bey === undefined
              ? {}
              : {
                  beyond: {
                    step: bey.step.num,
                    add: bey.add.num,
                    ...(bey.cap === undefined ? {} : { cap: bey.cap.num }),
                    ...(bey.steps === undefined ? {} : { steps: bey.steps }),
                  },
                }),
          });
          expect(scoreText(ind, a.num)).toEqual({ score: cents(score), extra: cents(extra) });
        },
      ),
      {
        ...RUNS,
        // Found with random seeds: pro rata must multiply before it divides (43.883 ÷ 0.006 repeats, while
        // 0.45 × 43.883 ÷ 0.006 = 3,291.225 rounds half up to 3,291.23; 1.35 × 0.025 ÷ 0.03 = 1.125 → 1.13).
        examples: [
          [
            [sample(0n, 100n), sample(0n, 100n), sample(43883n, 1000n), sample(6n, 1000n), sample(45n, 100n)],
            [false, "prorata", { floor: undefined }, undefined, undefined],
          ],
          [
            [
              sample(0n, 100n),
              sample(14512n, 100n),
              sample(145095n, 1000n),
              sample(1n, 1000n),
              sample(0n, 100n),
            ],
            [
              false,
              undefined,
              undefined,
              { step: sample(3n, 100n), add: sample(135n, 100n), cap: undefined, steps: "prorata" },
              undefined,
            ],
          ],
        ],
      },
    );
  });

  it("ratio with a per-person target override and 超目标加分", () => {
    fc.assert(
      fc.property(
        fc.tuple(decimal(0, 20, 2), decimal(0.01, 500, 2), decimal(0.01, 500, 2), decimal(0, 800, 2)),
        fc.tuple(decimal(0.01, 10, 2), decimal(0, 1, 2)),
        ([p, schemeTarget, personTarget, a], [bStep, bAdd]) => {
          const t = personTarget.exact;
          const base = cmp(a.exact, t) >= 0 ? p.exact : div(mul(p.exact, a.exact), t);
          const excess = sub(a.exact, t);
          const extra = cmp(excess, ZERO) > 0 ? mul(bAdd.exact, ceil(div(excess, bStep.exact))) : ZERO;
          const ind = indicator({ type: "ratio" }, p.num, schemeTarget.num, {
            beyond: { step: bStep.num, add: bAdd.num },
          });
          expect(scoreText(ind, a.num, personTarget.num)).toEqual({
            score: cents(base),
            extra: cents(extra),
          });
        },
      ),
      RUNS,
    );
  });

  it("bands on a value", () => {
    const band = fc.record({ min: decimal(0, 100, 1), fraction: decimal(0, 1, 2) });
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(0, 120, 2),
        fc.uniqueArray(band, { minLength: 1, maxLength: 5, selector: (b) => b.min.num }),
        (p, a, bands) => {
          const fits = bands
            .filter((b) => cmp(b.min.exact, a.exact) <= 0)
            .sort((x, y) => cmp(y.min.exact, x.min.exact));
          const expected = fits[0] === undefined ? ZERO : mul(p.exact, fits[0].fraction.exact);
          const rule: Rule = {
            type: "bands",
            on: "value",
            bands: bands.map((b) => ({ min: b.min.num, fraction: b.fraction.num })),
          };
          expect(scoreText(indicator(rule, p.num), a.num).score).toBe(cents(expected));
        },
      ),
      RUNS,
    );
  });

  it("threshold, with 该项不得分 above a limit", () => {
    fc.assert(
      fc.property(
        fc.tuple(decimal(0, 20, 2), decimal(0, 200, 2), decimal(0, 200, 2), decimal(0, 1, 2)),
        fc.tuple(fc.boolean(), fc.option(decimal(0, 200, 0), { nil: undefined })),
        ([p, t, a, partial], [atLeastTarget, zeroAbove]) => {
          const met = atLeastTarget ? cmp(a.exact, t.exact) >= 0 : cmp(a.exact, t.exact) <= 0;
          const zeroed = zeroAbove !== undefined && cmp(a.exact, zeroAbove.exact) > 0;
          const expected = zeroed ? ZERO : met ? p.exact : mul(p.exact, partial.exact);
          const rule: Rule = {
            type: "threshold",
            direction: atLeastTarget ? "atLeast" : "atMost",
            partial: partial.num,
          };
          const ind = indicator(
            rule,
            p.num,
            t.num,
            zeroAbove === undefined ? {} : { zeroIf: { above: zeroAbove.num } },
          );
          expect(scoreText(ind, a.num).score).toBe(cents(expected));
        },
      ),
      RUNS,
    );
  });

  it("deduction, with 可负分", () => {
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(0, 40, 0),
        decimal(0, 5, 2),
        negativeOption,
        (p, count, per, negative) => {
          const expected = atLeast(sub(p.exact, mul(per.exact, count.exact)), lowerBound(negative));
          const ind = indicator({ type: "deduction", per: per.num }, p.num, undefined, negativeDoc(negative));
          expect(scoreText(ind, count.num).score).toBe(cents(expected));
        },
      ),
      RUNS,
    );
  });

  it("bonus and rating", () => {
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        decimal(0, 30, 0),
        decimal(0, 3, 2),
        decimal(0, 10, 2),
        decimal(0, 1, 3),
        (p, count, per, cap, share) => {
          const bonus = minR(mul(per.exact, count.exact), cap.exact);
          expect(
            scoreText(indicator({ type: "bonus", per: per.num, cap: cap.num }, 0), count.num).score,
          ).toBe(cents(bonus));
          const rating = indicator({ type: "rating", levels: { 优: 1, 中: share.num } }, p.num);
          expect(scoreText(rating, "中").score).toBe(cents(mul(p.exact, share.exact)));
        },
      ),
      RUNS,
    );
  });

  it("veto limits (below / above)", () => {
    fc.assert(
      fc.property(decimal(0, 200, 3), decimal(0, 200, 2), decimal(0, 200, 2), (a, below, above) => {
        const expected = cmp(a.exact, below.exact) < 0 || cmp(a.exact, above.exact) > 0;
        const ind = indicator({ type: "ratio" }, 5, 100, { veto: { below: below.num, above: above.num } });
        expect(breachesVeto(ind, dec(a.num))).toBe(expected);
        expect(scoreIndicator(ind, a.num, undefined).vetoed).toBe(expected);
      }),
      RUNS,
    );
  });

  it("incidents: per-kind deductions under one cap, 上级查出 factor, 可负分 and zeroing kinds", () => {
    const kindArb = fc.record({ per: decimal(0, 5, 2), own: decimal(0, 6, 0), above: decimal(0, 3, 0) });
    fc.assert(
      fc.property(
        decimal(0, 20, 2),
        fc.array(kindArb, { minLength: 1, maxLength: 5 }),
        fc.option(decimal(1, 4, 1), { nil: undefined }),
        negativeOption,
        fc.option(fc.nat({ max: 4 }), { nil: undefined }),
        (p, kinds, factor, negative, zeroKind) => {
          const f = factor?.exact ?? rational(1n);
          let deducted = ZERO;
          const counts: Record<string, number> = {};
          kinds.forEach((kind, i) => {
            const aboveCount = factor === undefined ? ZERO : kind.above.exact;
            deducted = add(deducted, mul(kind.per.exact, add(kind.own.exact, mul(f, aboveCount))));
            counts[`K${i}`] = kind.own.num;
            if (factor !== undefined) counts[`K${i}@上级`] = kind.above.num;
          });
          const zeroLabel = zeroKind !== undefined && zeroKind < kinds.length ? `K${zeroKind}` : undefined;
          const zeroKindCase = zeroLabel === undefined ? undefined : kinds[Number(zeroLabel.slice(1))];
          const zeroed =
            zeroKindCase !== undefined &&
            (zeroKindCase.own.num > 0 || (factor !== undefined && zeroKindCase.above.num > 0));
          const expected = zeroed
            ? ZERO
            : atLeast(minR(sub(p.exact, deducted), p.exact), lowerBound(negative));
          const rule: Rule = {
            type: "incidents",
            kinds: kinds.map((kind, i) => ({ label: `K${i}`, per: kind.per.num })),
            ...(factor === undefined ? {} : { foundAboveFactor: factor.num }),
          };
          const ind = indicator(rule, p.num, undefined, {
            ...negativeDoc(negative),
            ...(zeroLabel === undefined ? {} : { zeroIf: { kinds: [zeroLabel] } }),
          });
          expect(scoreText(ind, counts).score).toBe(cents(expected));
        },
      ),
      RUNS,
    );
  });

  it("incidents with a per-case cap (每例最高扣): Σ min(per × size, max) per case, mixed with counted kinds", () => {
    const cappedArb = fc.record({
      per: decimal(0, 3, 2),
      max: decimal(0.01, 10, 2),
      own: fc.array(decimal(0, 20, 1), { maxLength: 6 }),
      above: fc.array(decimal(0, 20, 1), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        decimal(0, 30, 2),
        fc.array(cappedArb, { minLength: 1, maxLength: 3 }),
        fc.record({ per: decimal(0, 5, 2), own: decimal(0, 6, 0) }),
        fc.option(decimal(1, 4, 1), { nil: undefined }),
        negativeOption,
        (p, capped, counted, factor, negative) => {
          const f = factor?.exact ?? rational(1n);
          const caseCost = (per: Sample, max: Sample, sizes: Sample[]) =>
            sizes.reduce((total, size) => add(total, minR(mul(per.exact, size.exact), max.exact)), ZERO);
          let deducted = mul(counted.per.exact, counted.own.exact);
          const counts: Record<string, number | number[]> = { N: counted.own.num };
          capped.forEach((kind, i) => {
            deducted = add(deducted, caseCost(kind.per, kind.max, kind.own));
            counts[`C${i}`] = kind.own.map((size) => size.num);
            if (factor !== undefined) {
              deducted = add(deducted, mul(f, caseCost(kind.per, kind.max, kind.above)));
              counts[`C${i}@上级`] = kind.above.map((size) => size.num);
            }
          });
          const expected = atLeast(minR(sub(p.exact, deducted), p.exact), lowerBound(negative));
          const rule: Rule = {
            type: "incidents",
            kinds: [
              { label: "N", per: counted.per.num },
              ...capped.map((kind, i) => ({ label: `C${i}`, per: kind.per.num, maxPerCase: kind.max.num })),
            ],
            ...(factor === undefined ? {} : { foundAboveFactor: factor.num }),
          };
          const ind = indicator(rule, p.num, undefined, negativeDoc(negative));
          expect(scoreText(ind, counts).score).toBe(cents(expected));
        },
      ),
      RUNS,
    );
  });
});

function schemeOf(indicators: Indicator[], bonusCap: number, vetoTotalBelow?: number): SchemeDocument {
  return {
    code: "S",
    name: "s",
    year: 2024,
    gradeBands: [{ grade: "all", label: "全部", min: 0 }],
    excellentQuota: 0.2,
    preVetoBottomN: 1,
    bonusCap,
    categories: [{ code: "A", name: "a", indicators }],
    ...(vetoTotalBelow === undefined ? {} : { vetoTotalBelow }),
  };
}

describe("sheets and pools against the exact oracle", () => {
  it("base, bonus (bonus items + 超目标加分, capped) and the veto on the total", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(decimal(0.01, 20, 2), decimal(0.01, 200, 2), decimal(0, 300, 2), decimal(0, 1, 2)),
          { minLength: 1, maxLength: 8 },
        ),
        decimal(0, 10, 1),
        decimal(0, 120, 1),
        (items, bonusCap, vetoBelow) => {
          const indicators = items.map(([p, t, , add], i) => ({
            ...indicator({ type: "ratio" }, p.num, t.num, { beyond: { step: 1, add: add.num } }),
            code: `I${i}`,
          }));
          const values = Object.fromEntries(items.map(([, , a], i) => [`I${i}`, a.num]));
          let earned = ZERO;
          let available = ZERO;
          let bonus = ZERO;
          for (const [p, t, a, addPer] of items) {
            const score = cmp(a.exact, t.exact) >= 0 ? p.exact : div(mul(p.exact, a.exact), t.exact);
            earned = add(earned, rational(BigInt(cents(score).replace(".", "")), 100n));
            available = add(available, p.exact);
            const excess = sub(a.exact, t.exact);
            if (cmp(excess, ZERO) > 0) {
              const extra = mul(addPer.exact, ceil(excess));
              bonus = add(bonus, rational(BigInt(cents(extra).replace(".", "")), 100n));
            }
          }
          const base = rational(
            BigInt(cents(div(mul(earned, rational(100n)), available)).replace(".", "")),
            100n,
          );
          const cappedBonus = minR(bonus, bonusCap.exact);
          const total = add(base, cappedBonus);
          const sheet = scoreSheet(schemeOf(indicators, bonusCap.num, vetoBelow.num), {
            category: "station",
            values,
          });
          expect(sheet.total.toFixed(2)).toBe(cents(total));
          expect(sheet.bonus.toFixed(2)).toBe(cents(cappedBonus));
          expect(sheet.vetoed).toBe(cmp(total, vetoBelow.exact) < 0);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("pools of several townships: composites, competition ranks and 预否决 with ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("甲", "乙", "丙", "丁", "戊"), decimal(60, 100, 0)), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat({ max: 4 }),
        (members, bottomN) => {
          const scheme = { ...schemeOf([], 0), preVetoBottomN: bottomN };
          const byTownship = new Map<string, Rational[]>();
          for (const [name, total] of members)
            byTownship.set(name, [...(byTownship.get(name) ?? []), total.exact]);
          const composite = new Map(
            [...byTownship].map(([name, totals]) => [
              name,
              cents(div(totals.reduce(add, ZERO), rational(BigInt(totals.length)))),
            ]),
          );
          const values = [...composite.values()].map(Number);
          const ascending = [...values].sort((x, y) => x - y);
          const boundary = bottomN === 0 ? undefined : ascending[Math.min(bottomN, ascending.length) - 1];
          const results = scoreTownships(
            scheme,
            members.map(([township, total]) => ({ township, total: total.num, vetoed: false })),
          );
          for (const result of results) {
            const mine = Number(composite.get(result.name));
            expect(result.composite.toFixed(2)).toBe(composite.get(result.name));
            expect(result.rank).toBe(1 + values.filter((v) => v > mine).length);
            expect(result.preVeto).toBe(boundary !== undefined && mine <= boundary);
          }
        },
      ),
      { numRuns: 800 },
    );
  });
});

describe("parameters by unit class (分类考核) against the exact oracle", () => {
  it("a class's points, target and rule parameters replace the base ones for its units only", () => {
    fc.assert(
      fc.property(
        fc.tuple(decimal(0.5, 20, 2), decimal(0.5, 20, 2), decimal(0, 3, 2), decimal(0, 3, 2)),
        fc.tuple(
          decimal(1, 200, 2),
          decimal(1, 200, 2),
          decimal(0, 300, 2),
          fc.constantFrom("一类", "二类", undefined),
        ),
        ([basePoints, classPoints, basePer, classDeduct], [baseTarget, classTarget, actual, unitClass]) => {
          const indicators: Indicator[] = [
            indicator({ type: "deduction", per: basePer.num }, basePoints.num, undefined, {
              code: "D",
              byClass: { 二类: { points: classPoints.num } },
            }),
            indicator({ type: "shortfall", direction: "higher", step: 1, deduct: 1 }, 10, baseTarget.num, {
              code: "S",
              byClass: {
                一类: {
                  target: classTarget.num,
                  rule: { type: "shortfall", direction: "higher", step: 1, deduct: classDeduct.num },
                },
              },
            }),
          ];
          const scheme = { ...schemeOf(indicators, 0), unitClasses: ["一类", "二类"] };
          const sheet = scoreSheet(scheme, {
            category: "station",
            unitClass,
            values: { D: 2, S: actual.num },
          });
          const dPoints = unitClass === "二类" ? classPoints.exact : basePoints.exact;
          const d = maxR(ZERO, sub(dPoints, mul(basePer.exact, rational(2n))));
          const t = unitClass === "一类" ? classTarget.exact : baseTarget.exact;
          const deduct = unitClass === "一类" ? classDeduct.exact : rational(1n);
          const gap = sub(t, actual.exact);
          const s =
            cmp(gap, ZERO) <= 0 ? rational(10n) : maxR(ZERO, sub(rational(10n), mul(deduct, ceil(gap))));
          const earned = add(
            rational(BigInt(cents(d).replace(".", "")), 100n),
            rational(BigInt(cents(s).replace(".", "")), 100n),
          );
          expect(sheet.items.map((item) => item.score.toFixed(2))).toEqual([cents(d), cents(s)]);
          expect(sheet.base.toFixed(2)).toBe(
            cents(div(mul(earned, rational(100n)), add(dPoints, rational(10n)))),
          );
        },
      ),
      RUNS,
    );
  });
});

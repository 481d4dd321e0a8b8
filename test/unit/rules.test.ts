import { describe, expect, it } from "vitest";
import { dec } from "../../src/domain/decimal";
import { breachesVeto, scoreIndicator } from "../../src/domain/rules";
import type { Indicator, Rule } from "../../src/domain/scheme";
import type { IndicatorValue } from "../../src/domain/values";

function indicator(rule: Rule, points: number, extra: Partial<Indicator> = {}): Indicator {
  return { code: "X1", name: "test", points, appliesTo: ["station"], source: "self", rule, ...extra };
}

/** The score as a 2-decimal string, so that 9.1 and 9.10 compare equal and floats never sneak in. */
function score(ind: Indicator, value: IndicatorValue | undefined, target?: number): string {
  return scoreIndicator(ind, value, target).score.toFixed(2);
}

describe("ratio (完成率)", () => {
  const a3 = indicator({ type: "ratio" }, 8, { target: 98 });

  it("scores p × a/t, rounded half-up", () => {
    expect(score(indicator({ type: "ratio" }, 10, { target: 3 }), 1)).toBe("3.33"); // 10/3 = 3.333…
    expect(score(a3, 97)).toBe("7.92"); // 8 × 97/98 = 7.9183…
    expect(score(indicator({ type: "ratio" }, 5, { target: 4 }), 0.1)).toBe("0.13"); // 0.125 exactly → up
    expect(score(indicator({ type: "ratio" }, 5, { target: 4 }), 0.18)).toBe("0.23"); // 0.225 (float: 0.22499…)
    expect(score(indicator({ type: "ratio" }, 10, { target: 100 }), 94.85)).toBe("9.49"); // 9.485 → up
  });

  it("caps the rate at 1", () => {
    expect(score(a3, 98)).toBe("8.00");
    expect(score(a3, 150)).toBe("8.00");
    expect(score(a3, 0)).toBe("0.00");
  });

  it("scores 0 below the floor and p × r at it", () => {
    const a5 = indicator({ type: "ratio", floor: 0.6 }, 6, { target: 90 });
    expect(score(a5, 54)).toBe("3.60"); // r = 0.6 is not below the floor: 6 × 54/90
    expect(score(a5, 53.99)).toBe("0.00");
    expect(score(a5, 60)).toBe("4.00");
    // 0.6 × 0.3 = 0.18 exactly, so a = 0.18 sits on the floor: 1 × 0.18/0.3 = 0.6
    expect(score(indicator({ type: "ratio", floor: 0.6 }, 1, { target: 0.3 }), 0.18)).toBe("0.60");
  });

  it("uses the person's target override", () => {
    const b1 = indicator({ type: "ratio" }, 10, { target: 240 });
    expect(score(b1, 150, 200)).toBe("7.50"); // 10 × 150/200
    expect(score(b1, 230)).toBe("9.58"); // 10 × 230/240 = 9.5833…
  });
});

describe("shortfall (差额扣分)", () => {
  const a1 = indicator({ type: "shortfall", direction: "higher", step: 0.1, deduct: 0.3 }, 10, {
    target: 95,
    veto: { below: 82 },
  });
  const a2 = indicator({ type: "shortfall", direction: "lower", step: 1, deduct: 2 }, 8, { target: 107 });

  it("deducts per started step of the gap", () => {
    expect(score(a1, 95)).toBe("10.00");
    expect(score(a1, 99)).toBe("10.00"); // gap < 0
    expect(score(a1, 94.7)).toBe("9.10"); // gap 0.3 = 3 steps exactly → 10 − 0.9
    expect(score(a1, 94.69)).toBe("8.80"); // gap 0.31 → 4 steps → 10 − 1.2
    expect(score(a1, 94.85)).toBe("9.40"); // gap 0.15 → 2 steps
    expect(score(a1, 94.9)).toBe("9.70"); // gap 0.1 → 1 step
  });

  it("counts an exact multiple of the step exactly where floats overshoot", () => {
    // 1.1 − 0.8 = 0.30000000000000004 in floats (→ 4 steps); exactly 3 steps → 1 − 0.3
    const rule: Rule = { type: "shortfall", direction: "higher", step: 0.1, deduct: 0.1 };
    expect(score(indicator(rule, 1, { target: 1.1 }), 0.8)).toBe("0.70");
  });

  it("never goes below 0 (扣完为止)", () => {
    expect(score(a1, 82)).toBe("0.00"); // gap 13 → 130 steps → 39 > 10
    expect(score(a2, 111.01)).toBe("0.00"); // gap 4.01 → 5 steps → 10 > 8
  });

  it("measures the gap upwards when lower is better", () => {
    expect(score(a2, 100)).toBe("8.00");
    expect(score(a2, 107)).toBe("8.00");
    expect(score(a2, 107.5)).toBe("6.00"); // gap 0.5 → 1 step
    expect(score(a2, 109)).toBe("4.00"); // gap 2 → 2 steps
    expect(score(a2, 109.01)).toBe("2.00"); // gap 2.01 → 3 steps
  });

  it("vetoes below the veto limit only", () => {
    expect(scoreIndicator(a1, 82, undefined).vetoed).toBe(false);
    expect(scoreIndicator(a1, 81.99, undefined).vetoed).toBe(true);
    expect(scoreIndicator(a1, undefined, undefined)).toMatchObject({ vetoed: false, missing: true });
  });
});

describe("threshold (达标)", () => {
  it("gives full points when met, the partial fraction otherwise", () => {
    const b2 = indicator({ type: "threshold", direction: "atLeast", partial: 0.5 }, 6, { target: 95 });
    expect(score(b2, 95)).toBe("6.00");
    expect(score(b2, 94.99)).toBe("3.00");
    const c1 = indicator({ type: "threshold", direction: "atLeast" }, 5, { target: 100 });
    expect(score(c1, 100)).toBe("5.00");
    expect(score(c1, 99.99)).toBe("0.00"); // partial defaults to 0
  });

  it("meets atMost at and below the target", () => {
    const ind = indicator({ type: "threshold", direction: "atMost", partial: 0.25 }, 4, { target: 2 });
    expect(score(ind, 2)).toBe("4.00");
    expect(score(ind, 0)).toBe("4.00");
    expect(score(ind, 2.01)).toBe("1.00");
  });

  it("rounds a partial half-up", () => {
    const ind = indicator({ type: "threshold", direction: "atLeast", partial: 0.333 }, 7.5, { target: 1 });
    expect(score(ind, 0)).toBe("2.50"); // 7.5 × 0.333 = 2.4975 → 2.50
  });
});

describe("bands (区间)", () => {
  const a4Rule: Rule = {
    type: "bands",
    on: "rate",
    bands: [
      { min: 0.8, fraction: 0.6 },
      { min: 1, fraction: 1 },
      { min: 0.9, fraction: 0.8 },
    ],
  };
  const a4 = indicator(a4Rule, 8, { target: 80 });

  it("picks the band with the largest min ≤ a/t on rates, in any band order", () => {
    expect(score(a4, 80)).toBe("8.00"); // r = 1
    expect(score(a4, 79.99)).toBe("6.40"); // r < 1 → 0.8 band
    expect(score(a4, 72)).toBe("6.40"); // r = 0.9 exactly
    expect(score(a4, 71.99)).toBe("4.80");
    expect(score(a4, 64)).toBe("4.80"); // r = 0.8 exactly
    expect(score(a4, 63.99)).toBe("0.00"); // no band
  });

  it("tests min ≤ a/t exactly where a float quotient falls short", () => {
    expect(score(indicator(a4Rule, 8, { target: 9 }), 8.1)).toBe("6.40"); // 8.1/9 = 0.9 (float 0.8999…)
  });

  it("picks bands on the value itself", () => {
    const b4Rule: Rule = {
      type: "bands",
      on: "value",
      bands: [
        { min: 95, fraction: 1 },
        { min: 90, fraction: 0.9 },
        { min: 85, fraction: 0.75 },
        { min: 80, fraction: 0.6 },
      ],
    };
    const b4 = indicator(b4Rule, 10);
    expect(score(b4, 95)).toBe("10.00");
    expect(score(b4, 94.99)).toBe("9.00");
    expect(score(b4, 90)).toBe("9.00");
    expect(score(b4, 85)).toBe("7.50");
    expect(score(b4, 80)).toBe("6.00");
    expect(score(b4, 79.99)).toBe("0.00");
    expect(score(indicator(b4Rule, 4.3), 85)).toBe("3.23"); // 4.3 × 0.75 = 3.225 → up
  });
});

describe("deduction, bonus, rating", () => {
  it("deducts per incident down to 0", () => {
    const c3 = indicator({ type: "deduction", per: 1 }, 5);
    expect(score(c3, 0)).toBe("5.00");
    expect(score(c3, 3)).toBe("2.00");
    expect(score(c3, 5)).toBe("0.00");
    expect(score(c3, 7)).toBe("0.00");
    const d1 = indicator({ type: "deduction", per: 0.5 }, 5);
    expect(score(d1, 0.5)).toBe("4.75");
    expect(score(d1, 3)).toBe("3.50");
  });

  it("adds per item up to the cap", () => {
    const e1 = indicator({ type: "bonus", per: 2, cap: 4 }, 0);
    expect(score(e1, 0)).toBe("0.00");
    expect(score(e1, 1)).toBe("2.00");
    expect(score(e1, 2)).toBe("4.00");
    expect(score(e1, 3)).toBe("4.00");
    expect(score(indicator({ type: "bonus", per: 0.35, cap: 4 }, 0), 3)).toBe("1.05");
  });

  it("scores p × the level's fraction", () => {
    const d3 = indicator({ type: "rating", levels: { 优: 1, 良: 0.85, 中: 0.7, 差: 0.5 } }, 5);
    expect(score(d3, "优")).toBe("5.00");
    expect(score(d3, "良")).toBe("4.25");
    expect(score(d3, "中")).toBe("3.50");
    expect(score(d3, "差")).toBe("2.50");
    expect(score(indicator({ type: "rating", levels: { 良: 0.85 } }, 1.5), "良")).toBe("1.28"); // 1.275 → up
    expect(scoreIndicator(d3, "甲", undefined)).toMatchObject({ missing: true });
    expect(scoreIndicator(d3, "toString", undefined)).toMatchObject({ missing: true });
  });
});

describe("vetoes and missing values", () => {
  it("vetoes on a true veto value and contributes nothing", () => {
    const v1 = indicator({ type: "veto" }, 0);
    expect(scoreIndicator(v1, true, undefined)).toMatchObject({ vetoed: true, missing: false });
    expect(scoreIndicator(v1, false, undefined)).toMatchObject({ vetoed: false, missing: false });
    expect(scoreIndicator(v1, undefined, undefined)).toMatchObject({ vetoed: false, missing: true });
    expect(score(v1, true)).toBe("0.00");
  });

  it("vetoes above an upper limit", () => {
    const ind = indicator({ type: "deduction", per: 1 }, 5, { veto: { above: 3 } });
    expect(scoreIndicator(ind, 3, undefined).vetoed).toBe(false);
    expect(scoreIndicator(ind, 3.5, undefined).vetoed).toBe(true);
    expect(breachesVeto(ind, dec("3.01"))).toBe(true);
  });

  it("treats a missing or unusable value as 0 without vetoing", () => {
    const ind = indicator({ type: "ratio" }, 10, { target: 100, veto: { below: 50 } });
    for (const value of [undefined, true, "abc", "NaN", ""]) {
      expect(scoreIndicator(ind, value, undefined)).toMatchObject({ vetoed: false, missing: true });
      expect(score(ind, value)).toBe("0.00");
    }
  });

  it("reads a decimal string exactly", () => {
    const ind = indicator({ type: "ratio" }, 10, { target: 100 });
    expect(score(ind, "94.85")).toBe("9.49");
    expect(scoreIndicator(ind, "94.85", undefined).missing).toBe(false);
  });
});

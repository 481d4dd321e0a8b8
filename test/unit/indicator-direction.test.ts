import { describe, expect, it } from "vitest";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import {
  completionRate,
  completionStatus,
  indicatorDecimals,
  indicatorDirection,
  isAdditive,
  pointsLabel,
  schemeTraits,
} from "../../src/domain/indicator-direction";
import { parseScheme, type Rule } from "../../src/domain/scheme";

const parsed = parseScheme(demoScheme);
if (!parsed.ok) throw new Error("demo scheme invalid");
const traits = schemeTraits(parsed.scheme.categories);

describe("indicator direction", () => {
  it("reads the demo scheme's directions from the rules", () => {
    const direction = Object.fromEntries([...traits].map(([code, t]) => [code, t.direction]));
    expect(direction).toEqual({
      A1: "higher",
      A2: "lower",
      A3: "higher",
      A4: "higher",
      A5: "higher",
      B1: "higher",
      B2: "higher",
      B3: "higher",
      B4: "higher",
      C1: "higher",
      C2: "higher",
      C3: "none",
      D1: "none",
      D2: "higher",
      D3: "none",
      D4: "higher",
      E1: "none",
      V1: "none",
    });
  });

  it("derives lower and band from bands rules whose best fraction is at the bottom or in the middle", () => {
    const bands = (fractions: number[]): Rule => ({
      type: "bands",
      on: "value",
      bands: fractions.map((fraction, i) => ({ min: i * 10, fraction })),
    });
    expect(indicatorDirection(bands([0.5, 0.8, 1]))).toBe("higher");
    expect(indicatorDirection(bands([1, 0.8, 0.5]))).toBe("lower");
    expect(indicatorDirection(bands([0.5, 1, 0.5]))).toBe("band");
    expect(indicatorDirection({ type: "threshold", direction: "atMost" })).toBe("lower");
  });
});

describe("completion", () => {
  it("is below 100 % when a lower-is-better result is worse than its limit (性别比 110 vs 107)", () => {
    expect(completionRate("lower", 110, 107)).toBeCloseTo(0.9727, 4);
    expect(completionStatus("lower", 110, 107)).toBe("over");
    expect(completionRate("lower", 105, 107)).toBeGreaterThan(1);
    expect(completionStatus("lower", 105, 107)).toBe("met");
  });

  it("is actual ÷ target when higher is better, and nothing for ratings, counts or a missing target", () => {
    expect(completionRate("higher", 90, 95)).toBeCloseTo(90 / 95, 10);
    expect(completionStatus("higher", 90, 95)).toBe("short");
    expect(completionStatus("higher", 95, 95)).toBe("met");
    expect(completionRate("none", 3, 5)).toBeNull();
    expect(completionRate("higher", 3, null)).toBeNull();
    expect(completionRate("higher", 3, 0)).toBeNull();
    expect(completionRate("lower", 0, 107)).toBeNull();
    expect(completionStatus("none", 3, 5)).toBeNull();
  });
});

describe("what adds up", () => {
  it("sums counts and amounts, never rates, ratios, levels or scores", () => {
    const additive = Object.fromEntries([...traits].map(([code, t]) => [code, t.additive]));
    expect(additive).toMatchObject({ B1: true, C3: true, D1: true, D2: true, E1: true });
    expect(additive).toMatchObject({
      A1: false,
      A2: false,
      A3: false,
      B4: false,
      D3: false,
      D4: false,
      V1: false,
    });
    expect(isAdditive({ rule: { type: "ratio" }, unit: undefined })).toBe(false);
  });
});

describe("labels and decimals", () => {
  it("labels 0-point bonus and veto items instead of 0 分", () => {
    expect(pointsLabel({ type: "bonus", per: 2, cap: 4 })).toBe("bonus");
    expect(pointsLabel({ type: "veto" })).toBe("veto");
    expect(pointsLabel({ type: "ratio" })).toBeNull();
  });

  it("reads an optional per-indicator decimals, defaulting to 2", () => {
    expect(indicatorDecimals({ code: "A1" })).toBe(2);
    expect(indicatorDecimals({ code: "A1", decimals: 1 })).toBe(1);
    expect(indicatorDecimals({ code: "A1", decimals: 0 })).toBe(0);
    expect(indicatorDecimals({ code: "A1", decimals: -1 })).toBe(2);
    expect(indicatorDecimals({ code: "A1", decimals: 1.5 })).toBe(2);
  });
});

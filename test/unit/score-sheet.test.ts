import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import { baseScore } from "../../src/domain/base-score";
import { dec } from "../../src/domain/decimal";
import { parseScheme, type SchemeDocument } from "../../src/domain/scheme";
import { type ScoredSheet, scoreSheet } from "../../src/domain/score-sheet";

function demoScheme(): SchemeDocument {
  const result = parseScheme(demo);
  if (!result.ok) throw new Error("demo scheme rejected");
  return result.scheme;
}

const scheme = demoScheme();

function itemScores(sheet: ScoredSheet): Record<string, number> {
  return Object.fromEntries(sheet.items.map((item) => [item.code, item.score]));
}

describe("scoreSheet on the demo scheme (worked example)", () => {
  // A station person (所内人员), scored on all indicators except D4; 100 points in the base.
  const station = scoreSheet(scheme, {
    category: "station",
    values: {
      A1: 94.85, // gap 0.15 → 2 steps × 0.3 → 10 − 0.6 = 9.40
      A2: 108.5, // lower: gap 1.5 → 2 steps × 2 → 8 − 4 = 4.00
      A3: 97, // 8 × 97/98 = 7.918… → 7.92
      A4: 75, // 75/80 = 0.9375 → band 0.9 → 8 × 0.8 = 6.40
      A5: 60, // 60/90 ≥ 0.6 floor → 6 × 60/90 = 4.00
      B1: 230, // 10 × 230/240 = 9.583… → 9.58
      B2: 94, // below 95 → 6 × 0.5 = 3.00
      B3: 95, // r = 1 → 4.00
      B4: 92.5, // band 90 → 10 × 0.9 = 9.00
      C1: 100, // met → 5.00
      C2: 80, // 5 × 80/85 = 4.705… → 4.71
      C3: 1, // 5 − 1 = 4.00
      D1: 1.5, // 5 − 0.75 = 4.25
      D2: 40, // met → 5.00
      D3: "良", // 5 × 0.85 = 4.25
      D4: 95, // not applicable to station staff: ignored
      E1: 1, // bonus 2
      V1: false,
    },
  });
  // Σ = 9.40+4+7.92+6.40+4+9.58+3+4+9+5+4.71+4+4.25+5+4.25 = 84.51 of 100 → base 84.51; total 86.51.

  it("scores every applicable item", () => {
    expect(itemScores(station)).toEqual({
      A1: 9.4,
      A2: 4,
      A3: 7.92,
      A4: 6.4,
      A5: 4,
      B1: 9.58,
      B2: 3,
      B3: 4,
      B4: 9,
      C1: 5,
      C2: 4.71,
      C3: 4,
      D1: 4.25,
      D2: 5,
      D3: 4.25,
      E1: 2,
      V1: 0,
    });
  });

  it("adds up the station person's sheet", () => {
    expect(station).toMatchObject({ base: 84.51, bonus: 2, total: 86.51, vetoed: false, missing: [] });
  });

  // A reassigned person (选调人员): no A5, B2, C2; D4 instead; 93 points in the base; B1 target 200.
  const reassigned = scoreSheet(scheme, {
    category: "reassigned",
    values: {
      A1: 96, // above target → 10
      A2: 107, // at target → 8
      A3: 98.5, // capped at r = 1 → 8
      A4: 64, // 64/80 = 0.8 exactly → 8 × 0.6 = 4.80
      A5: 10, // not applicable
      B1: 150, // override target 200: 10 × 150/200 = 7.50
      B3: 90, // 4 × 90/95 = 3.789… → 3.79
      B4: 85, // band 85 → 10 × 0.75 = 7.50
      C1: 99, // not met, no partial → 0
      C3: 0, // 5
      D1: 0, // 5
      D2: 32, // not met → 0
      D3: "优", // 5
      D4: 83, // band 80 → 10 × 0.85 = 8.50
      E1: 3, // min(4, 3 × 2) = 4
      V1: false,
    },
    targets: { B1: 200 },
  });
  // Σ = 10+8+8+4.80+7.50+3.79+7.50+0+5+5+0+5+8.50 = 73.09 of 93 → 7309/93 = 78.5913… → base 78.59.
  // Total = 78.59 + 4 = 82.59.

  it("adds up the reassigned person's sheet over 93 points", () => {
    expect(reassigned.items.map((item) => item.code)).toEqual(
      "A1 A2 A3 A4 B1 B3 B4 C1 C3 D1 D2 D3 D4 E1 V1".split(" "),
    );
    expect(itemScores(reassigned)).toMatchObject({ A4: 4.8, B1: 7.5, B3: 3.79, D4: 8.5, E1: 4 });
    expect(reassigned).toMatchObject({ base: 78.59, bonus: 4, total: 82.59, vetoed: false, missing: [] });
  });
});

describe("scoreSheet totals", () => {
  it("lists missing applicable values, which score 0 but stay in the base", () => {
    const sheet = scoreSheet(scheme, { category: "reassigned", values: { A1: 95, D3: "优" } });
    // 10 + 5 of 93 points → 1500/93 = 16.129… → 16.13
    expect(sheet.base).toBe(16.13);
    expect(sheet.missing).toEqual("A2 A3 A4 B1 B3 B4 C1 C3 D1 D2 D4 E1 V1".split(" "));
    expect(sheet.vetoed).toBe(false);
  });

  it("is vetoed by the veto rule or by a value below the veto limit, keeping its total", () => {
    const byRule = scoreSheet(scheme, { category: "station", values: { V1: true, C3: 0 } });
    expect(byRule).toMatchObject({ vetoed: true, base: 5, total: 5 });
    expect(byRule.items.find((item) => item.code === "V1")).toMatchObject({ vetoed: true, score: 0 });
    const byLimit = scoreSheet(scheme, { category: "station", values: { A1: 81.99 } });
    expect(byLimit.vetoed).toBe(true);
    expect(scoreSheet(scheme, { category: "station", values: { A1: 82 } }).vetoed).toBe(false);
  });

  it("caps the bonus at the scheme's bonusCap", () => {
    const generous = structuredClone(scheme);
    const bonusCategory = generous.categories[4];
    const e1 = bonusCategory?.indicators[0];
    if (bonusCategory === undefined || e1 === undefined) throw new Error("no E1");
    bonusCategory.indicators.push({ ...structuredClone(e1), code: "E2" });
    // E1 4 + E2 4 = 8 → capped at 5.
    expect(scoreSheet(generous, { category: "station", values: { E1: 5, E2: 5 } })).toMatchObject({
      base: 0,
      bonus: 5,
      total: 5,
    });
  });

  it("gives base 0 when no applicable indicator carries points", () => {
    const bonusOnly = structuredClone(scheme);
    bonusOnly.categories = bonusOnly.categories.slice(4);
    expect(scoreSheet(bonusOnly, { category: "station", values: { E1: 1 } })).toMatchObject({
      base: 0,
      bonus: 2,
      total: 2,
    });
  });

  it("rounds the base half-up from exact item scores", () => {
    expect(baseScore(dec("1"), dec("8")).toFixed(2)).toBe("12.50");
    expect(baseScore(dec("0.33335"), dec("2")).toFixed(2)).toBe("16.67"); // 16.6675 → up
    expect(baseScore(dec("1"), dec("3")).toFixed(2)).toBe("33.33");
    expect(baseScore(dec("2"), dec("3")).toFixed(2)).toBe("66.67");
    expect(baseScore(dec("0.01"), dec("400")).toFixed(2)).toBe("0.00"); // 0.0025 → 0.00
    expect(baseScore(dec("0.02"), dec("400")).toFixed(2)).toBe("0.01"); // 0.005 → up
  });
});

import { describe, expect, it } from "vitest";
import { type LiveBasisItem, liveBasis } from "../../src/domain/live-basis";

const item = (code: string, points: number, score: number | null, more: Partial<LiveBasisItem> = {}) => ({
  code,
  points,
  ruleType: "ratio",
  score,
  assessorRated: false,
  missing: score === null,
  ...more,
});

describe("the live self-score's basis (自评得分 while the assessors' items are unrated)", () => {
  it("leaves an unrated assessors' item out: full marks on everything reported reads 100", () => {
    // A reassigned person: 88 points reported at full marks, D3 (6 points) still to be rated by the assessors.
    const basis = liveBasis(
      [item("A1", 40, 40), item("B1", 48, 48), item("D3", 6, null, { assessorRated: true })],
      0,
    );
    expect(basis).toMatchObject({ pendingPoints: 6, raw: 88, possible: 88, base: 100, total: 100 });
    expect(basis?.pending.map((i) => i.code)).toEqual(["D3"]);
  });

  it("rounds the base half-up exactly and adds the bonus; bonus and veto items offer no points", () => {
    // 91.81 of 95 → 96.6421… → 96.64; the engine's 0.5 bonus on top.
    const basis = liveBasis(
      [
        item("A1", 50, 48.5),
        item("B1", 45, 43.31),
        item("D3", 5, null, { assessorRated: true }),
        item("E1", 2, 0.5, { ruleType: "bonus" }),
        item("V1", 10, 0, { ruleType: "veto" }),
      ],
      0.5,
    );
    expect(basis).toMatchObject({ raw: 91.81, possible: 95, base: 96.64, total: 97.14 });
    // 0.125 ÷ 1 × 100 = 12.5 exactly; 1/8 of a point on 8 points → 1.5625 → 1.56 (half-up at the third place).
    expect(liveBasis([item("A", 8, 0.125), item("D", 1, null, { assessorRated: true })], 0)?.base).toBe(1.56);
  });

  it("is the engine's own total when nothing the assessors rate is pending", () => {
    expect(liveBasis([item("A1", 40, 30), item("A2", 10, null)], 0)).toBeNull();
    expect(liveBasis([item("A1", 40, 30), item("D3", 6, 5, { assessorRated: true })], 0)).toBeNull();
  });
});

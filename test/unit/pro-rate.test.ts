import { describe, expect, it } from "vitest";
import { monthsRemaining, proRatedTarget } from "../../src/domain/pro-rate";

describe("年中新进 pro-rating", () => {
  it("counts the months left in the period's year, the arrival month included", () => {
    expect(monthsRemaining(2048, "2048-01-05")).toBe(12);
    expect(monthsRemaining(2048, "2048-07-15")).toBe(6);
    expect(monthsRemaining(2048, "2048-12-31")).toBe(1);
    expect(monthsRemaining(2048, "2047-11-30")).toBe(12); // before the year: the whole year
    expect(monthsRemaining(2048, "2049-01-02")).toBe(0);
  });

  it("takes months / 12 of the target, rounded half-up to the indicator's decimals", () => {
    expect(proRatedTarget(240, 6, 0)).toBe(120);
    expect(proRatedTarget(250, 5, 0)).toBe(104); // 104.1666… → 104
    expect(proRatedTarget(30, 7, 0)).toBe(18); // 17.5 → 18 (half-up)
    expect(proRatedTarget(250, 5, 2)).toBe(104.17);
    expect(proRatedTarget(0.3, 1, 4)).toBe(0.025); // exact decimals, no binary drift
  });
});

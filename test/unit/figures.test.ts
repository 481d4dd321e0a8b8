import { describe, expect, it } from "vitest";
import {
  formatMeasure,
  formatPercent,
  formatPoints,
  formatScore,
  plainFigure,
  withUnit,
} from "../../src/domain/figures";

// The one formatter behind every figure of the pages and of the server's text: what a reader of a page, a
// CSV file or a 折算 note sees must be the same digits with the same unit.

describe("formatMeasure", () => {
  it("shows a value to at most the indicator's decimals, with its unit as people write it", () => {
    expect(formatMeasure(95.5, { unit: "%", decimals: 1 }, "zh-CN")).toBe("95.5%");
    expect(formatMeasure(95, { unit: "%", decimals: 1 }, "zh-CN")).toBe("95%");
    expect(formatMeasure(108, { unit: "人次", decimals: 0 }, "zh-CN")).toBe("108 人次");
    expect(formatMeasure(3.25, { unit: "‰", decimals: 2 }, "zh-CN")).toBe("3.25‰");
    expect(formatMeasure(12.5, { unit: "学时" }, "en")).toBe("12.5 学时");
  });

  it("puts a ratio's basis in brackets: 性别比 reads 107.5（女=100）, not 107.5 女=100", () => {
    expect(formatMeasure(107.5, { unit: "女=100", decimals: 1 }, "zh-CN")).toBe("107.5（女=100）");
    expect(formatMeasure(107.5, { unit: "女=100", decimals: 1 }, "en")).toBe("107.5 (女=100)");
  });

  it("rounds sums of binary fractions to the indicator's decimals instead of showing float noise", () => {
    expect(formatMeasure(0.1 + 0.2, { unit: "件", decimals: 2 }, "zh-CN")).toBe("0.3 件");
    expect(formatMeasure(1 / 3, { decimals: 4 }, "zh-CN")).toBe("0.3333");
  });

  it("defaults to the scheme's default of 2 decimals, and ignores a nonsense decimals", () => {
    expect(formatMeasure(1.23456, { unit: null }, "zh-CN")).toBe("1.23");
    expect(formatMeasure(1.23456, { decimals: -1 }, "zh-CN")).toBe("1.23");
    expect(formatMeasure(1.23456, { decimals: null }, "zh-CN")).toBe("1.23");
  });

  it("groups thousands in the page's locale", () => {
    expect(formatMeasure(12345.6, { unit: "元", decimals: 1 }, "zh-CN")).toBe("12,345.6 元");
    expect(formatMeasure(12345.6, { unit: "元", decimals: 1 }, "en")).toBe("12,345.6 元");
  });
});

describe("scores, points and rates", () => {
  it("always shows a score with two decimals", () => {
    expect(formatScore(93, "zh-CN")).toBe("93.00");
    expect(formatScore(87.5, "en")).toBe("87.50");
    expect(formatScore(0, "zh-CN")).toBe("0.00");
  });

  it("shows points without padding", () => {
    expect(formatPoints(40, "zh-CN")).toBe("40");
    expect(formatPoints(93.5, "zh-CN")).toBe("93.5");
  });

  it("shows a fraction as a percentage, to the digits asked", () => {
    expect(formatPercent(0.955, "zh-CN")).toBe("95.5%");
    expect(formatPercent(1.009, "zh-CN", 0)).toBe("101%");
    expect(formatPercent(0.5, "en")).toBe("50%");
  });

  it("writes no unit when there is none", () => {
    expect(withUnit("5", null, "zh-CN")).toBe("5");
    expect(withUnit("5", "", "zh-CN")).toBe("5");
  });
});

describe("plainFigure (CSV)", () => {
  it("writes scores with two decimals and measures to at most their decimals, without grouping", () => {
    expect(plainFigure(93, "score")).toBe("93.00");
    expect(plainFigure(1234.5, "score")).toBe("1234.50");
    expect(plainFigure(0.1 + 0.2, "measure", 2)).toBe("0.3");
    expect(plainFigure(12345, "measure", 0)).toBe("12345");
  });
});

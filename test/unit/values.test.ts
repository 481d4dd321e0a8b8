import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import { listIndicators, parseScheme, type SchemeDocument } from "../../src/domain/scheme";
import { validatePersonValues, valueKind } from "../../src/domain/values";

function demoScheme(): SchemeDocument {
  const result = parseScheme(demo);
  if (!result.ok) throw new Error("demo scheme rejected");
  return result.scheme;
}

const scheme = demoScheme();

function check(values: Record<string, unknown>, targets?: Record<string, unknown>) {
  return validatePersonValues(scheme, values, targets, "people[0]");
}

describe("valueKind", () => {
  it("asks numbers of numeric rules, a boolean of a veto and a label of a rating", () => {
    const kinds = Object.fromEntries(
      listIndicators(scheme).map((indicator) => [indicator.code, valueKind(indicator)]),
    );
    expect(kinds.A1).toBe("number");
    expect(kinds.E1).toBe("number");
    expect(kinds.D3).toBe("rating");
    expect(kinds.V1).toBe("boolean");
  });
});

describe("validatePersonValues", () => {
  it("accepts well-formed values, nulls and partial sheets", () => {
    expect(check({ A1: 94.85, A2: 107.5, D3: "良", V1: false, E1: 2, B4: null })).toEqual([]);
    expect(check({}, { B1: 200, A1: 90 })).toEqual([]);
  });

  it("names unknown indicator codes in values and targets", () => {
    expect(check({ Z9: 1 }, { Q1: 3 })).toEqual([
      { path: "people[0].values.Z9", message: "没有这个指标代码 unknown indicator code", code: "BAD_VALUE" },
      {
        path: "people[0].targets.Q1",
        message: "没有这个指标代码 unknown indicator code",
        code: "BAD_TARGET",
      },
    ]);
    expect(check({ constructor: 1 }).map((issue) => issue.path)).toEqual(["people[0].values.constructor"]);
  });

  it("refuses numbers sent as text", () => {
    expect(check({ A2: "107.5", B1: "NaN" }).map((issue) => issue.path)).toEqual([
      "people[0].values.A2",
      "people[0].values.B1",
    ]);
  });

  it("rejects the wrong kind of value", () => {
    const issues = check({ A1: true, D3: 1, V1: "yes", A3: { value: 1 } });
    expect(issues.map((issue) => issue.path)).toEqual([
      "people[0].values.A1",
      "people[0].values.D3",
      "people[0].values.V1",
      "people[0].values.A3",
    ]);
  });

  it("rejects NaN, Infinity and non-numeric strings", () => {
    const issues = check({ A1: Number.NaN, A2: Number.POSITIVE_INFINITY, A3: "ninety", A4: "", B1: "1,000" });
    expect(issues.map((issue) => issue.path)).toEqual([
      "people[0].values.A1",
      "people[0].values.A2",
      "people[0].values.A3",
      "people[0].values.A4",
      "people[0].values.B1",
    ]);
  });

  it("rejects rating labels outside the levels, listing the levels", () => {
    const [issue] = check({ D3: "甲" });
    expect(issue?.path).toBe("people[0].values.D3");
    expect(issue?.message).toContain("优, 良, 中, 差");
  });

  it("rejects negative counts for deductions and bonuses only", () => {
    expect(check({ C3: -1, D1: "-0.5", E1: -2, A2: -1 }).map((issue) => issue.path)).toEqual([
      "people[0].values.C3",
      "people[0].values.D1",
      "people[0].values.E1",
    ]);
  });

  it("rejects target overrides ≤ 0 where the rule divides by the target", () => {
    const issues = check({}, { A3: 0, A4: -80, B1: "240", A1: 0, D4: 0 });
    expect(issues.map((issue) => issue.path)).toEqual([
      "people[0].targets.A3",
      "people[0].targets.A4",
      "people[0].targets.B1",
    ]);
  });

  it("uses the prefix only when there is one", () => {
    expect(validatePersonValues(scheme, { Z9: 1 }, undefined, "")[0]?.path).toBe("values.Z9");
  });
});

describe("incident kinds capped per case (每例最高扣)", () => {
  const capped: SchemeDocument = {
    ...scheme,
    categories: [
      {
        code: "C",
        name: "c",
        indicators: [
          {
            code: "C6",
            name: "流动人口信息通报",
            points: 8,
            appliesTo: ["station"],
            source: "assessor",
            rule: {
              type: "incidents",
              kinds: [
                { label: "迟报", per: 0.2, maxPerCase: 2 },
                { label: "错报", per: 1 },
              ],
              foundAboveFactor: 2,
            },
          },
        ],
      },
    ],
  };
  const checkCapped = (value: unknown) => validatePersonValues(capped, { C6: value }, undefined, "");

  it("takes a list of case sizes for the capped kind (also found above) and a count for the others", () => {
    expect(checkCapped({ 迟报: [3, 12], "迟报@上级": [1], 错报: 2 })).toEqual([]);
    expect(checkCapped({ 迟报: [] })).toEqual([]);
  });

  it("refuses a count for the capped kind, a list for a counted kind, and bad case sizes, naming the case", () => {
    expect(checkCapped({ 迟报: 2 })[0]?.message).toContain("应逐例填写数量");
    expect(checkCapped({ 错报: [1] })[0]?.message).toContain("“错报”的例数应为不小于 0 的数字");
    expect(checkCapped({ 迟报: [3, -1] })[0]?.message).toContain("“迟报”第 2 例的数量应为不小于 0 的数字");
    expect(checkCapped({ 迟报: [3, 1.234] })[0]?.message).toContain("“迟报”第 2 例：最多 2 位小数");
    expect(checkCapped({ 迟报: new Array(1001).fill(1) })[0]?.message).toContain("最多填 1000 例");
  });
});

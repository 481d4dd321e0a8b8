import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreIndicator } from "../../src/domain/rules";
import { type Indicator, parseScheme, type SchemeDocument } from "../../src/domain/scheme";
import { scorePool } from "../../src/domain/score-pool";
import type { IndicatorValue } from "../../src/domain/values";

// Every ```json example block of docs/SCHEME.md, fed to the engine: the reference cannot drift from the code.

interface IndicatorExample {
  text: string;
  indicator: Indicator;
  cases: { value: IndicatorValue; score: number; extra?: number; vetoed?: boolean }[];
}

interface PoolExample {
  text: string;
  scheme: SchemeDocument;
  people: {
    employeeNo: string;
    township: string;
    unitClass?: string;
    quarterTotals?: (number | null)[];
    values: Record<string, IndicatorValue>;
    targets?: Record<string, number>;
    total: number;
    weighted?: number;
    vetoed: boolean;
    rank: number;
  }[];
  townships: { name: string; composite: number; rank: number; preVeto: boolean }[];
}

const markdown = readFileSync(new URL("../../docs/SCHEME.md", import.meta.url), "utf8");
const blocks = [...markdown.matchAll(/```json example\n([\s\S]*?)\n```/g)].map((match) =>
  JSON.parse(match[1] ?? ""),
);
const indicatorExamples: IndicatorExample[] = blocks.filter((block) => "indicator" in block);
const poolExamples: PoolExample[] = blocks.filter((block) => "scheme" in block);

function schemeWith(indicator: Indicator) {
  return {
    code: "DOC",
    name: "文档示例",
    year: 2024,
    gradeBands: [{ grade: "all", label: "全部", min: 0 }],
    excellentQuota: 0.2,
    preVetoBottomN: 0,
    bonusCap: 5,
    categories: [{ code: "A", name: "示例", indicators: [indicator] }],
  };
}

describe("docs/SCHEME.md worked examples", () => {
  it("has examples for every rule type and option", () => {
    const types = new Set(indicatorExamples.map((example) => example.indicator.rule.type));
    expect([...types].sort()).toEqual(
      [
        "bands",
        "bonus",
        "deduction",
        "incidents",
        "ratio",
        "rating",
        "shortfall",
        "threshold",
        "veto",
      ].sort(),
    );
    const options = indicatorExamples.flatMap((example) =>
      (["veto", "negative", "zeroIf", "beyond"] as const).filter(
        (key) => example.indicator[key] !== undefined,
      ),
    );
    expect(new Set(options)).toEqual(new Set(["veto", "negative", "zeroIf", "beyond"]));
    expect(poolExamples.length).toBeGreaterThan(0);
  });

  it.each(indicatorExamples.map((example) => [example.text, example] as const))("%s", (_text, example) => {
    const parsed = parseScheme(schemeWith(example.indicator));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.warnings).toEqual([]);
    const [indicator] = parsed.scheme.categories[0]?.indicators ?? [];
    if (indicator === undefined) throw new Error("no indicator");
    for (const sample of example.cases) {
      const result = scoreIndicator(indicator, sample.value, undefined);
      expect(Number(result.score.toFixed(2)), JSON.stringify(sample.value)).toBe(sample.score);
      expect(Number(result.extra.toFixed(2))).toBe(sample.extra ?? 0);
      if (sample.vetoed !== undefined) expect(result.vetoed).toBe(sample.vetoed);
    }
  });

  it.each(poolExamples.map((example) => [example.text, example] as const))("%s", (_text, example) => {
    const parsed = parseScheme(example.scheme);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const pool = scorePool(
      parsed.scheme,
      example.people.map((person) => ({ ...person, category: "station" as const })),
    );
    expect(
      pool.people.map(({ employeeNo, total, vetoed, rank }) => ({ employeeNo, total, vetoed, rank })),
    ).toEqual(
      example.people.map(({ employeeNo, total, vetoed, rank }) => ({ employeeNo, total, vetoed, rank })),
    );
    expect(
      pool.townships.map(({ name, composite, rank, preVeto }) => ({ name, composite, rank, preVeto })),
    ).toEqual(example.townships);
  });
});

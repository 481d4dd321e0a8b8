import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listIndicators, parseScheme } from "../../src/domain/scheme";
import { scorePool } from "../../src/domain/score-pool";
import type { IndicatorValue } from "../../src/domain/values";

// Real published 考核细则 written into the scheme format (docs/published-schemes): each must be a valid
// scheme, score its sample as calculated by hand, and match the fit counts reported in docs/SCHEME.md.

interface Published {
  source: string;
  clauses: { text: string; fit: "exact" | "approximate" | "impossible"; indicator?: string; note?: string }[];
  scheme: unknown;
  acceptedWarnings?: string[];
  sample: {
    values: Record<string, IndicatorValue>;
    base: number;
    total: number;
    vetoed: boolean;
    grade: string;
    weighted?: number;
  };
}

const folder = new URL("../../docs/published-schemes/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".json"));
const published = files.map(
  (name) => [name, JSON.parse(readFileSync(new URL(name, folder), "utf8")) as Published] as const,
);
const reference = readFileSync(new URL("../../docs/SCHEME.md", import.meta.url), "utf8");

describe("published schemes written into the format", () => {
  it("has at least three", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(published)("%s is valid and scores its sample as calculated by hand", (_name, doc) => {
    const parsed = parseScheme(doc.scheme);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(doc.acceptedWarnings ?? []);
    const codes = new Set(listIndicators(parsed.scheme).map((indicator) => indicator.code));
    for (const clause of doc.clauses) if (clause.indicator) expect(codes).toContain(clause.indicator);
    const [person] = scorePool(parsed.scheme, [
      { employeeNo: "1", township: "甲", category: "station", values: doc.sample.values },
    ]).people;
    expect(person).toMatchObject({
      base: doc.sample.base,
      total: doc.sample.total,
      vetoed: doc.sample.vetoed,
      grade: doc.sample.grade,
      missing: [],
    });
    expect(person?.weighted).toBe(doc.sample.weighted);
  });

  it.each(published)("%s: the fit counts in docs/SCHEME.md match its clauses", (name, doc) => {
    const count = (fit: string) => doc.clauses.filter((clause) => clause.fit === fit).length;
    const row = reference.split("\n").find((line) => line.includes(`published-schemes/${name}`));
    expect(row, `no row for ${name} in docs/SCHEME.md`).toBeDefined();
    const cells = (row ?? "").split("|").map((cell) => cell.trim());
    expect(cells.slice(-5, -1).map(Number)).toEqual([
      doc.clauses.length,
      count("exact"),
      count("approximate"),
      count("impossible"),
    ]);
  });
});

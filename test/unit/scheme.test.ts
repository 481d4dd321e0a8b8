import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import {
  appliesTo,
  formatPath,
  type Issue,
  listIndicators,
  parseScheme,
  sortedGradeBands,
} from "../../src/domain/scheme";

type LooseDocument = Record<string, unknown> & { categories: { indicators: Record<string, unknown>[] }[] };

// A mutable, loosely typed deep copy of the demo document to break in one place per test.
function demoCopy(): LooseDocument {
  return JSON.parse(JSON.stringify(demo));
}

function firstIndicator(doc: ReturnType<typeof demoCopy>): Record<string, unknown> {
  const found = doc.categories[0]?.indicators[0];
  if (found === undefined) throw new Error("demo scheme has no A1");
  return found;
}

function issuesOf(input: unknown): Issue[] {
  const result = parseScheme(input);
  if (result.ok) throw new Error("expected the scheme to be rejected");
  return result.issues;
}

function pathsOf(input: unknown): string[] {
  return issuesOf(input).map((issue) => issue.path);
}

describe("the demo scheme", () => {
  it("parses and round-trips unchanged", () => {
    const result = parseScheme(demo);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scheme).toStrictEqual(demo);
  });

  it("survives a JSON round trip of the parsed document", () => {
    const result = parseScheme(JSON.parse(JSON.stringify(demo)));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(parseScheme(JSON.parse(JSON.stringify(result.scheme)))).toStrictEqual(result);
  });

  it("lists its 18 indicators in document order and knows who they apply to", () => {
    const result = parseScheme(demo);
    if (!result.ok) throw new Error("demo rejected");
    const indicators = listIndicators(result.scheme);
    expect(indicators.map((indicator) => indicator.code).join(" ")).toBe(
      "A1 A2 A3 A4 A5 B1 B2 B3 B4 C1 C2 C3 D1 D2 D3 D4 E1 V1",
    );
    const reassigned = indicators
      .filter((indicator) => appliesTo(indicator, "reassigned"))
      .map((i) => i.code);
    expect(reassigned).toContain("D4");
    expect(reassigned).not.toContain("A5");
    expect(reassigned).not.toContain("B2");
    expect(reassigned).not.toContain("C2");
    const station = indicators.filter((indicator) => appliesTo(indicator, "station")).map((i) => i.code);
    expect(station).not.toContain("D4");
    // Points: station 100, reassigned 100 − 6 − 6 − 5 + 10 = 93.
    const points = (codes: string[]) =>
      indicators.filter((i) => codes.includes(i.code)).reduce((total, i) => total + i.points, 0);
    expect(points(station)).toBe(100);
    expect(points(reassigned)).toBe(93);
  });

  it("exposes grade bands from the highest min down, whatever their order", () => {
    const doc = demoCopy();
    (doc.gradeBands as unknown[]).reverse();
    const result = parseScheme(doc);
    if (!result.ok) throw new Error("rejected");
    expect(sortedGradeBands(result.scheme).map((band) => band.grade)).toEqual([
      "excellent",
      "pass",
      "basic",
      "fail",
    ]);
  });
});

describe("scheme validation", () => {
  it("names an unknown rule type at rule.type", () => {
    const doc = demoCopy();
    firstIndicator(doc).rule = { type: "percentile" };
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].rule.type"]);
    expect(issuesOf(doc)[0]?.message).toMatch(/unknown rule type.*ratio/);
  });

  it("names each missing or bad rule parameter", () => {
    const doc = demoCopy();
    firstIndicator(doc).rule = { type: "shortfall", direction: "higher", step: 0 };
    expect(pathsOf(doc).sort()).toEqual([
      "categories[0].indicators[0].rule.deduct",
      "categories[0].indicators[0].rule.step",
    ]);
    expect(issuesOf(doc).find((issue) => issue.path.endsWith("deduct"))?.message).toBe(
      "指标 A1 政策符合率：缺少每步扣分 required",
    );
  });

  it("rejects parameters that belong to another rule", () => {
    const doc = demoCopy();
    firstIndicator(doc).rule = { type: "ratio", floor: 0.5, step: 1 };
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].rule.step"]);
  });

  it("requires a positive target for a ratio", () => {
    const doc = demoCopy();
    const a3 = doc.categories[0]?.indicators[2];
    if (a3 === undefined) throw new Error("no A3");
    a3.target = 0;
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[2].target"]);
    delete a3.target;
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[2].target"]);
  });

  it("requires a target for shortfall and threshold but not for bands on value", () => {
    const doc = demoCopy();
    delete firstIndicator(doc).target;
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].target"]);
  });

  it("rejects duplicate indicator codes across categories", () => {
    const doc = demoCopy();
    const b1 = doc.categories[1]?.indicators[0];
    if (b1 === undefined) throw new Error("no B1");
    b1.code = "A1";
    expect(pathsOf(doc)).toEqual(["categories[1].indicators[0].code"]);
  });

  it("rejects empty categories and a scheme without categories", () => {
    const doc = demoCopy();
    const first = doc.categories[0];
    if (first === undefined) throw new Error("no A");
    first.indicators = [];
    expect(pathsOf(doc)).toEqual(["categories[0].indicators"]);
    expect(pathsOf({ ...demoCopy(), categories: [] })).toEqual(["categories"]);
  });

  it("rejects grade bands that leave a gap below the lowest", () => {
    // The demo's consequences name its grades; these cases are about the bands alone.
    const doc: LooseDocument = { ...demoCopy(), consequences: undefined };
    doc.gradeBands = [
      { grade: "excellent", label: "优秀", min: 90 },
      { grade: "pass", label: "合格", min: 60 },
    ];
    expect(pathsOf(doc)).toEqual(["gradeBands[1].min"]);
  });

  it("rejects duplicate grade codes and mins, and no bands at all", () => {
    // The demo's consequences name its grades; these cases are about the bands alone.
    const doc: LooseDocument = { ...demoCopy(), consequences: undefined };
    doc.gradeBands = [
      { grade: "pass", label: "合格", min: 60 },
      { grade: "pass", label: "合格", min: 60 },
      { grade: "fail", label: "不合格", min: 0 },
    ];
    expect(pathsOf(doc).sort()).toEqual(["gradeBands[1].grade", "gradeBands[1].min"]);
    expect(pathsOf({ ...demoCopy(), gradeBands: [] })).toEqual(["gradeBands"]);
  });

  it("rejects a quota outside [0, 1] and bad counts", () => {
    expect(pathsOf({ ...demoCopy(), excellentQuota: 1.2 })).toEqual(["excellentQuota"]);
    expect(pathsOf({ ...demoCopy(), excellentQuota: -0.1 })).toEqual(["excellentQuota"]);
    expect(pathsOf({ ...demoCopy(), preVetoBottomN: 1.5 })).toEqual(["preVetoBottomN"]);
    expect(pathsOf({ ...demoCopy(), bonusCap: -1 })).toEqual(["bonusCap"]);
    expect(pathsOf({ ...demoCopy(), year: 2025.5 })).toEqual(["year"]);
    expect(pathsOf({ ...demoCopy(), code: "" })).toEqual(["code"]);
  });

  it("checks band, rating and bonus parameters", () => {
    const doc = demoCopy();
    const indicators = doc.categories[3]?.indicators;
    if (indicators === undefined) throw new Error("no D");
    const d3 = indicators[2];
    const d4 = indicators[3];
    if (d3 === undefined || d4 === undefined) throw new Error("no D3/D4");
    d3.rule = { type: "rating", levels: {} };
    d4.rule = {
      type: "bands",
      on: "value",
      bands: [
        { min: 60, fraction: 1.5 },
        { min: 60, fraction: 0.5 },
      ],
    };
    expect(pathsOf(doc).sort()).toEqual([
      "categories[3].indicators[2].rule.levels",
      "categories[3].indicators[3].rule.bands[0].fraction",
      "categories[3].indicators[3].rule.bands[1].min",
    ]);
    const withBadBonus = demoCopy();
    const e1 = withBadBonus.categories[4]?.indicators[0];
    if (e1 === undefined) throw new Error("no E1");
    e1.rule = { type: "bonus", per: 2 };
    expect(pathsOf(withBadBonus)).toEqual(["categories[4].indicators[0].rule.cap"]);
  });

  it("allows a veto limit only on numeric rules", () => {
    const doc = demoCopy();
    const v1 = doc.categories[5]?.indicators[0];
    if (v1 === undefined) throw new Error("no V1");
    v1.veto = { below: 1 };
    expect(pathsOf(doc)).toEqual(["categories[5].indicators[0].veto"]);
    const empty = demoCopy();
    firstIndicator(empty).veto = {};
    expect(pathsOf(empty)).toEqual(["categories[0].indicators[0].veto"]);
  });

  it("checks appliesTo and source", () => {
    const doc = demoCopy();
    firstIndicator(doc).appliesTo = [];
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].appliesTo"]);
    firstIndicator(doc).appliesTo = ["station", "retired"];
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].appliesTo[1]"]);
    firstIndicator(doc).appliesTo = ["station"];
    firstIndicator(doc).source = "leader";
    expect(pathsOf(doc)).toEqual(["categories[0].indicators[0].source"]);
  });

  it("names unknown keys one by one", () => {
    const doc = { ...demoCopy(), colour: "red" };
    firstIndicator(doc).weight = 2;
    expect(pathsOf(doc).sort()).toEqual(["categories[0].indicators[0].weight", "colour"]);
  });

  it("rejects a non-object", () => {
    expect(pathsOf(null)).toEqual([""]);
    expect(pathsOf("scheme")).toEqual([""]);
  });

  it("formats paths with dots and brackets", () => {
    expect(formatPath(["categories", 1, "indicators", 3, "rule", "step"])).toBe(
      "categories[1].indicators[3].rule.step",
    );
    expect(formatPath([2, "min"])).toBe("[2].min");
  });
});

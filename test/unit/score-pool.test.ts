import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import { parseScheme, type SchemeDocument } from "../../src/domain/scheme";
import {
  assignGrades,
  type PoolMember,
  rankPeople,
  scorePool,
  scoreTownships,
} from "../../src/domain/score-pool";

function demoScheme(): SchemeDocument {
  const result = parseScheme(demo);
  if (!result.ok) throw new Error("demo scheme rejected");
  return result.scheme;
}

const scheme = demoScheme();

function sheet(employeeNo: string, total: number, base = total, vetoed = false) {
  return { employeeNo, base, total, vetoed };
}

describe("assignGrades", () => {
  it("takes the band with the largest min ≤ total, the lowest when vetoed", () => {
    const sheets = [
      sheet("1", 75),
      sheet("2", 74.99),
      sheet("3", 60),
      sheet("4", 59.99),
      sheet("5", 0),
      sheet("6", 88, 88, true),
    ];
    expect(assignGrades(scheme, sheets)).toEqual(["pass", "basic", "basic", "fail", "fail", "fail"]);
  });

  it("keeps at most ⌊n × quota⌋ excellent, by total, then base, then employee number", () => {
    // n = 10, quota 0.2 → k = 2. Qualifying: E9 95; E1, E0, E2 at 93 (bases 91, 93, 93).
    // Order: E9 (95), E0 (93/93), E2 (93/93, after E0 by number), E1 (93/91) → E9, E0 keep 优秀.
    const sheets = [
      sheet("E1", 93, 91),
      sheet("E2", 93, 93),
      sheet("E9", 95, 80),
      sheet("E0", 93, 93),
      ...["E3", "E4", "E5", "E6", "E7"].map((no) => sheet(no, 80)),
      sheet("E8", 99, 99, true), // vetoed: counts in n, never excellent
    ];
    expect(assignGrades(scheme, sheets)).toEqual([
      "pass",
      "pass",
      "excellent",
      "excellent",
      "pass",
      "pass",
      "pass",
      "pass",
      "pass",
      "fail",
    ]);
  });

  it("computes the quota exactly (0.29 × 100 = 29, not 28.999…)", () => {
    const custom = { ...scheme, excellentQuota: 0.29 };
    const sheets = Array.from({ length: 100 }, (_, i) => sheet(String(i).padStart(3, "0"), 95));
    const grades = assignGrades(custom, sheets);
    expect(grades.filter((grade) => grade === "excellent")).toHaveLength(29);
    expect(grades.slice(0, 29).every((grade) => grade === "excellent")).toBe(true);
    expect(assignGrades(scheme, sheets.slice(0, 15)).filter((g) => g === "excellent")).toHaveLength(3);
    expect(assignGrades(scheme, sheets.slice(0, 4)).filter((g) => g === "excellent")).toHaveLength(0);
  });
});

describe("rankPeople", () => {
  it("uses competition ranking (1, 2, 2, 4)", () => {
    const totals = [90, 85, 85, 80, 92.5].map((total) => ({ total, vetoed: false }));
    expect(rankPeople(totals)).toEqual([2, 3, 3, 5, 1]);
  });

  it("ranks vetoed sheets after every other, by total among themselves", () => {
    const sheets = [
      { total: 90, vetoed: false },
      { total: 95, vetoed: true },
      { total: 85, vetoed: false },
      { total: 70, vetoed: true },
      { total: 95, vetoed: true },
    ];
    expect(rankPeople(sheets)).toEqual([1, 3, 2, 5, 3]);
  });
});

describe("scoreTownships", () => {
  const member = (township: string, total: number, vetoed = false) => ({ township, total, vetoed });

  it("averages members (vetoed included), rounding half-up exactly", () => {
    const results = scoreTownships(scheme, [
      member("浩塘镇", 70.01),
      member("杨柳乡", 80),
      member("浩塘镇", 70.02, true), // (70.01 + 70.02)/2 = 70.015 → 70.02 (floats say 70.01)
      member("杨柳乡", 81),
    ]);
    expect(results).toEqual([
      {
        name: "杨柳乡",
        composite: 80.5,
        staffMean: 80.5,
        rank: 1,
        preVeto: true,
        hasVetoedMember: false,
        memberCount: 2,
      },
      {
        name: "浩塘镇",
        composite: 70.02,
        staffMean: 70.02,
        rank: 2,
        preVeto: true,
        hasVetoedMember: true,
        memberCount: 2,
      },
    ]);
  });

  it("flags every township at or below the N-th lowest composite (预否决)", () => {
    const members = [
      member("T5", 80),
      member("T1", 60),
      member("T2", 60),
      member("T4", 70),
      member("T3", 60),
      member("T6", 90),
    ];
    const flagged = (bottomN: number) =>
      scoreTownships({ ...scheme, preVetoBottomN: bottomN }, members)
        .filter((township) => township.preVeto)
        .map((township) => township.name);
    expect(flagged(2)).toEqual(["T1", "T2", "T3"]); // a three-way tie at the 2nd lowest
    expect(flagged(3)).toEqual(["T1", "T2", "T3"]);
    expect(flagged(4)).toEqual(["T4", "T1", "T2", "T3"]);
    expect(flagged(0)).toEqual([]);
    expect(flagged(10)).toHaveLength(6);
  });

  it("sorts by rank, then name, with competition ranks", () => {
    const results = scoreTownships(scheme, [
      member("b", 70),
      member("a", 70),
      member("c", 90),
      member("d", 60),
    ]);
    expect(results.map(({ name, rank }) => `${name}${rank}`)).toEqual(["c1", "a2", "b2", "d4"]);
  });
});

describe("scorePool", () => {
  const perfect: PoolMember["values"] = {
    A1: 95,
    A2: 107,
    A3: 98,
    A4: 80,
    A5: 90,
    B1: 240,
    B2: 95,
    B3: 95,
    B4: 95,
    C1: 100,
    C2: 85,
    C3: 0,
    D1: 0,
    D2: 40,
    D3: "优",
    D4: 90,
    E1: 0,
    V1: false,
  };

  it("scores, grades and ranks people in input order, and their townships", () => {
    const members: PoolMember[] = [
      { employeeNo: "003", township: "杨柳乡", category: "station", values: { ...perfect, D3: "差" } }, // 97.5
      { employeeNo: "001", township: "浩塘镇", category: "reassigned", values: { ...perfect, E1: 5 } }, // 100 + 4
      { employeeNo: "002", township: "浩塘镇", category: "station", values: { ...perfect, V1: true } }, // vetoed 100
      ...["004", "005"].map(
        (no): PoolMember => ({
          employeeNo: no,
          township: "城关镇",
          category: "station",
          values: { ...perfect, C1: 0 },
        }),
      ), // 95 each
    ];
    const { people, townships } = scorePool(scheme, members);
    expect(people.map((p) => [p.employeeNo, p.total, p.grade, p.rank, p.vetoed])).toEqual([
      ["003", 97.5, "pass", 2, false], // k = ⌊5 × 0.2⌋ = 1: only 001 keeps 优秀
      ["001", 104, "excellent", 1, false],
      ["002", 100, "fail", 5, true],
      ["004", 95, "pass", 3, false],
      ["005", 95, "pass", 3, false],
    ]);
    // 浩塘镇 (104 + 100)/2 = 102; 杨柳乡 97.5; 城关镇 95. Bottom 2: 杨柳乡, 城关镇.
    expect(townships.map((t) => [t.name, t.composite, t.rank, t.preVeto, t.hasVetoedMember])).toEqual([
      ["浩塘镇", 102, 1, false, true],
      ["杨柳乡", 97.5, 2, true, false],
      ["城关镇", 95, 3, true, false],
    ]);
  });

  it("handles an empty pool", () => {
    expect(scorePool(scheme, [])).toEqual({ people: [], townships: [], townshipSheets: [] });
  });
});

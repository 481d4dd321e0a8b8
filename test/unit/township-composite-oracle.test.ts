import fc from "fast-check";
import { describe, expect, it } from "vitest";
import campaignScheme from "../../src/db/seed/campaign-scheme.json";
import { parseScheme, type SchemeDocument } from "../../src/domain/scheme";
import { scorePool, scoreTownships } from "../../src/domain/score-pool";
import { add, cents, div, mul, type Rational, rational } from "../support/exact-rational";

// Township composites (人员平均分 / 乡镇考核得分 / 加权) and 预否决 proposals against an independent oracle: exact
// rationals on BigInt, rounded once at the end, ranks and bottom-N with ties counted by hand.

const base = parseScheme(campaignScheme);
if (!base.ok) throw new Error(JSON.stringify(base.issues));
const scheme = base.scheme;
const withRule = (rule: SchemeDocument["townshipComposite"], bottomN = 2): SchemeDocument => ({
  ...scheme,
  assessees: ["people", "townships"],
  townshipComposite: rule,
  preVetoBottomN: bottomN,
});

const names = ["甲", "乙", "丙", "丁", "戊"] as const;
// Totals in hundredths, as the engine stores them.
const hundredths = fc.integer({ min: 0, max: 10_500 });
const exact = (h: number) => rational(BigInt(h), 100n);
const num = (h: number) => h / 100;

function oracleComposite(
  rule: { from: string; own?: number; staff?: number },
  staff: number[],
  own: number | undefined,
): Rational | undefined {
  const mean =
    staff.length === 0
      ? undefined
      : div(staff.map(exact).reduce(add, rational(0n)), rational(BigInt(staff.length)));
  const ownR = own === undefined ? undefined : exact(own);
  if (rule.from === "staffMean") return mean;
  if (rule.from === "own") return ownR;
  if (ownR && mean) {
    const w = (x: number) => rational(BigInt(Math.round(x * 100)), 100n);
    return add(mul(ownR, w(rule.own ?? 0)), mul(mean, w(rule.staff ?? 0)));
  }
  return ownR ?? mean;
}

describe("township composites against the oracle", () => {
  const weights = fc.integer({ min: 0, max: 100 }).map((p) => ({ own: p / 100, staff: (100 - p) / 100 }));
  const rules = fc.oneof(
    fc.constant({ from: "staffMean" as const }),
    fc.constant({ from: "own" as const }),
    weights.map((w) => ({ from: "weighted" as const, ...w })),
  );
  const pool = fc.record({
    staff: fc.array(
      fc.record({ township: fc.constantFrom(...names), total: hundredths, vetoed: fc.boolean() }),
      {
        maxLength: 20,
      },
    ),
    own: fc.uniqueArray(
      fc.record({ township: fc.constantFrom(...names), total: hundredths, vetoed: fc.boolean() }),
      {
        selector: (o) => o.township,
      },
    ),
  });

  it("computes every composite exactly, rounds once, ranks with ties and proposes bottom-N with ties", () => {
    fc.assert(
      fc.property(rules, pool, fc.integer({ min: 0, max: 3 }), (rule, { staff, own }, bottomN) => {
        const results = scoreTownships(
          withRule(rule, bottomN),
          staff.map((s) => ({ ...s, total: num(s.total) })),
          own.map((o) => ({ ...o, total: num(o.total) })),
        );
        const expected = names.flatMap((name) => {
          const members = staff.filter((s) => s.township === name).map((s) => s.total);
          const ownTotal = own.find((o) => o.township === name)?.total;
          if (members.length === 0 && ownTotal === undefined) return [];
          const composite = oracleComposite(rule, members, ownTotal);
          return composite === undefined ? [] : [{ name, composite: Number(cents(composite)) }];
        });
        expect(results.map((r) => r.name).sort()).toEqual(expected.map((e) => e.name).sort());
        for (const e of expected) {
          const got = results.find((r) => r.name === e.name);
          expect(got?.composite).toBe(e.composite);
          // Competition rank: one more than the number strictly higher.
          expect(got?.rank).toBe(1 + expected.filter((o) => o.composite > e.composite).length);
        }
        const ascending = expected.map((e) => e.composite).sort((a, b) => a - b);
        const boundary = ascending[Math.min(bottomN, ascending.length) - 1];
        for (const r of results)
          expect(r.preVeto).toBe(bottomN > 0 && boundary !== undefined && r.composite <= boundary);
      }),
      { numRuns: 400 },
    );
  });

  it("70 % own assessment + 30 % staff mean, by hand", () => {
    const results = scoreTownships(
      withRule({ from: "weighted", own: 0.7, staff: 0.3 }, 1),
      [
        { township: "甲", total: 80, vetoed: false },
        { township: "甲", total: 85.01, vetoed: false },
        { township: "乙", total: 90, vetoed: false },
      ],
      [
        { township: "甲", total: 92.5, vetoed: false },
        { township: "乙", total: 70, vetoed: true },
      ],
    );
    // 甲: 0.7 × 92.5 + 0.3 × 82.505 = 64.75 + 24.7515 = 89.5015 → 89.50; 乙: 49 + 27 = 76.
    expect(results).toEqual([
      expect.objectContaining({
        name: "甲",
        composite: 89.5,
        rank: 1,
        staffMean: 82.51,
        ownTotal: 92.5,
        preVeto: false,
      }),
      expect.objectContaining({ name: "乙", composite: 76, rank: 2, hasVetoedMember: true, preVeto: true }),
    ]);
  });

  it("scores township sheets in the pool apart from people and ranks them by composite", () => {
    const { people, townships, townshipSheets } = scorePool(scheme, [
      { employeeNo: "", township: "甲", category: "township", values: { S1: "优", S2: 90, S3: 96 } },
      { employeeNo: "", township: "乙", category: "township", values: { S1: "差", S2: 45, S3: 75 } },
    ]);
    expect(people).toEqual([]);
    expect(townshipSheets.map((s) => [s.township, s.total, s.rank, s.grade])).toEqual([
      ["甲", 100, 1, "excellent"],
      ["乙", 50, 2, "fail"], // 15 + 20 + 15
    ]);
    expect(townships.map((t) => [t.name, t.composite, t.preVeto])).toEqual([
      ["甲", 100, true], // bottom-2 of two townships: both proposed
      ["乙", 50, true],
    ]);
  });

  it("refuses a scheme whose composite reads what it does not assess, or weights that do not add up to 1", () => {
    const refused = (doc: unknown) => {
      const parsed = parseScheme(doc);
      return parsed.ok ? [] : parsed.issues.map((i) => i.path);
    };
    expect(refused({ ...campaignScheme, townshipComposite: { from: "staffMean" } })).toContain(
      "townshipComposite.from",
    );
    expect(
      refused({
        ...campaignScheme,
        assessees: ["people", "townships"],
        townshipComposite: { from: "weighted", own: 0.7, staff: 0.2 },
      }),
    ).toContain("townshipComposite.own");
    expect(refused({ ...campaignScheme, assessees: ["people"] }).length).toBeGreaterThan(0);
    expect(
      refused({ ...campaignScheme, consequences: { grades: { 特等: [{ kind: "reward", measure: "x" }] } } }),
    ).toContain("consequences.grades.特等");
  });
});

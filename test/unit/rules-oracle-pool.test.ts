import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Indicator, SchemeDocument } from "../../src/domain/scheme";
import { scorePool } from "../../src/domain/score-pool";
import {
  add,
  ceil,
  cents,
  cmp,
  decimal,
  div,
  maxR,
  minR,
  mul,
  type Rational,
  rational,
  type Sample,
  sub,
  ZERO,
} from "../support/exact-rational";

// A whole pool of several townships against the exact-rational oracle: every rule that needs a target scored
// against a per-person override where one is given (完成率, 差额扣分, 达标, 按完成率分档), the 一票否决 item,
// a 加分 item under the scheme's cap, then base, total, grades under the 优秀 quota with its tie-breaks, ranks
// with vetoed sheets last, township composites and 预否决 — computed independently of the engine.

const TOWNSHIPS = ["甲乡", "乙镇", "丙街道"] as const;

interface Params {
  points: Sample[]; // R, S, T, B
  target: Sample;
  step: Sample;
  deduct: Sample;
  partial: Sample;
  bandMin: Sample; // one band below full: rate ≥ bandMin → bandFraction
  bandFraction: Sample;
  bonusPer: Sample;
  bonusCap: Sample;
  schemeBonusCap: Sample;
  quota: Sample;
  bottomN: number;
}

interface Person {
  township: (typeof TOWNSHIPS)[number];
  values: Sample[]; // R, S, T, B actuals
  overrides: (Sample | undefined)[]; // per-person targets for R, S, T, B
  bonusCount: number;
  vetoed: boolean;
}

const CODES = ["R", "S", "T", "B"] as const;

function schemeOf(p: Params): SchemeDocument {
  const target = p.target.num;
  const ind = (code: string, points: number, rule: Indicator["rule"], withTarget = true): Indicator => ({
    code,
    name: code,
    points,
    ...(withTarget ? { target } : {}),
    appliesTo: ["station", "reassigned"],
    source: "self",
    rule,
  });
  const [r, s, t, b] = p.points.map((x) => x.num);
  return {
    code: "POOL",
    name: "pool",
    year: 2026,
    gradeBands: [
      { grade: "excellent", label: "优秀", min: 90 },
      { grade: "pass", label: "合格", min: 60 },
      { grade: "fail", label: "不合格", min: 0 },
    ],
    excellentQuota: p.quota.num,
    preVetoBottomN: p.bottomN,
    bonusCap: p.schemeBonusCap.num,
    categories: [
      {
        code: "A",
        name: "a",
        indicators: [
          ind("R", r ?? 0, { type: "ratio" }),
          ind("S", s ?? 0, {
            type: "shortfall",
            direction: "higher",
            step: p.step.num,
            deduct: p.deduct.num,
          }),
          ind("T", t ?? 0, { type: "threshold", direction: "atLeast", partial: p.partial.num }),
          ind("B", b ?? 0, {
            type: "bands",
            on: "rate",
            bands: [
              { min: 1, fraction: 1 },
              { min: p.bandMin.num, fraction: p.bandFraction.num },
            ],
          }),
          ind("V", 0, { type: "veto" }, false),
          ind("E", 0, { type: "bonus", per: p.bonusPer.num, cap: p.bonusCap.num }, false),
        ],
      },
    ],
  };
}

const toCents = (x: Rational) => rational(BigInt(cents(x).replace(".", "")), 100n);

/** One person's item scores (each to cents), base, bonus and total, exactly. */
function oracleSheet(p: Params, person: Person) {
  const items = CODES.map((_, i) => {
    const points = (p.points[i] as Sample).exact;
    const a = (person.values[i] as Sample).exact;
    const t = (person.overrides[i] ?? p.target).exact;
    if (i === 0) return cmp(a, t) >= 0 ? points : div(mul(points, a), t);
    if (i === 1) {
      const gap = sub(t, a);
      return cmp(gap, ZERO) <= 0
        ? points
        : maxR(ZERO, sub(points, mul(p.deduct.exact, ceil(div(gap, p.step.exact)))));
    }
    if (i === 2) return cmp(a, t) >= 0 ? points : mul(points, p.partial.exact);
    const rate = div(a, t);
    if (cmp(rate, rational(1n)) >= 0) return points;
    return cmp(rate, p.bandMin.exact) >= 0 ? mul(points, p.bandFraction.exact) : ZERO;
  }).map(toCents);
  const earned = items.reduce(add, ZERO);
  const available = p.points.reduce((sum, x) => add(sum, x.exact), ZERO);
  const base = available.n === 0n ? ZERO : toCents(div(mul(earned, rational(100n)), available));
  const bonusItem = toCents(
    minR(mul(p.bonusPer.exact, rational(BigInt(person.bonusCount))), p.bonusCap.exact),
  );
  const bonus = minR(p.schemeBonusCap.exact, bonusItem);
  return { items, base, bonus, total: add(base, bonus) };
}

function competition(values: Rational[], offset = 0): number[] {
  return values.map((v) => offset + 1 + values.filter((o) => cmp(o, v) > 0).length);
}

function oraclePool(p: Params, people: Person[]) {
  const sheets = people.map((person) => oracleSheet(p, person));
  const n = people.length;
  // Grades: band by total, vetoed lowest, then the top band within ⌊n × quota⌋ by total, base, 工号.
  const band = (total: Rational) =>
    cmp(total, rational(90n)) >= 0 ? "excellent" : cmp(total, rational(60n)) >= 0 ? "pass" : "fail";
  const grades = sheets.map((s, i) => (people[i]?.vetoed ? "fail" : band(s.total)));
  const quota = Number((BigInt(n) * p.quota.exact.n) / p.quota.exact.d);
  const excellent = grades
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g === "excellent")
    .map(({ i }) => i)
    .sort((x, y) => {
      const sx = sheets[x] as (typeof sheets)[number];
      const sy = sheets[y] as (typeof sheets)[number];
      return cmp(sy.total, sx.total) || cmp(sy.base, sx.base) || (employeeNo(x) < employeeNo(y) ? -1 : 1);
    });
  for (const i of excellent.slice(quota)) grades[i] = "pass";
  // Ranks: competition among the clear sheets, vetoed after them all.
  const ranks = new Array<number>(n).fill(0);
  const clear = people.flatMap((person, i) => (person.vetoed ? [] : [i]));
  const vetoed = people.flatMap((person, i) => (person.vetoed ? [i] : []));
  const rankGroup = (group: number[], offset: number) => {
    const r = competition(
      group.map((i) => (sheets[i] as (typeof sheets)[number]).total),
      offset,
    );
    group.forEach((i, k) => {
      ranks[i] = r[k] ?? 0;
    });
  };
  rankGroup(clear, 0);
  rankGroup(vetoed, clear.length);
  // Townships: the mean total of all members (vetoed included) to cents, competition ranks, bottom N with ties.
  const names = TOWNSHIPS.filter((name) => people.some((person) => person.township === name));
  const composites = names.map((name) => {
    const totals = sheets.filter((_, i) => people[i]?.township === name).map((s) => s.total);
    return toCents(div(totals.reduce(add, ZERO), rational(BigInt(totals.length))));
  });
  const townshipRanks = competition(composites);
  const ascending = [...composites].sort(cmp);
  const edge = p.bottomN === 0 ? undefined : ascending[Math.min(p.bottomN, ascending.length) - 1];
  const townships = names.map((name, k) => ({
    name,
    composite: cents(composites[k] as Rational),
    rank: townshipRanks[k],
    preVeto: edge !== undefined && cmp(composites[k] as Rational, edge) <= 0,
  }));
  return { sheets, grades, ranks, townships };
}

const employeeNo = (i: number) => `P${String(i).padStart(3, "0")}`;

const paramsArb: fc.Arbitrary<Params> = fc.record({
  points: fc.array(decimal(0, 20, 1), { minLength: 4, maxLength: 4 }),
  target: decimal(1, 120, 1),
  step: decimal(0.5, 5, 1),
  deduct: decimal(0, 3, 1),
  partial: decimal(0, 1, 2),
  bandMin: decimal(0.5, 0.99, 2),
  bandFraction: decimal(0, 1, 2),
  bonusPer: decimal(0, 3, 1),
  bonusCap: decimal(0, 6, 1),
  schemeBonusCap: decimal(0, 5, 1),
  quota: decimal(0, 1, 2),
  bottomN: fc.nat({ max: 3 }),
});

const personArb: fc.Arbitrary<Person> = fc.record({
  township: fc.constantFrom(...TOWNSHIPS),
  values: fc.array(decimal(0, 150, 1), { minLength: 4, maxLength: 4 }),
  overrides: fc.array(fc.option(decimal(1, 120, 1), { nil: undefined, freq: 2 }), {
    minLength: 4,
    maxLength: 4,
  }),
  bonusCount: fc.nat({ max: 4 }),
  vetoed: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

describe("a pool of several townships against the exact oracle", () => {
  it("per-person targets on every target rule, the veto item, bonus cap, grades under quota, ranks, townships", () => {
    fc.assert(
      fc.property(paramsArb, fc.array(personArb, { minLength: 1, maxLength: 14 }), (params, people) => {
        const scheme = schemeOf(params);
        const result = scorePool(
          scheme,
          people.map((person, i) => ({
            employeeNo: employeeNo(i),
            township: person.township,
            category: "station",
            values: {
              ...Object.fromEntries(CODES.map((code, k) => [code, person.values[k]?.num])),
              V: person.vetoed,
              E: person.bonusCount,
            },
            targets: Object.fromEntries(
              CODES.flatMap((code, k) => {
                const override = person.overrides[k];
                return override === undefined ? [] : [[code, override.num]];
              }),
            ),
          })),
        );
        const oracle = oraclePool(params, people);
        result.people.forEach((scored, i) => {
          const expected = oracle.sheets[i];
          if (!expected) throw new Error("oracle lost a sheet");
          expect(scored.items.slice(0, 4).map((item) => item.score.toFixed(2))).toEqual(
            expected.items.map(cents),
          );
          expect(scored.items.find((item) => item.code === "V")).toMatchObject({
            score: 0,
            vetoed: people[i]?.vetoed,
          });
          expect(scored.base.toFixed(2)).toBe(cents(expected.base));
          expect(scored.bonus.toFixed(2)).toBe(cents(expected.bonus));
          expect(scored.total.toFixed(2)).toBe(cents(expected.total));
          expect(scored.vetoed).toBe(people[i]?.vetoed);
          expect(scored.grade).toBe(oracle.grades[i]);
          expect(scored.rank).toBe(oracle.ranks[i]);
        });
        expect(
          [...result.townships]
            .sort((a, b) => (a.name < b.name ? -1 : 1))
            .map(({ name, composite, rank, preVeto }) => ({
              name,
              composite: composite.toFixed(2),
              rank,
              preVeto,
            })),
        ).toEqual([...oracle.townships].sort((a, b) => (a.name < b.name ? -1 : 1)));
      }),
      { numRuns: 600 },
    );
  });
});

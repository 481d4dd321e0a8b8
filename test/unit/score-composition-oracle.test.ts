import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "../../src/domain/decimal";
import type { SchemeDocument } from "../../src/domain/scheme";
import { composeTotals, weightedTotal } from "../../src/domain/score-composition";
import { assignGrades } from "../../src/domain/score-pool";
import { add, cents, cmp, decimal, div, mul, type Rational, rational, sub } from "../support/exact-rational";

// Composition (组合) against the exact-rational oracle: group share, rank adjustments, weighted totals, and
// 优秀 quotas per township under the county ceiling.

const townships = fc.constantFrom("甲", "乙", "丙");
const fromCents = (text: string) => rational(BigInt(text.replace(".", "")), 100n);

describe("quarters combined into the year (季度/半年得分按权重合成全年) against the exact oracle", () => {
  // Weights in hundredths that add up to 1: own > 0, then the four quarters.
  const weights = fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.array(fc.nat({ max: 100 }), { minLength: 4, maxLength: 4 }))
    .map(([own, raw]) => {
      let left = 100 - own;
      const quarters = raw.map((r, i) => {
        const take = i === 3 ? left : Math.min(left, r % (left + 1));
        left -= take;
        return take;
      });
      return { own, quarters };
    });

  it("Σ wᵢ xᵢ / Σ wᵢ over the parts present, rounded once to cents", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            own: decimal(-10, 110, 2),
            quarters: fc.array(fc.option(decimal(0, 110, 2), { nil: null }), { minLength: 4, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        weights,
        (sheets, { own, quarters }) => {
          const w = (hundredths: number) => rational(BigInt(hundredths), 100n);
          const expected = sheets.map((sheet) => {
            let weighted = mul(w(own), sheet.own.exact);
            let total = w(own);
            sheet.quarters.forEach((q, i) => {
              const weight = quarters[i] ?? 0;
              if (q === null || weight === 0) return;
              weighted = add(weighted, mul(w(weight), q.exact));
              total = add(total, w(weight));
            });
            return cents(div(weighted, total));
          });
          const composed = composeTotals(
            sheets.map((sheet) => ({
              township: "甲",
              total: dec(sheet.own.num),
              vetoed: false,
              quarterTotals: sheet.quarters.map((q) => (q === null ? null : q.num)),
            })),
            { yearFrom: { own: own / 100, quarters: quarters.map((q) => q / 100) } },
          );
          expect(composed.map((total) => total.toFixed(2))).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe("composition against the exact oracle", () => {
  it("group share, then top / bottom rank adjustments with ties, then the weighted total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ township: townships, own: decimal(0, 105, 2), vetoed: fc.boolean() }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.tuple(decimal(0, 1, 2), fc.integer({ min: 1, max: 6 }), decimal(0, 5, 1)),
        fc.tuple(fc.integer({ min: 1, max: 6 }), decimal(-5, 0, 1), decimal(0, 1, 2)),
        (sheets, [share, topCount, topAdd], [bottomCount, bottomAdd, weight]) => {
          const mean = new Map<string, Rational>();
          for (const name of new Set(sheets.map((s) => s.township))) {
            const own = sheets.filter((s) => s.township === name).map((s) => s.own.exact);
            mean.set(name, fromCents(cents(div(own.reduce(add), rational(BigInt(own.length))))));
          }
          const shared = sheets.map((s) =>
            fromCents(
              cents(
                add(
                  mul(sub(rational(1n), share.exact), s.own.exact),
                  mul(share.exact, mean.get(s.township) ?? rational(0n)),
                ),
              ),
            ),
          );
          const clear = shared.filter((_, i) => !sheets[i]?.vetoed);
          const ascending = [...clear].sort(cmp);
          const edge = ascending[Math.min(bottomCount, ascending.length) - 1];
          const expected = shared.map((total, i) => {
            if (sheets[i]?.vetoed) return total;
            let result = total;
            if (clear.filter((other) => cmp(other, total) > 0).length < topCount)
              result = add(result, topAdd.exact);
            if (edge !== undefined && cmp(total, edge) <= 0) result = add(result, bottomAdd.exact);
            return result;
          });
          const composed = composeTotals(
            sheets.map((s) => ({ township: s.township, total: dec(s.own.num), vetoed: s.vetoed })),
            {
              groupShare: share.num,
              rankAdjust: {
                top: { count: topCount, add: topAdd.num },
                bottom: { count: bottomCount, add: bottomAdd.num },
              },
              weightInTotal: weight.num,
            },
          );
          expect(composed.map((total) => total.toFixed(2))).toEqual(expected.map(cents));
          expect(composed.map((total) => weightedTotal(total, weight.num).toFixed(2))).toEqual(
            expected.map((total) => cents(mul(total, weight.exact))),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("优秀 quota per township within the county ceiling", () => {
    const scheme = (townshipQuota: number, excellentQuota: number): SchemeDocument => ({
      code: "Q",
      name: "q",
      year: 2024,
      gradeBands: [
        { grade: "excellent", label: "优秀", min: 90 },
        { grade: "pass", label: "合格", min: 0 },
      ],
      excellentQuota,
      preVetoBottomN: 0,
      bonusCap: 0,
      categories: [],
      composition: { townshipQuota },
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            township: townships,
            total: fc.integer({ min: 85, max: 100 }),
            base: fc.integer({ min: 80, max: 100 }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        decimal(0, 1, 2),
        decimal(0, 1, 2),
        (rows, perTownship, county) => {
          const sheets = rows.map((row, i) => ({
            ...row,
            employeeNo: `E${String(i).padStart(2, "0")}`,
            vetoed: false,
          }));
          const order = (x: (typeof sheets)[number], y: (typeof sheets)[number]) =>
            y.total - x.total || y.base - x.base || (x.employeeNo < y.employeeNo ? -1 : 1);
          const floorOf = (n: number, q: Rational) => Number((BigInt(n) * q.n) / q.d);
          const kept = new Set<string>();
          for (const name of new Set(sheets.map((s) => s.township))) {
            const members = sheets.filter((s) => s.township === name);
            const excellent = members.filter((s) => s.total >= 90).sort(order);
            for (const s of excellent.slice(0, floorOf(members.length, perTownship.exact)))
              kept.add(s.employeeNo);
          }
          const survivors = sheets.filter((s) => kept.has(s.employeeNo)).sort(order);
          const final = new Set(
            survivors.slice(0, floorOf(sheets.length, county.exact)).map((s) => s.employeeNo),
          );
          const grades = assignGrades(scheme(perTownship.num, county.num), sheets);
          expect(grades).toEqual(sheets.map((s) => (final.has(s.employeeNo) ? "excellent" : "pass")));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

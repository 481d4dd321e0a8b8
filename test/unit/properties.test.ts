import "../support/property-seed";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import demo from "../../src/db/seed/demo-scheme.json";
import { maxScore, scoreIndicator } from "../../src/domain/rules";
import {
  type Indicator,
  listIndicators,
  parseScheme,
  type Rule,
  type SchemeDocument,
} from "../../src/domain/scheme";
import { assignGrades, type PoolMember, rankPeople, scorePool } from "../../src/domain/score-pool";
import { scoreSheet } from "../../src/domain/score-sheet";
import type { IndicatorValue } from "../../src/domain/values";

function demoScheme(): SchemeDocument {
  const result = parseScheme(demo);
  if (!result.ok) throw new Error("demo scheme rejected");
  return result.scheme;
}

const scheme = demoScheme();

// Decimals with up to `scale` places, built from integers so that every sample is a clean JSON number.
const decimal = (min: number, max: number, scale = 2) =>
  fc
    .integer({ min: Math.round(min * 10 ** scale), max: Math.round(max * 10 ** scale) })
    .map((n) => n / 10 ** scale);
const fraction = decimal(0, 1);

const bandsArb = fc
  .uniqueArray(fc.record({ min: decimal(0, 120), fraction }), {
    minLength: 1,
    maxLength: 5,
    selector: (b) => b.min,
  })
  .map((bands) => {
    // Fractions rising with min make the rule "higher is better", which the monotonicity test needs.
    const mins = bands.map((b) => b.min).sort((x, y) => x - y);
    const fractions = bands.map((b) => b.fraction).sort((x, y) => x - y);
    return mins.map((min, i) => ({ min, fraction: fractions[i] ?? 0 }));
  });

/** A numeric rule paired with whether a higher actual is better for it. */
interface Ruled {
  rule: Rule;
  higherIsBetter: boolean;
}

const numericRuleArb: fc.Arbitrary<Ruled> = fc.oneof(
  fc
    .record({ floor: fraction })
    .map(({ floor }): Ruled => ({ rule: { type: "ratio", floor }, higherIsBetter: true })),
  fc.record({ higher: fc.boolean(), step: decimal(0.01, 5), deduct: decimal(0, 3) }).map(
    ({ higher, step, deduct }): Ruled => ({
      rule: { type: "shortfall", direction: higher ? "higher" : "lower", step, deduct },
      higherIsBetter: higher,
    }),
  ),
  fc.record({ atLeast: fc.boolean(), partial: fraction }).map(
    ({ atLeast, partial }): Ruled => ({
      rule: { type: "threshold", direction: atLeast ? "atLeast" : "atMost", partial },
      higherIsBetter: atLeast,
    }),
  ),
  fc.record({ rate: fc.boolean(), bands: bandsArb }).map(
    ({ rate, bands }): Ruled => ({
      rule: { type: "bands", on: rate ? "rate" : "value", bands },
      higherIsBetter: true,
    }),
  ),
  decimal(0, 3).map((per): Ruled => ({ rule: { type: "deduction", per }, higherIsBetter: false })),
  fc.record({ per: decimal(0, 5), cap: decimal(0, 10) }).map(
    ({ per, cap }): Ruled => ({
      rule: { type: "bonus", per, cap },
      higherIsBetter: true,
    }),
  ),
);

const indicatorArb = fc
  .record({ ruled: numericRuleArb, points: decimal(0, 20), target: decimal(0.01, 500) })
  .map(({ ruled, points, target }): { indicator: Indicator; higherIsBetter: boolean } => ({
    indicator: {
      code: "X",
      name: "x",
      points,
      target,
      appliesTo: ["station"],
      source: "self",
      rule: ruled.rule,
    },
    higherIsBetter: ruled.higherIsBetter,
  }));

const actualArb = decimal(0, 1000, 3);

const score = (indicator: Indicator, actual: number) => scoreIndicator(indicator, actual, undefined).score;

describe("properties of one indicator", () => {
  it("scores within [0, points], a bonus within [0, cap]", () => {
    fc.assert(
      fc.property(indicatorArb, actualArb, ({ indicator }, actual) => {
        const value = score(indicator, actual);
        expect(value.gte("0") && value.lte(maxScore(indicator))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("never scores less when the actual moves the better way", () => {
    fc.assert(
      fc.property(indicatorArb, actualArb, actualArb, ({ indicator, higherIsBetter }, x, y) => {
        const [worse, better] = x <= y === higherIsBetter ? [x, y] : [y, x];
        expect(score(indicator, better).gte(score(indicator, worse))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A value of the right kind for the indicator, or none. */
function valueArb(indicator: Indicator): fc.Arbitrary<IndicatorValue | undefined> {
  const { rule } = indicator;
  const present: fc.Arbitrary<IndicatorValue> =
    rule.type === "veto"
      ? fc.boolean()
      : rule.type === "rating"
        ? fc.constantFrom(...Object.keys(rule.levels))
        : rule.type === "deduction" || rule.type === "bonus"
          ? decimal(0, 12, 1)
          : decimal(0, 300, 2);
  return fc.option(present, { nil: undefined, freq: 8 });
}

const valuesArb = fc.record(
  Object.fromEntries(listIndicators(scheme).map((indicator) => [indicator.code, valueArb(indicator)])),
);

const memberArb = fc.record({
  category: fc.constantFrom("station" as const, "reassigned" as const),
  township: fc.constantFrom("杨柳乡", "浩塘镇", "城关镇", "正和镇"),
  values: valuesArb,
});

const poolArb = fc
  .array(memberArb, { minLength: 0, maxLength: 25 })
  .map((members): PoolMember[] =>
    members.map((m, i) => ({ ...m, employeeNo: String(1000 + ((i * 7919) % 997)) })),
  );

describe("properties of sheets and pools", () => {
  it("keeps every total within [0, 100 + bonusCap]", () => {
    fc.assert(
      fc.property(memberArb, (member) => {
        const sheet = scoreSheet(scheme, member);
        expect(sheet.base).toBeGreaterThanOrEqual(0);
        expect(sheet.base).toBeLessThanOrEqual(100);
        expect(sheet.total).toBeLessThanOrEqual(100 + scheme.bonusCap);
        expect(Math.round(sheet.total * 100) / 100).toBe(sheet.total);
      }),
      { numRuns: 1000 },
    );
  });

  it("never grades more than ⌊n × quota⌋ excellent", () => {
    const sheetArb = fc.record({ base: decimal(0, 100), total: decimal(0, 105), vetoed: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(sheetArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: 100 }),
        (sheets, percent) => {
          const custom = { ...scheme, excellentQuota: percent / 100 };
          const graded = sheets.map((sheet, i) => ({ ...sheet, employeeNo: `E${i}` }));
          const excellent = assignGrades(custom, graded).filter((grade) => grade === "excellent").length;
          expect(excellent).toBeLessThanOrEqual(Math.floor((sheets.length * percent) / 100));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("ranks consistently with totals, vetoed sheets last", () => {
    const sheetArb = fc.record({ total: decimal(0, 105), vetoed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(sheetArb, { maxLength: 40 }), (sheets) => {
        const ranks = rankPeople(sheets);
        sheets.forEach((a, i) => {
          sheets.forEach((b, j) => {
            const [ra, rb] = [ranks[i] ?? 0, ranks[j] ?? 0];
            if (a.vetoed !== b.vetoed) expect(a.vetoed ? ra > rb : ra < rb).toBe(true);
            else if (a.total > b.total) expect(ra).toBeLessThan(rb);
            else if (a.total === b.total) expect(ra).toBe(rb);
          });
        });
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the members", () => {
    const shuffledPool = poolArb.chain((pool) =>
      fc
        .shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length })
        .map((shuffled) => ({ pool, shuffled })),
    );
    fc.assert(
      fc.property(shuffledPool, ({ pool, shuffled }) => {
        const byEmployee = (members: PoolMember[]) => {
          const result = scorePool(scheme, members);
          const people = [...result.people].sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
          return { people, townships: result.townships };
        };
        expect(byEmployee(shuffled)).toEqual(byEmployee(pool));
      }),
      { numRuns: 200 },
    );
  });
});

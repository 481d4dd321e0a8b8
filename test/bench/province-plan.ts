import { appliesTo, listIndicators, type SchemeDocument } from "../../src/domain/scheme";
import {
  DEMO_TOWNSHIPS,
  GIVEN_NAME_CHARS,
  REASSIGNED_ORIGINS,
  STATION_POSITIONS,
  SURNAMES,
} from "../../src/services/demo/county-data";
import {
  followUpTarget,
  monthlySeries,
  PROGRESS_CODES,
  yearEndValues,
} from "../../src/services/demo/demo-values";
import { createRandom, type Random } from "../../src/services/demo/random";

// A synthetic province for the benchmarks: counties shaped like the demo county (26 townships named after
// 桂阳县's, 6–8 station staff each plus six 选调人员) with the demo scheme's indicators and plausible
// year-end values. Every random draw happens here, county by county, so the data depend only on the seed.

export type PlanValue = number | boolean | string;

export interface PlannedPerson {
  employeeNo: string;
  name: string;
  gender: "male" | "female";
  townshipIndex: number;
  category: "station" | "reassigned";
  position: string;
  originUnit: string | null;
  examScore: number | null;
  reassignedOn: string | null;
  /** Personal 随访服务人次 (B1) target. */
  b1Target: number;
  /** Year-end values by indicator code, only for indicators that apply to the person. */
  values: Record<string, PlanValue>;
  /** Values the county assessors corrected (verified ≠ self-reported), by indicator code. */
  corrections: Record<string, number>;
  /** Monthly cumulative progress by indicator code. */
  progress: Record<string, number[]>;
}

export interface PlannedCounty {
  /** 1-based position in the province. */
  index: number;
  code: string;
  name: string;
  people: PlannedPerson[];
}

export interface PlanOptions {
  counties: number;
  seed: number;
  /** Months of progress entries per person and progress indicator (0 for none). */
  progressMonths: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The county code of the n-th county (`B001`, `B002`, …). */
export const benchCountyCode = (index: number) => `B${pad(index, 3)}`;

/** Plans every county of the province. */
export function planProvince(scheme: SchemeDocument, options: PlanOptions): PlannedCounty[] {
  return Array.from({ length: options.counties }, (_, i) => planCounty(scheme, options, i + 1));
}

function planCounty(scheme: SchemeDocument, options: PlanOptions, index: number): PlannedCounty {
  const random = createRandom(options.seed + index * 7_919);
  const code = benchCountyCode(index);
  // Counties differ a little in how well their stations work.
  const countyShift = random.noise() * 0.08;
  const people: PlannedPerson[] = [];
  DEMO_TOWNSHIPS.forEach((township, t) => {
    const size = random.int(6, 8);
    for (let n = 1; n <= size; n++) {
      const quality = clamp01(township.quality + countyShift + random.noise() * 0.18);
      people.push(
        planPerson(random, scheme, options, quality, {
          employeeNo: `${code}${pad(t + 1, 2)}${pad(n, 2)}`,
          townshipIndex: t,
          category: "station",
          position: n === 1 ? "所长" : n === 2 ? "副所长" : random.pick(STATION_POSITIONS),
          originUnit: null,
          examScore: null,
          reassignedOn: null,
        }),
      );
    }
  });
  REASSIGNED_ORIGINS.forEach((origin, i) => {
    const townshipIndex = random.int(0, DEMO_TOWNSHIPS.length - 1);
    const quality = clamp01((DEMO_TOWNSHIPS[townshipIndex]?.quality ?? 0.6) + 0.1 + random.noise() * 0.12);
    people.push(
      planPerson(random, scheme, options, quality, {
        employeeNo: `${code}X${pad(i + 1, 2)}`,
        townshipIndex,
        category: "reassigned",
        position: "技术服务员（选调）",
        originUnit: origin.originUnit,
        examScore: Math.round((60 + random.next() * 38) * 2) / 2,
        reassignedOn: "2025-03-16",
      }),
    );
  });
  return { index, code, name: `基准县${pad(index, 3)}`, people };
}

type PersonFacts = Pick<
  PlannedPerson,
  "employeeNo" | "townshipIndex" | "category" | "position" | "originUnit" | "examScore" | "reassignedOn"
>;

function planPerson(
  random: Random,
  scheme: SchemeDocument,
  options: PlanOptions,
  quality: number,
  facts: PersonFacts,
): PlannedPerson {
  const b1Target = followUpTarget(random);
  const all = yearEndValues(random, quality, b1Target, facts.examScore);
  // About one sheet in 400 is vetoed ("两非"案件或瞒报漏报), so the veto path is exercised.
  all.V1 = random.next() < 0.0025;
  const values: Record<string, PlanValue> = {};
  for (const indicator of listIndicators(scheme)) {
    const value = all[indicator.code];
    if (appliesTo(indicator, facts.category) && value !== undefined) values[indicator.code] = value;
  }
  const corrections: Record<string, number> = {};
  // About one sheet in 30 has an assessor's correction of a reported number.
  if (random.next() < 1 / 30) {
    const code = random.pick(["A1", "A3", "B1", "B3", "D2"] as const);
    const reported = values[code];
    if (typeof reported === "number") corrections[code] = Math.round(reported * 0.96 * 10) / 10;
  }
  const progress: Record<string, number[]> = {};
  if (options.progressMonths > 0)
    for (const code of PROGRESS_CODES) {
      const yearEnd = all[code];
      if (typeof yearEnd === "number")
        progress[code] = monthlySeries(random, code, yearEnd, options.progressMonths);
    }
  return {
    ...facts,
    name: personName(random),
    gender: random.next() < 0.65 ? "female" : "male",
    b1Target,
    values,
    corrections,
    progress,
  };
}

function personName(random: Random): string {
  const given =
    random.next() < 0.7
      ? random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS)
      : random.pick(GIVEN_NAME_CHARS);
  return random.pick(SURNAMES) + given;
}

import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { hashPassword } from "../../src/auth/password";
import type { Db } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { counties, people, stations, townships } from "../../src/db/schema/org";
import { periods, progressEntries, targets } from "../../src/db/schema/period";
import { indicators } from "../../src/db/schema/scheme";
import { sheetItems, sheets } from "../../src/db/schema/sheet";
import type { SchemeDocument } from "../../src/domain/scheme";
import { systemActor } from "../../src/services/audit/audit";
import { demoScheme } from "../../src/services/demo/seed-demo-county";
import { importScheme } from "../../src/services/schemes/scheme-service";
import { type PlannedCounty, planProvince } from "./province-plan";
import {
  buildCountyRows,
  countRows,
  idRange,
  perTable,
  ROW_TABLES,
  type RowContext,
  type RowTable,
} from "./province-rows";
import { createRowLoader, type Row } from "./row-loader";

/** The password of every generated account. */
export const BENCH_PASSWORD = "kaohe-bench";

export interface ProvinceOptions {
  counties: number;
  seed?: number;
  /** The assessment year of every county's period (its deadlines fall early the next year). */
  year?: number;
  /** Months of monthly progress per person and progress indicator; the demo county has 10. */
  progressMonths?: number;
  /** Counties generated and written together (bounds the generator's memory). */
  countiesPerBatch?: number;
  /** A postgres.js client: rows then go through COPY instead of multi-row INSERTs. */
  copyClient?: Sql;
}

export interface GeneratedCounty {
  id: number;
  code: string;
  schemeId: number;
  periodId: number;
  people: number;
}

export interface GeneratedProvince {
  counties: GeneratedCounty[];
  rows: Record<RowTable, number>;
}

const TABLES: Record<RowTable, PgTable> = {
  townships,
  stations,
  people,
  users,
  periods,
  targets,
  sheets,
  sheetItems,
  progressEntries,
};

/** The demo scheme as every benchmark county's own scheme for the year. */
export function benchScheme(year: number): SchemeDocument {
  return {
    ...demoScheme(),
    code: "BENCH-STAFF",
    year,
    name: `${year}年度乡镇计生服务所人员目标管理考核方案`,
  };
}

/**
 * Generates a province of `counties` counties into an empty, migrated database: per county 26 townships with
 * their stations, ~188 people with accounts (password BENCH_PASSWORD), the demo scheme, one open period with
 * targets, draft sheets whose items carry year-end values, and monthly progress. Deterministic for a seed.
 * Scores are left empty: recomputing them is what the benchmarks measure.
 */
export async function generateProvince(db: Db, options: ProvinceOptions): Promise<GeneratedProvince> {
  const year = options.year ?? new Date().getFullYear();
  const scheme = benchScheme(year);
  const plan = planProvince(scheme, {
    counties: options.counties,
    seed: options.seed ?? 20_260_101,
    progressMonths: options.progressMonths ?? 10,
  });
  const loader = createRowLoader(db, options.copyClient);
  const rows = countRows(scheme, plan);
  const first = perTable(() => 0);
  for (const table of ROW_TABLES) first[table] = await loader.reserveIds(TABLES[table], rows[table]);
  const ids = perTable((table) => idRange(first[table]));

  const firstCounty = await loader.reserveIds(counties, plan.length);
  await loader.load(
    counties,
    plan.map((county, i) => ({ id: firstCounty + i, code: county.code, name: county.name })),
  );
  const refs = await importSchemes(db, scheme, firstCounty, plan.length);
  const ctx: RowContext = { scheme, year, passwordHash: await hashPassword(BENCH_PASSWORD), ids };
  const generated: GeneratedCounty[] = [];
  const batchSize = options.countiesPerBatch ?? 10;
  for (let start = 0; start < plan.length; start += batchSize) {
    const out = perTable((): Row[] => []);
    plan.slice(start, start + batchSize).forEach((county, k) => {
      const countyRefs = refs[start + k];
      if (!countyRefs) throw new Error(`no scheme for county ${county.code}`);
      const { periodId } = buildCountyRows(county, countyRefs, ctx, out);
      generated.push(summary(county, countyRefs.countyId, countyRefs.schemeId, periodId));
    });
    // Referenced tables first: the foreign keys are checked row by row.
    for (const table of ROW_TABLES) await loader.load(TABLES[table], out[table]);
  }
  await db.execute(sql`analyze`);
  return { counties: generated, rows };
}

function summary(county: PlannedCounty, id: number, schemeId: number, periodId: number): GeneratedCounty {
  return { id, code: county.code, schemeId, periodId, people: county.people.length };
}

// Each county imports the scheme through the product's own import (document, indicator rows, audit).
async function importSchemes(db: Db, scheme: SchemeDocument, firstCounty: number, count: number) {
  const schemeIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const imported = await importScheme(db, systemActor(firstCounty + i), scheme);
    schemeIds.push(imported.id);
  }
  const rows = await db
    .select({ id: indicators.id, schemeId: indicators.schemeId, code: indicators.code })
    .from(indicators)
    .where(inArray(indicators.schemeId, schemeIds));
  return schemeIds.map((schemeId, i) => ({
    countyId: firstCounty + i,
    schemeId,
    indicatorIds: new Map(rows.filter((r) => r.schemeId === schemeId).map((r) => [r.code, r.id])),
  }));
}

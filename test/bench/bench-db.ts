import postgres from "postgres";
import { createDb } from "../../src/db/client";
import { openPostgres, type PostgresConnection } from "../../src/db/postgres";
import { type GeneratedProvince, generateProvince } from "./generate-province";

// The benchmark database: a province generated once into a template database (kept between runs, keyed by
// its size), then cloned afresh for every run so each run starts from the same rows.

export interface BenchDatabase {
  url: string;
  province: GeneratedProvince;
  /** Seconds spent generating the template (0 when it was reused). */
  generatedSeconds: number;
}

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** Opens postgres.js on a URL with the product's options (drizzle over it, snake_case). */
export function connect(url: string, max: number): PostgresConnection {
  return openPostgres(url, { max });
}

/**
 * Clones the province template (generating it first when missing or when `fresh`) into `name` on the server
 * at `serverUrl`, and describes the province.
 */
export async function prepareBenchDatabase(
  serverUrl: string,
  name: string,
  counties: number,
  options: { fresh?: boolean; log?: (line: string) => void } = {},
): Promise<BenchDatabase> {
  const log = options.log ?? (() => {});
  // The template is shared by every clone name, so several engineers benchmarking at once generate it once.
  const template = `kaohe_bench_tpl_${counties}`;
  const admin = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  let generatedSeconds = 0;
  try {
    const [exists] = await admin`select 1 as one from pg_database where datname = ${template}`;
    if (!exists || options.fresh) {
      log(`generating ${counties} counties into ${template} …`);
      const started = performance.now();
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.unsafe(`create database ${template}`);
      await generateInto(withDatabase(serverUrl, template), counties);
      generatedSeconds = (performance.now() - started) / 1000;
      log(`generated in ${generatedSeconds.toFixed(1)} s`);
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  return { url, province: await describeProvince(url), generatedSeconds };
}

async function generateInto(url: string, counties: number): Promise<void> {
  const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  await handle.migrate();
  await handle.close();
  const connection = connect(url, 2);
  try {
    await generateProvince(connection.db, { counties, copyClient: connection.sql });
    await connection.sql`vacuum analyze`;
  } finally {
    await connection.close();
  }
}

/** Counties, their periods and row counts of an already generated province. */
async function describeProvince(url: string): Promise<GeneratedProvince> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const counties = await sql<
      { id: number; code: string; schemeId: number; periodId: number; people: number }[]
    >`
      select c.id, c.code, p.scheme_id as "schemeId", p.id as "periodId",
             (select count(*)::int from sheets s where s.period_id = p.id) as people
      from counties c join periods p on p.county_id = c.id order by c.id`;
    const [rows] = await sql<Record<string, number>[]>`
      select (select count(*)::int from townships) as townships, (select count(*)::int from stations) as stations,
             (select count(*)::int from people) as people, (select count(*)::int from users) as users,
             (select count(*)::int from periods) as periods, (select count(*)::int from targets) as targets,
             (select count(*)::int from sheets) as sheets, (select count(*)::int from sheet_items) as "sheetItems",
             (select count(*)::int from progress_entries) as "progressEntries"`;
    return {
      counties: [...counties],
      rows: {
        townships: rows?.townships ?? 0,
        stations: rows?.stations ?? 0,
        people: rows?.people ?? 0,
        users: rows?.users ?? 0,
        periods: rows?.periods ?? 0,
        targets: rows?.targets ?? 0,
        sheets: rows?.sheets ?? 0,
        sheetItems: rows?.sheetItems ?? 0,
        progressEntries: rows?.progressEntries ?? 0,
      },
    };
  } finally {
    await sql.end();
  }
}

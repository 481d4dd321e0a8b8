import type { Sql } from "postgres";
import { arrayLiteral } from "../../src/db/bulk";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import { connect } from "./bench-db";
import { median } from "./stats";

// Benchmark 1: recompute a whole province period (every county's period) and compare it with its floor, a
// plain bulk write of the same result rows (item scores, sheet totals, township results) with no reading
// and no computing, on the same database, in the same run, with the same transactions and parallelism.

export interface RecomputeResult {
  parallel: number;
  /** Median seconds of a full recompute (every stored score cleared first, so every row is written). */
  recompute: number;
  /** Median seconds of the floor: writing the same rows. */
  floor: number;
  /** Median seconds of a recompute with nothing changed (what a recompute after one scoring change costs). */
  unchanged: number;
  rows: { items: number; sheets: number; townships: number };
}

/** Runs with limited parallelism: at most `parallel` of the tasks at once, in order. */
async function runPool(tasks: readonly (() => Promise<unknown>)[], parallel: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

// Clears every computed result, then vacuums (as autovacuum would between recomputes), so each timed run
// starts from the same state and has to write every row.
async function clearResults(sql: Sql): Promise<void> {
  await sql`update sheet_items set score = null, vetoed = false where score is not null or vetoed`;
  await sql`update sheets set base = null, bonus = null, total = null, vetoed = false, grade = null, rank = null, township_rank = null where base is not null or vetoed`;
  await sql`delete from township_results`;
  await sql`vacuum (analyze) sheet_items, sheets, township_results`;
}

/** One county's results as array literals (one per column), ready to write. */
interface CountyWrite {
  periodId: number;
  items: Record<"id" | "score" | "vetoed", string>;
  sheets: Record<"id" | "base" | "bonus" | "total" | "vetoed" | "grade" | "rank" | "townshipRank", string>;
  townships: Record<
    "countyId" | "townshipId" | "composite" | "rank" | "preVeto" | "hasVetoedMember" | "memberCount",
    string
  >;
  counts: { items: number; sheets: number; townships: number };
}

/** Each key's values down the rows, as one array literal per key. */
function columns<K extends string>(
  rows: readonly Record<string, unknown>[],
  keys: readonly K[],
): Record<K, string> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) out[key] = arrayLiteral(rows.map((row) => row[key]));
  return out as Record<K, string>;
}

async function readResults(sql: Sql, periodId: number): Promise<CountyWrite> {
  const items = await sql`
    select i.id, i.score, i.vetoed from sheet_items i join sheets s on s.id = i.sheet_id where s.period_id = ${periodId}`;
  const sheets = await sql`
    select id, base, bonus, total, vetoed, grade, rank, township_rank as "townshipRank"
    from sheets where period_id = ${periodId}`;
  const townships = await sql`
    select county_id as "countyId", township_id as "townshipId", composite, rank, pre_veto as "preVeto",
      has_vetoed_member as "hasVetoedMember", member_count as "memberCount"
    from township_results where period_id = ${periodId}`;
  return {
    periodId,
    items: columns(items, ["id", "score", "vetoed"]),
    sheets: columns(sheets, ["id", "base", "bonus", "total", "vetoed", "grade", "rank", "townshipRank"]),
    townships: columns(townships, [
      "countyId",
      "townshipId",
      "composite",
      "rank",
      "preVeto",
      "hasVetoedMember",
      "memberCount",
    ]),
    counts: { items: items.length, sheets: sheets.length, townships: townships.length },
  };
}

// The floor: the writes recomputePeriod ends with, as plain statements over prepared arrays.
async function writeResults(sql: Sql, county: CountyWrite): Promise<void> {
  const { items: i, sheets: s, townships: t } = county;
  await sql.begin(async (tx) => {
    await tx`update sheet_items set score = v.score, vetoed = v.vetoed
      from unnest(${i.id}::int[], ${i.score}::numeric[], ${i.vetoed}::boolean[]) as v(id, score, vetoed)
      where sheet_items.id = v.id and sheet_items.id = any(${i.id}::int[])`;
    await tx`update sheets set base = v.base, bonus = v.bonus, total = v.total, vetoed = v.vetoed, grade = v.grade,
        rank = v.rank, township_rank = v.township_rank
      from unnest(${s.id}::int[], ${s.base}::numeric[], ${s.bonus}::numeric[], ${s.total}::numeric[],
        ${s.vetoed}::boolean[], ${s.grade}::text[], ${s.rank}::int[], ${s.townshipRank}::int[])
        as v(id, base, bonus, total, vetoed, grade, rank, township_rank)
      where sheets.id = v.id and sheets.id = any(${s.id}::int[])`;
    await tx`delete from township_results where period_id = ${county.periodId}`;
    await tx`insert into township_results
        (county_id, period_id, township_id, composite, rank, pre_veto, has_vetoed_member, member_count)
      select c, ${county.periodId}, t, co, r, p, h, m
      from unnest(${t.countyId}::int[], ${t.townshipId}::int[], ${t.composite}::numeric[], ${t.rank}::int[],
        ${t.preVeto}::boolean[], ${t.hasVetoedMember}::boolean[], ${t.memberCount}::int[]) as v(c, t, co, r, p, h, m)`;
  });
}

/**
 * Benchmark 1 at each parallelism: `rounds` × (clear, full recompute, clear, floor), alternating, plus the
 * recompute with nothing to change; medians in seconds.
 */
export async function benchRecompute(
  url: string,
  periodIds: readonly number[],
  options: { parallel: readonly number[]; rounds: number; log: (line: string) => void },
): Promise<RecomputeResult[]> {
  const connection = connect(url, Math.max(...options.parallel) + 1);
  const { db, sql } = connection;
  try {
    const recomputeAll = (parallel: number) =>
      runPool(
        periodIds.map((id) => () => db.transaction((tx) => recomputePeriod(tx, id))),
        parallel,
      );
    await clearResults(sql);
    await recomputeAll(2); // warms caches and yields the rows the floor writes
    const writes = await Promise.all(periodIds.map((id) => readResults(sql, id)));
    const rows = writes.reduce(
      (sum, w) => ({
        items: sum.items + w.counts.items,
        sheets: sum.sheets + w.counts.sheets,
        townships: sum.townships + w.counts.townships,
      }),
      { items: 0, sheets: 0, townships: 0 },
    );
    const results: RecomputeResult[] = [];
    for (const parallel of options.parallel) {
      const recompute: number[] = [];
      const floor: number[] = [];
      const unchanged: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        await clearResults(sql);
        floor.push(
          await timed(() =>
            runPool(
              writes.map((w) => () => writeResults(sql, w)),
              parallel,
            ),
          ),
        );
        await clearResults(sql);
        recompute.push(await timed(() => recomputeAll(parallel)));
        unchanged.push(await timed(() => recomputeAll(parallel)));
        options.log(
          `  recompute ×${parallel} round ${round + 1}: full ${recompute.at(-1)?.toFixed(2)} s, floor ${floor.at(-1)?.toFixed(2)} s, unchanged ${unchanged.at(-1)?.toFixed(2)} s`,
        );
      }
      results.push({
        parallel,
        recompute: median(recompute),
        floor: median(floor),
        unchanged: median(unchanged),
        rows,
      });
    }
    return results;
  } finally {
    await connection.close();
  }
}

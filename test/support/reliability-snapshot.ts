import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../src/db/client";

// A fingerprint of a whole database: the row count and an md5 of the rows of every table, in one query.
// Comparing two fingerprints proves that a refused request wrote nothing, anywhere.

export interface TableState {
  rows: number;
  hash: string;
}
export type DatabaseState = Record<string, TableState>;

/** Rows of a raw query on either driver (PGlite answers `{rows}`, postgres.js an array). */
export async function queryRows<T>(db: DbOrTx, text: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(text))) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const tableNames = new WeakMap<object, string[]>();

/** The base tables of the app's schema (drizzle's own migrations table lives in schema `drizzle`). */
export async function listTables(db: DbOrTx): Promise<string[]> {
  const cached = tableNames.get(db);
  if (cached) return cached;
  const rows = await queryRows<{ name: string }>(
    db,
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const names = rows.map((r) => r.name);
  tableNames.set(db, names);
  return names;
}

/**
 * Row count and content hash of every table (or of `only`). `withoutColumns` leaves columns out of the hash,
 * e.g. the identity `id` of rows that are rewritten by delete-and-insert with the same content.
 */
export async function snapshotTables(
  db: DbOrTx,
  only?: readonly string[],
  withoutColumns: readonly string[] = [],
): Promise<DatabaseState> {
  const names = only ?? (await listTables(db));
  const row = withoutColumns.length
    ? `(to_jsonb(t) - '{${withoutColumns.join(",")}}'::text[])::text`
    : "t::text";
  const parts = names.map(
    (name) =>
      `select '${name}' as name, count(*)::int as rows, md5(coalesce(string_agg(${row}, ',' order by ${row}), '')) as hash from "${name}" t`,
  );
  const rows = await queryRows<{ name: string; rows: number; hash: string }>(db, parts.join(" union all "));
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), hash: r.hash }]));
}

/** What may legitimately change on a refused request: counts only (`countOnly`) or anything (`ignore`). */
export interface Allowance {
  countOnly?: readonly string[];
  ignore?: readonly string[];
}

/** The tables that differ between two fingerprints, as readable lines (empty when equal). */
export function diffStates(before: DatabaseState, after: DatabaseState, allow: Allowance = {}): string[] {
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (allow.ignore?.includes(name)) continue;
    const a = before[name];
    const b = after[name];
    if (!a || !b) problems.push(`${name}: table ${a ? "vanished" : "appeared"}`);
    else if (a.rows !== b.rows) problems.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.hash !== b.hash && !allow.countOnly?.includes(name)) problems.push(`${name}: rows changed`);
  }
  return problems;
}

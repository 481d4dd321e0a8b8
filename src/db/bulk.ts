import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "./client";

// PostgreSQL allows 65,535 bind parameters per statement; stay well below it.
const MAX_PARAMS = 30_000;

/** Splits rows into chunks whose bound parameters fit in one statement. */
export function chunkRows<T>(rows: readonly T[], paramsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Inserts rows in chunks that fit one statement's parameter limit. */
export async function insertChunked<T extends Record<string, unknown>>(
  tx: Tx,
  table: Parameters<Tx["insert"]>[0],
  rows: T[],
): Promise<void> {
  const perRow = Math.max(1, Object.keys(rows[0] ?? {}).length);
  for (const chunk of chunkRows(rows, perRow)) await tx.insert(table).values(chunk as never);
}

// Rows per UPDATE statement: each column travels as one array parameter, so this bounds only the size of
// one statement's arrays, not its number of parameters.
const UPDATE_ROWS = 20_000;

/** One array element in PostgreSQL's array literal syntax: NULL, a bare number or boolean, else double-quoted and escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  // A number or boolean spells no quote, backslash, comma or brace: it needs no quoting (a recompute writes
  // thousands of scores and flags, and the escaping cost more than the rest of the literal).
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/** A column of values as an array literal (`{"1","2",NULL}`), cast by the statement to the column's type. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

/**
 * Updates many rows of one table by id in set-based statements, one array parameter per column:
 * `update t set a = v.a ... from unnest($1::int[], $2::type[], ...) v(id, a, ...) where t.id = v.id and t.id = any($1)`.
 * `columns` maps each snake_case column to its SQL type, used to cast the arrays.
 */
export async function updateById(
  db: DbOrTx,
  table: string,
  columns: Record<string, string>,
  rows: readonly { id: number; values: readonly unknown[] }[],
): Promise<void> {
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const assignments = sql.raw(names.map((name) => `${name} = v.${name}`).join(", "));
  const alias = sql.raw(`v(id, ${names.join(", ")})`);
  // A few large parameters instead of one per value: PostgreSQL parses, plans and binds this statement in
  // the same time whatever the number of rows, where a VALUES list costs time for every bound value.
  for (let start = 0; start < rows.length; start += UPDATE_ROWS) {
    const chunk = rows.slice(start, start + UPDATE_ROWS);
    const ids = arrayLiteral(chunk.map((row) => row.id));
    const arrays: SQL[] = [
      sql`${ids}::int[]`,
      ...names.map(
        (_, i) => sql`${arrayLiteral(chunk.map((row) => row.values[i]))}::${sql.raw(types[i] ?? "text")}[]`,
      ),
    ];
    // `id = any(ids)` lets the planner fetch the rows by primary key; with the join alone it may hash the
    // whole table (every county's rows) to find a few thousand of them.
    await db.execute(
      sql`update ${sql.identifier(table)} set ${assignments} from unnest(${sql.join(arrays, sql`, `)}) as ${alias} where ${sql.identifier(table)}.id = v.id and ${sql.identifier(table)}.id = any(${ids}::int[])`,
    );
  }
}

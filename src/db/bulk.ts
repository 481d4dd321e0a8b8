import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";

// PostgreSQL allows 65,535 bind parameters per statement; stay well below it.
const MAX_PARAMS = 30_000;

/** Splits rows into chunks whose bound parameters fit in one statement. */
export function chunkRows<T>(rows: readonly T[], paramsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Updates many rows of one table by id in set-based statements:
 * `update t set a = v.a ... from (values ...) v(id, a, ...) where t.id = v.id`.
 * `columns` maps each snake_case column to its SQL type, used to cast the bound values.
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
  for (const chunk of chunkRows(rows, names.length + 1)) {
    const tuples: SQL[] = chunk.map(
      (row) =>
        sql`(${row.id}::int, ${sql.join(
          row.values.map((value, i) => sql`${value}::${sql.raw(types[i] ?? "text")}`),
          sql`, `,
        )})`,
    );
    await db.execute(
      sql`update ${sql.identifier(table)} set ${assignments} from (values ${sql.join(tuples, sql`, `)}) as ${alias} where ${sql.identifier(table)}.id = v.id`,
    );
  }
}

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { chunkRows } from "../../src/db/bulk";
import type { Db } from "../../src/db/client";

/** A row as the generator builds it: drizzle property names (camelCase), ids included. */
export type Row = Record<string, unknown>;

/** Writes generated rows (with their ids) into a table: COPY on postgres.js, multi-row INSERTs otherwise. */
export interface RowLoader {
  load(table: PgTable, rows: readonly Row[]): Promise<void>;
  /** Reserves `count` ids of a table's identity sequence and returns the first. */
  reserveIds(table: PgTable, count: number): Promise<number>;
}

/** Opens a loader over drizzle (both backends); with a postgres.js client, rows go through COPY instead. */
export function createRowLoader(db: Db, copyClient?: Sql): RowLoader {
  return {
    load: (table, rows) =>
      rows.length === 0
        ? Promise.resolve()
        : copyClient
          ? copyRows(copyClient, table, rows)
          : insertRows(db, table, rows),
    async reserveIds(table, count) {
      const name = getTableName(table);
      // Two statements, not one: setval must see the nextval it follows.
      const start = Number(
        firstField(await db.execute(sql`select nextval(pg_get_serial_sequence(${name}, 'id')) as first`)),
      );
      // A separate statement: setval must see the nextval it follows.
      if (count > 1)
        await db.execute(sql`select setval(pg_get_serial_sequence(${name}, 'id'), ${start + count - 1})`);
      return start;
    },
  };
}

// drizzle's execute answers an array of rows on postgres.js and `{rows}` on PGlite.
function firstField(result: unknown): unknown {
  const rows: unknown[] = Array.isArray(result)
    ? result
    : result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)
      ? result.rows
      : [];
  const row = rows[0];
  return row && typeof row === "object" && "first" in row ? row.first : undefined;
}

async function insertRows(db: Db, table: PgTable, rows: readonly Row[]): Promise<void> {
  const perRow = Math.max(1, Object.keys(rows[0] ?? {}).length);
  // The ids were reserved from the identity sequence, so the rows carry them (OVERRIDING SYSTEM VALUE).
  for (const chunk of chunkRows(rows, perRow))
    await db
      .insert(table)
      .overridingSystemValue()
      .values(chunk as never);
}

async function copyRows(client: Sql, table: PgTable, rows: readonly Row[]): Promise<void> {
  const keys = Object.keys(rows[0] ?? {});
  const known = getTableColumns(table);
  for (const key of keys) if (!(key in known)) throw new Error(`${getTableName(table)} has no column ${key}`);
  const columns = keys.map((key) => toSnakeCase(key));
  // COPY writes identity columns as given (like OVERRIDING SYSTEM VALUE).
  const writable =
    await client`copy ${client(getTableName(table))} (${client(columns)}) from stdin`.writable();
  await pipeline(Readable.from(copyLines(rows, keys)), writable);
}

function* copyLines(rows: readonly Row[], keys: readonly string[]): Generator<string> {
  const batch: string[] = [];
  for (const row of rows) {
    batch.push(`${keys.map((key) => copyField(row[key])).join("\t")}\n`);
    if (batch.length === 2_000) yield batch.splice(0).join("");
  }
  if (batch.length > 0) yield batch.join("");
}

/** One field in COPY's text format: \N for null, escaped backslashes, tabs and line breaks. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  const text =
    typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

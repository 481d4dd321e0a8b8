import { eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import { chunkRows } from "../../db/bulk";
import type { DbOrTx, Tx } from "../../db/client";
import { people } from "../../db/schema/org";
import { sheets } from "../../db/schema/sheet";
import { personCategoryOf } from "../../domain/scheme";
import { type AuditEntry, recordAudit } from "../audit/audit";
import { type Cell, type Read, readText } from "./cells";
import { type ImportProblem, type RawRow, rowPath } from "./read-upload";
import type { Template } from "./templates";

/** Collects the problems of every row, so that one answer lists them all. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  constructor(private readonly template: Template) {}

  /** Records a problem at a row and column (by key). */
  add(row: number, key: string, message: string): void {
    const header = this.template.columns.find((c) => c.key === key)?.header ?? key;
    this.items.push({ path: rowPath(row, header), message });
  }

  /** Reads a cell with a reader; a problem is recorded for a bad or missing required value. */
  read<T>(row: RawRow, key: string, reader: (cell: Cell) => Read<T>): T | undefined {
    const column = this.template.columns.find((c) => c.key === key);
    const cell = row.cells[key] ?? { kind: "empty" };
    if (cell.kind === "empty") {
      if (column?.required) this.add(row.row, key, "必填 required");
      return undefined;
    }
    const result = reader(cell);
    if (!result.ok) {
      this.add(row.row, key, result.message);
      return undefined;
    }
    return result.value;
  }
}

/** Remembers the first row of each key and reports later rows with the same key as duplicates. */
export function duplicateChecker(problems: ProblemList) {
  const first = new Map<string, number>();
  return (row: number, key: string, column: string, what: string) => {
    const seen = first.get(key);
    if (seen === undefined) first.set(key, row);
    else problems.add(row, column, `与第 ${seen} 行重复（${what}） duplicate of row ${seen}`);
  };
}

/** A person with a sheet in the period, as an import row names them. */
export interface PeriodMember {
  personId: number;
  name: string;
  townshipId: number;
  category: "station" | "reassigned";
}

/** Everyone with a sheet in the period, by employee number (one query). */
export async function loadPeriodMembers(db: DbOrTx, periodId: number): Promise<Map<string, PeriodMember>> {
  const rows = await db
    .select({
      employeeNo: people.employeeNo,
      personId: people.id,
      name: people.name,
      townshipId: sheets.townshipId,
      category: sheets.category,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .where(eq(sheets.periodId, periodId));
  return new Map(
    rows.map(({ employeeNo, category, ...member }) => [
      employeeNo,
      { ...member, category: personCategoryOf(category) },
    ]),
  );
}

/**
 * Resolves the 工号 (and checks the optional 姓名) of a row to a member of the period within the user's
 * scope. A township account is told the same for someone outside its township as for an unknown number.
 */
export function readMember(
  problems: ProblemList,
  row: RawRow,
  members: ReadonlyMap<string, PeriodMember>,
  user: SessionUser,
): PeriodMember | undefined {
  const employeeNo = problems.read(row, "employeeNo", (cell) => readText(cell, 32));
  const name = problems.read(row, "name", (cell) => readText(cell, 50));
  if (employeeNo === undefined) return undefined;
  const member = members.get(employeeNo);
  if (!member || (user.role === "township" && member.townshipId !== user.townshipId)) {
    const scope = user.role === "township" ? "本乡镇" : "本考核周期";
    problems.add(row.row, "employeeNo", `工号 ${employeeNo} 不是${scope}的考核人员 unknown employee number`);
    return undefined;
  }
  if (name !== undefined && name !== member.name)
    problems.add(
      row.row,
      "name",
      `姓名与工号不符：工号 ${employeeNo} 是“${member.name}” name does not match`,
    );
  return member;
}

/** Rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 250;

/**
 * The rows of a file, letting the event loop turn every ROWS_PER_TURN rows: checking 20,000 rows takes
 * longer than any single request may hold the loop (docs/RELIABILITY.md, work budget).
 */
export async function* rowsInTurns<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    yield row;
  }
}

/**
 * Rows written per statement: small enough that a long import reports its progress often, and that one
 * statement on the embedded database (which runs on the event loop) stays well below the 200 ms work budget.
 */
export const BATCH_ROWS = 100;

/** recordAudit in statements that stay within PostgreSQL's bind-parameter limit. */
export async function recordAuditChunked(tx: Tx, user: SessionUser, entries: readonly AuditEntry[]) {
  for (const chunk of chunkRows(entries, 10)) await recordAudit(tx, user, chunk);
}

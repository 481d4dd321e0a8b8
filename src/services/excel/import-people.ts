import { eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import { updateById } from "../../db/bulk";
import type { DbOrTx, Tx } from "../../db/client";
import { people, personMoves } from "../../db/schema/org";
import { readChoice, readDate, readNumber, readText } from "./cells";
import { BATCH_ROWS, duplicateChecker, ProblemList, recordAuditChunked, rowsInTurns } from "./import-rows";
import type { RawRow } from "./read-upload";
import { TEMPLATES } from "./templates";

const EMPLOYEE_NO = /^[A-Za-z0-9_-]{1,32}$/;

const FIELDS = [
  "name",
  "gender",
  "stationId",
  "category",
  "position",
  "originUnit",
  "examScore",
  "reassignedOn",
  "active",
] as const;
type Field = (typeof FIELDS)[number];
// The template column behind each field (the township names the station).
const COLUMN_OF: Record<Field, string> = {
  name: "name",
  gender: "gender",
  stationId: "township",
  category: "category",
  position: "position",
  originUnit: "originUnit",
  examScore: "examScore",
  reassignedOn: "reassignedOn",
  active: "active",
};

/** One validated person row: the columns of `people` it sets. */
export interface PersonRecord {
  row: number;
  employeeNo: string;
  name: string;
  gender: "male" | "female" | null;
  stationId: number;
  category: "station" | "reassigned";
  position: string;
  originUnit: string | null;
  examScore: number | null;
  reassignedOn: string | null;
  active: boolean;
  /** The fields the file has a column for; an update leaves the others as they are. */
  present: readonly Field[];
}

type Existing = typeof people.$inferSelect;

/** Everyone of the county by employee number. */
export async function loadCountyPeople(db: DbOrTx, countyId: number): Promise<Map<string, Existing>> {
  const rows = await db.select().from(people).where(eq(people.countyId, countyId));
  return new Map(rows.map((row) => [row.employeeNo, row]));
}

// 选调人员 must say where they came from, their exam score and when they moved (as the table requires).
function checkReassigned(problems: ProblemList, row: RawRow, values: Record<string, unknown>): void {
  for (const key of ["originUnit", "examScore", "reassignedOn"])
    if (values[key] === null && (row.cells[key]?.kind ?? "empty") === "empty")
      problems.add(row.row, key, "选调人员必填 required for 选调人员");
}

/** Reads one row into a person record, recording a problem for every bad cell. */
function readPersonRow(
  problems: ProblemList,
  stationByTownship: ReadonlyMap<string, number>,
  row: RawRow,
): PersonRecord | undefined {
  let employeeNo = problems.read(row, "employeeNo", (cell) => readText(cell, 32));
  if (employeeNo !== undefined && !EMPLOYEE_NO.test(employeeNo)) {
    problems.add(row.row, "employeeNo", "工号只能由字母、数字、- 和 _ 组成 letters, digits, - and _ only");
    employeeNo = undefined;
  }
  const name = problems.read(row, "name", (cell) => readText(cell, 50));
  const gender = problems.read(row, "gender", (cell) =>
    readChoice(cell, { 男: "male", 女: "female" } as const),
  );
  const township = problems.read(row, "township", (cell) => readText(cell, 50));
  const stationId = township === undefined ? undefined : stationByTownship.get(township);
  if (township !== undefined && stationId === undefined)
    problems.add(row.row, "township", `本县没有乡镇（街道）“${township}” unknown township`);
  const category = problems.read(row, "category", (cell) =>
    readChoice(cell, { 所内人员: "station", 选调人员: "reassigned" } as const),
  );
  const position = problems.read(row, "position", (cell) => readText(cell, 50));
  const details = {
    originUnit: problems.read(row, "originUnit", (cell) => readText(cell, 100)) ?? null,
    examScore: problems.read(row, "examScore", (cell) => readNumber(cell, { min: 0, max: 100 })) ?? null,
    reassignedOn: problems.read(row, "reassignedOn", readDate) ?? null,
    active:
      problems.read(row, "active", (cell) => readChoice(cell, { 是: true, 否: false } as const)) ?? true,
  };
  if (category === "reassigned") checkReassigned(problems, row, details);
  if (!employeeNo || !name || stationId === undefined || !category || !position) return undefined;
  const present = FIELDS.filter((field) => COLUMN_OF[field] in row.cells);
  return {
    row: row.row,
    employeeNo,
    name,
    gender: gender ?? null,
    stationId,
    category,
    position,
    ...details,
    present,
  };
}

/** Checks every row of a people file against the county's townships. */
export async function validatePeopleRows(
  stationByTownship: ReadonlyMap<string, number>,
  rows: readonly RawRow[],
) {
  const problems = new ProblemList(TEMPLATES.people);
  const duplicate = duplicateChecker(problems);
  const records: PersonRecord[] = [];
  for await (const row of rowsInTurns(rows)) {
    const record = readPersonRow(problems, stationByTownship, row);
    const employeeNo = row.cells.employeeNo;
    if (employeeNo?.kind === "text" || employeeNo?.kind === "number")
      duplicate(row.row, String(employeeNo.value), "employeeNo", "同一工号");
    if (record) records.push(record);
  }
  return { records, problems: problems.items };
}

function changedFields(old: Existing, record: PersonRecord) {
  return record.present.filter((field) => old[field] !== record[field]);
}

/** The record with the fields its file has no column for taken from the stored person. */
function mergeWith(old: Existing, record: PersonRecord): PersonRecord {
  const merged: PersonRecord = { ...record };
  for (const field of FIELDS)
    if (!record.present.includes(field)) Object.assign(merged, { [field]: old[field] });
  return merged;
}

/** Inserts new people and updates changed ones by employee number; a station change is recorded as a move. */
export async function writePeople(
  tx: Tx,
  user: SessionUser,
  records: readonly PersonRecord[],
  today: string,
  reason: string | undefined,
  onProgress: (processed: number) => void,
) {
  const existing = await loadCountyPeople(tx, user.countyId);
  const fresh = records.filter((r) => !existing.has(r.employeeNo));
  const updates = records.flatMap((r) => {
    const old = existing.get(r.employeeNo);
    const fields = old ? changedFields(old, r) : [];
    return old && fields.length > 0 ? [{ record: mergeWith(old, r), old, fields }] : [];
  });
  let processed = records.length - fresh.length - updates.length;
  onProgress(processed);
  for (let start = 0; start < fresh.length; start += BATCH_ROWS) {
    const chunk = fresh.slice(start, start + BATCH_ROWS);
    const ids = await tx
      .insert(people)
      .values(chunk.map(({ row: _row, present: _present, ...r }) => ({ ...r, countyId: user.countyId })))
      .returning({ id: people.id, employeeNo: people.employeeNo });
    await recordAuditChunked(
      tx,
      user,
      chunk.map(({ row, present: _present, ...r }) => ({
        action: "person.import",
        entity: "person",
        entityId: ids.find((i) => i.employeeNo === r.employeeNo)?.id ?? r.employeeNo,
        after: { ...r, row },
        reason,
      })),
    );
    processed += chunk.length;
    onProgress(processed);
  }
  await updatePeople(tx, user, updates, today, reason);
  onProgress(records.length);
  return {
    inserted: fresh.length,
    updated: updates.length,
    unchanged: records.length - fresh.length - updates.length,
  };
}

async function updatePeople(
  tx: Tx,
  user: SessionUser,
  updates: { record: PersonRecord; old: Existing; fields: Field[] }[],
  today: string,
  reason: string | undefined,
) {
  await updateById(
    tx,
    "people",
    {
      name: "text",
      gender: "text",
      station_id: "int",
      category: "text",
      position: "text",
      origin_unit: "text",
      exam_score: "numeric",
      reassigned_on: "date",
      active: "boolean",
    },
    updates.map(({ record: r, old }) => ({
      id: old.id,
      values: [
        r.name,
        r.gender,
        r.stationId,
        r.category,
        r.position,
        r.originUnit,
        r.examScore,
        r.reassignedOn,
        r.active,
      ],
    })),
  );
  await recordMoves(
    tx,
    user,
    updates.filter((u) => u.fields.includes("stationId")),
    today,
    reason,
  );
  await recordAuditChunked(
    tx,
    user,
    updates.map(({ record, old, fields }) => ({
      action: "person.import.update",
      entity: "person",
      entityId: old.id,
      before: Object.fromEntries(fields.map((f) => [f, old[f]])),
      after: { ...Object.fromEntries(fields.map((f) => [f, record[f]])), row: record.row },
      reason,
    })),
  );
}

/** A station change made by an import is a move (调动), recorded like any other. */
async function recordMoves(
  tx: Tx,
  user: SessionUser,
  moves: readonly { record: PersonRecord; old: Existing }[],
  today: string,
  reason: string | undefined,
) {
  for (let start = 0; start < moves.length; start += BATCH_ROWS)
    await tx.insert(personMoves).values(
      moves.slice(start, start + BATCH_ROWS).map(({ record, old }) => ({
        countyId: user.countyId,
        personId: old.id,
        fromStationId: old.stationId,
        toStationId: record.stationId,
        movedOn: today,
        reason: reason ?? "Excel 人员名册导入",
      })),
    );
}

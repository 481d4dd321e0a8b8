import type ExcelJS from "exceljs";
import { type Cell, isEmpty, toCell } from "./cells";
import { MAX_IMPORT_ROWS } from "./file-checks";
import { newWorkbook } from "./new-workbook";
import type { Template } from "./templates";

/** One problem of an import, at `file`, `header, C1` or `row 12, 指标编码`. */
export interface ImportProblem {
  path: string;
  message: string;
}

/** A data row of the sheet: its row number in Excel and its cells by column key. */
export interface RawRow {
  row: number;
  cells: Record<string, Cell>;
}

export type UploadReading =
  | { ok: true; rows: RawRow[]; problems: ImportProblem[]; skippedEmptyRows: number; sheetName: string }
  | { ok: false; status: 400 | 413; problems: ImportProblem[] };

/** The path of a cell problem, as the error details name it. */
export const rowPath = (row: number, header: string) => `row ${row}, ${header}`;

// People type headers with half-width brackets, spaces, or a * for required columns; all mean the same.
function normaliseHeader(text: string): string {
  return text
    .replace(/\s+/g, "")
    .replaceAll("(", "（")
    .replaceAll(")", "）")
    .replace(/^\*|\*$/g, "");
}

function columnLetter(index: number): string {
  let out = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Maps the header row onto the template's columns; every unknown, duplicate, merged or missing header is a problem. */
function readHeader(sheet: ExcelJS.Worksheet, template: Template) {
  const problems: ImportProblem[] = [];
  const columns = new Map<string, number>();
  const byHeader = new Map(template.columns.map((c) => [normaliseHeader(c.header), c]));
  const row = sheet.getRow(1);
  for (let index = 1; index <= sheet.columnCount; index++) {
    const cell = row.getCell(index);
    const at = `header, ${columnLetter(index)}1`;
    if (cell.isMerged) {
      problems.push({ path: at, message: "表头不能有合并单元格 Merged header cells are not allowed" });
      continue;
    }
    const value = toCell(cell.value);
    if (value.kind === "empty") continue;
    const text = value.kind === "text" ? normaliseHeader(value.value) : String(value.value);
    const column = byHeader.get(text);
    if (!column)
      problems.push({ path: at, message: `不是${template.title}模板的列“${text}” Unknown column` });
    else if (columns.has(column.key))
      problems.push({ path: at, message: `列“${column.header}”重复 Duplicate column` });
    else columns.set(column.key, index);
  }
  for (const column of template.columns)
    if (column.required && !columns.has(column.key))
      problems.push({
        path: "header",
        message: `缺少必填列“${column.header}” Missing column ${column.header}`,
      });
  return { columns, problems };
}

/** Reads the data rows of the template's columns; wholly empty rows are skipped and counted. */
function readRows(sheet: ExcelJS.Worksheet, template: Template, columns: Map<string, number>) {
  const rows: RawRow[] = [];
  const problems: ImportProblem[] = [];
  let skippedEmptyRows = 0;
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const cells: Record<string, Cell> = {};
    let merged = false;
    for (const column of template.columns) {
      const index = columns.get(column.key);
      if (index === undefined) continue;
      const cell = row.getCell(index);
      if (cell.isMerged) merged = true;
      cells[column.key] = toCell(cell.value);
    }
    if (Object.values(cells).every((cell) => isEmpty(cell))) {
      skippedEmptyRows++;
      continue;
    }
    if (merged)
      problems.push({ path: rowPath(number, "*"), message: "含合并单元格，请取消合并 Merged cells" });
    rows.push({ row: number, cells });
  }
  return { rows, problems, skippedEmptyRows };
}

/**
 * Opens the workbook and reads the template's sheet (by name, else the first), header first. Structural
 * problems of data rows (merged cells) come back with the rows, to be listed beside the value problems.
 */
export async function readUpload(data: ArrayBuffer, template: Template): Promise<UploadReading> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    return {
      ok: false,
      status: 400,
      problems: [{ path: "file", message: "工作簿已损坏，无法读取 The workbook cannot be read" }],
    };
  }
  const sheet = workbook.getWorksheet(template.sheetName) ?? workbook.worksheets[0];
  if (!sheet)
    return {
      ok: false,
      status: 400,
      problems: [{ path: "file", message: "工作簿中没有工作表 No worksheet" }],
    };
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS)
    return {
      ok: false,
      status: 413,
      problems: [{ path: "file", message: `超过 ${MAX_IMPORT_ROWS} 行 More than ${MAX_IMPORT_ROWS} rows` }],
    };
  const header = readHeader(sheet, template);
  if (header.problems.length > 0) return { ok: false, status: 400, problems: header.problems };
  const body = readRows(sheet, template, header.columns);
  if (body.rows.length === 0 && body.problems.length === 0)
    return {
      ok: false,
      status: 400,
      problems: [{ path: "file", message: "没有数据行 The sheet has no data rows" }],
    };
  return { ok: true, ...body, sheetName: sheet.name };
}

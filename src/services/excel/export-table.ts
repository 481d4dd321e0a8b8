import { plainFigure } from "../../domain/figures";
import { newWorkbook } from "./new-workbook";

/** How a column's numbers are shown: scores with two decimals, counts as integers, measures as typed. */
export type ColumnFormat = "text" | "score" | "integer" | "number";

export interface ExportColumn {
  header: string;
  width: number;
  format: ColumnFormat;
}

export type ExportValue = string | number | null;

/** A table to export: one header row, then the rows, cell by cell in column order. */
export interface ExportTable {
  title: string;
  sheetName: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportValue[])[];
}

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: "@",
  score: "0.00",
  integer: "0",
  number: undefined,
};

/** The table as an .xlsx workbook: Chinese headers, frozen header row, filters, widths, 0.00 scores, print setup. */
export async function tableToXlsx(
  table: ExportTable,
  meta: { subject: string; now: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  workbook.creator = "kaohe 目标管理考核系统";
  workbook.title = table.title;
  workbook.subject = meta.subject;
  workbook.created = meta.now;
  const sheet = workbook.addWorksheet(table.sheetName, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: NUMBER_FORMATS[column.format] ? { numFmt: NUMBER_FORMATS[column.format] } : {},
  }));
  sheet.addRows(table.rows.map((row) => [...row]));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  // Every printed page repeats the header row.
  sheet.pageSetup.printTitlesRow = "1:1";
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet: a name typed as "=HYPERLINK(...)"
// must stay text when the CSV is opened (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: ExportValue, format: ColumnFormat): string {
  if (value === null) return "";
  let text: string;
  if (typeof value === "number") text = format === "score" ? plainFigure(value, "score") : String(value);
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends. */
export function tableToCsv(table: ExportTable): string {
  const lines = [
    table.columns.map((column) => csvField(column.header, "text")).join(","),
    ...table.rows.map((row) =>
      row.map((value, i) => csvField(value, table.columns[i]?.format ?? "text")).join(","),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

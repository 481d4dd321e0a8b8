import type ExcelJS from "exceljs";

// exceljs with its zip and XML libraries adds ~29 MB to a process and 0.3–0.7 s to its start (issue 21);
// most processes never open a workbook, so they load it on the first Excel request. Import
// exceljs for types only (`import type`) and make workbooks here.

/** A new, empty workbook; exceljs is loaded on first use. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import("exceljs");
  return new excel.Workbook();
}

import type ExcelJS from "exceljs";

// exceljs and its zip and XML libraries are ~20 MB of a process's memory and a good part of its start-up;
// most processes never open a workbook, so they load it on the first Excel request (issue 21). Import
// exceljs for types only (`import type`) and make workbooks here.

/** A new, empty workbook; exceljs is loaded on first use. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import("exceljs");
  return new excel.Workbook();
}

import type ExcelJS from "exceljs";
import { MAX_IMPORT_ROWS } from "./file-checks";
import { newWorkbook } from "./new-workbook";
import type { Template } from "./templates";

// exceljs 4.4 supports range validations (`worksheet.dataValidations.add("E2:E20001", …)`, written as one
// sqref) but its typings omit them; one range beats 20,000 per-cell validations.
declare module "exceljs" {
  interface Worksheet {
    dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
  }
}

/** An indicator as the template's 指标 sheet lists it. */
export interface TemplateIndicator {
  code: string;
  name: string;
  categoryName: string;
  unit: string | null;
  defaultTarget: number | null;
  appliesToStation: boolean;
  appliesToReassigned: boolean;
}

function columnLetter(index: number): string {
  let out = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function addDataSheet(workbook: ExcelJS.Workbook, template: Template) {
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = template.columns.map((column) => ({
    header: column.header,
    width: column.width,
    // Text columns stay text, so that an employee number like 0101 keeps its leading zero.
    style: ["employeeNo", "name", "indicatorCode", "reason", "note"].includes(column.key)
      ? { numFmt: "@" }
      : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
  template.columns.forEach((column, index) => {
    if (column.required) header.getCell(index + 1).font = { bold: true, color: { argb: "FFB00020" } };
    if (!column.choices) return;
    const letter = columnLetter(index + 1);
    sheet.dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
      type: "list",
      allowBlank: !column.required,
      formulae: [`"${column.choices.join(",")}"`],
    });
  });
}

function addInstructions(workbook: ExcelJS.Workbook, template: Template) {
  const sheet = workbook.addWorksheet("填写说明");
  sheet.columns = [
    { header: "列名", width: 16 },
    { header: "是否必填", width: 10 },
    { header: "说明", width: 70 },
  ];
  sheet.addRows(template.columns.map((c) => [c.header, c.required ? "必填" : "选填", c.note]));
  sheet.addRow([]);
  for (const line of [
    `数据填写在“${template.sheetName}”工作表，第 1 行为表头，请勿修改、合并表头单元格。`,
    "数值列请填写数值，不要使用文本格式的数字。整行空白的行会被跳过。",
    `文件须为 .xlsx，不超过 5 MB、${MAX_IMPORT_ROWS} 行，且不能设置打开密码。`,
    "任何一行有误时整个文件都不导入，系统会列出每个有误的行、列和原因。",
  ])
    sheet.addRow(["", "", line]);
  sheet.getRow(1).font = { bold: true };
}

function addIndicators(workbook: ExcelJS.Workbook, indicators: readonly TemplateIndicator[]) {
  const sheet = workbook.addWorksheet("指标");
  sheet.columns = [
    { header: "指标编码", width: 10 },
    { header: "指标名称", width: 36 },
    { header: "指标类别", width: 20 },
    { header: "单位", width: 8 },
    { header: "县统一目标", width: 10 },
    { header: "适用人员", width: 20 },
  ];
  for (const i of indicators) {
    const appliesTo = [i.appliesToStation ? "所内人员" : "", i.appliesToReassigned ? "选调人员" : ""].filter(
      Boolean,
    );
    sheet.addRow([i.code, i.name, i.categoryName, i.unit, i.defaultTarget, appliesTo.join("、")]);
  }
  sheet.getRow(1).font = { bold: true };
}

/** The blank import template: the data sheet, the instructions and (for a period) its indicators. */
export async function buildTemplateWorkbook(
  template: Template,
  indicators: readonly TemplateIndicator[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  workbook.creator = "kaohe 目标管理考核系统";
  workbook.title = `${template.title}导入模板`;
  addDataSheet(workbook, template);
  addInstructions(workbook, template);
  if (indicators.length > 0) addIndicators(workbook, indicators);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

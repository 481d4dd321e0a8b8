import type ExcelJS from "exceljs";
import type { Issue, SchemeDocument } from "../../domain/scheme";
import { type Cell, isEmpty, type Read, readNumber, readText, toCell } from "./cells";
import { newWorkbook } from "./new-workbook";

// A scheme as an Excel workbook laid out like a printed 考核细则: 方案 (the scheme's settings), 等次 (grade
// bands) and 考核细则 (one row per indicator under its category, with points, target and rule). Settings a
// row of cells cannot hold (rule parameters, composition, 分类考核 …) travel as JSON in their own column,
// so a workbook exported and imported again gives the same scheme.

const SETTINGS = "方案";
const GRADES = "等次";
const RULES = "考核细则";

const SETTING_ROWS = [
  ["code", "方案代码"],
  ["name", "方案名称"],
  ["year", "年度"],
  ["excellentQuota", "优秀比例上限（%）"],
  ["preVetoBottomN", "预否决末位乡镇数"],
  ["bonusCap", "加分上限"],
  ["vetoTotalBelow", "总分低于此分一票否决"],
  ["other", "其他设置（JSON）"],
] as const;

const RULE_COLUMNS = [
  ["categoryCode", "类别代码", 10],
  ["categoryName", "类别名称", 18],
  ["code", "指标代码", 10],
  ["name", "指标名称", 30],
  ["unit", "单位", 8],
  ["points", "分值", 8],
  ["target", "目标值", 10],
  ["appliesTo", "适用人员", 20],
  ["source", "填报", 10],
  ["evidenceRequired", "须佐证", 8],
  ["ruleType", "计分规则", 12],
  ["rule", "规则参数（JSON）", 50],
  ["other", "其他设置（JSON）", 40],
] as const;

const APPLIES_TO: Record<string, string> = { station: "所内人员", reassigned: "选调人员", township: "乡镇" };
const SOURCES: Record<string, string> = { self: "本人填报", assessor: "考核组" };
const YES_NO: Record<string, boolean> = { 是: true, 否: false };

type Indicator = SchemeDocument["categories"][number]["indicators"][number];

const percentOf = (fraction: number) => Number((fraction * 100).toPrecision(12));
const fractionOf = (percent: number) => Number((percent / 100).toPrecision(12));
const json = (value: Record<string, unknown>) =>
  Object.keys(value).length > 0 ? JSON.stringify(value) : null;

function columnLetter(index: number): string {
  let out = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** The scheme as an .xlsx workbook (方案 / 等次 / 考核细则). */
export async function schemeToWorkbook(doc: SchemeDocument): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  workbook.creator = "kaohe 目标管理考核系统";
  workbook.title = doc.name;
  const {
    code,
    name,
    year,
    excellentQuota,
    preVetoBottomN,
    bonusCap,
    vetoTotalBelow,
    gradeBands,
    categories,
    ...other
  } = doc;
  const settings = workbook.addWorksheet(SETTINGS);
  settings.columns = [
    { header: "项目", width: 24 },
    { header: "值", width: 60 },
  ];
  const values: Record<(typeof SETTING_ROWS)[number][0], unknown> = {
    code,
    name,
    year,
    excellentQuota: percentOf(excellentQuota),
    preVetoBottomN,
    bonusCap,
    vetoTotalBelow: vetoTotalBelow ?? null,
    other: json(other),
  };
  for (const [key, label] of SETTING_ROWS) settings.addRow([label, values[key]]);
  styleHeader(settings);

  const grades = workbook.addWorksheet(GRADES);
  grades.columns = [
    { header: "等次代码", width: 12 },
    { header: "等次名称", width: 14 },
    { header: "最低分", width: 10 },
  ];
  for (const band of gradeBands) grades.addRow([band.grade, band.label, band.min]);
  styleHeader(grades);

  const rules = workbook.addWorksheet(RULES, {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  rules.columns = RULE_COLUMNS.map(([, header, width]) => ({ header, width }));
  for (const category of categories)
    for (const indicator of category.indicators) rules.addRow(indicatorRow(category, indicator));
  styleHeader(rules);
  rules.pageSetup.printTitlesRow = "1:1";
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function indicatorRow(category: { code: string; name: string }, indicator: Indicator) {
  const { code, name, unit, points, target, appliesTo, source, evidenceRequired, rule, ...other } = indicator;
  const { type, ...parameters } = rule;
  return [
    category.code,
    category.name,
    code,
    name,
    unit ?? null,
    points,
    target ?? null,
    appliesTo.map((c) => APPLIES_TO[c] ?? c).join("、"),
    SOURCES[source] ?? source,
    evidenceRequired === undefined ? null : evidenceRequired ? "是" : "否",
    type,
    json(parameters),
    json(other),
  ];
}

/** What reading a workbook gives: the scheme document to validate, or every bad cell named. */
export type SchemeWorkbookReading =
  | { ok: true; document: Record<string, unknown>; cellOf: (path: string) => string | undefined }
  | { ok: false; issues: Issue[] };

/** Reads a workbook written by `schemeToWorkbook` (or typed after it); every unreadable cell is an issue. */
export async function readSchemeWorkbook(bytes: Uint8Array): Promise<SchemeWorkbookReading> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return { ok: false, issues: [{ path: "file", message: "无法读取工作簿 The workbook cannot be read" }] };
  }
  const issues: Issue[] = [];
  const sheetOf = (title: string) => {
    const sheet = workbook.getWorksheet(title);
    if (!sheet) issues.push({ path: "file", message: `缺少工作表“${title}” The sheet ${title} is missing` });
    return sheet;
  };
  const [settings, grades, rules] = [sheetOf(SETTINGS), sheetOf(GRADES), sheetOf(RULES)];
  if (!settings || !grades || !rules) return { ok: false, issues };
  // Where each document path came from, so the scheme's own checks name the cell too.
  const cells = new Map<string, string>();
  const take = <T>(
    sheet: ExcelJS.Worksheet,
    row: number,
    column: number,
    path: string,
    read: (c: Cell) => Read<T>,
  ) => {
    const at = `${sheet.name}!${columnLetter(column)}${row}`;
    cells.set(path, at);
    const result = read(toCell(sheet.getRow(row).getCell(column).value));
    if (result.ok) return result.value;
    issues.push({ path: at, message: result.message });
    return undefined;
  };
  const optional =
    <T>(read: (c: Cell) => Read<T>) =>
    (cell: Cell): Read<T | undefined> =>
      isEmpty(cell) ? { ok: true, value: undefined } : read(cell);
  const text = (max: number) => (cell: Cell) => readText(cell, max);
  const number = (cell: Cell) => readNumber(cell);
  const object = (cell: Cell): Read<Record<string, unknown>> => {
    if (isEmpty(cell)) return { ok: true, value: {} };
    if (cell.kind !== "text") return { ok: false, message: "应为 JSON 文本 expected JSON text" };
    try {
      const value: unknown = JSON.parse(cell.value);
      if (typeof value === "object" && value !== null && !Array.isArray(value))
        return { ok: true, value: value as Record<string, unknown> };
    } catch {}
    return { ok: false, message: "不是有效的 JSON 对象 not a JSON object" };
  };

  const settingRow = new Map<string, number>();
  settings.eachRow((row, index) => {
    const label = toCell(row.getCell(1).value);
    if (index > 1 && label.kind === "text") settingRow.set(label.value, index);
  });
  const setting = <T>(key: (typeof SETTING_ROWS)[number][0], read: (c: Cell) => Read<T>) => {
    const label = SETTING_ROWS.find(([k]) => k === key)?.[1] ?? key;
    const row = settingRow.get(label);
    if (row === undefined) {
      issues.push({ path: `${SETTINGS}!A`, message: `缺少“${label}”一行 The row ${label} is missing` });
      return undefined;
    }
    return take(settings, row, 2, key, read);
  };
  const quota = setting("excellentQuota", number);
  const document: Record<string, unknown> = {
    code: setting("code", text(64)),
    name: setting("name", text(200)),
    year: setting("year", number),
    excellentQuota: quota === undefined ? undefined : fractionOf(quota),
    preVetoBottomN: setting("preVetoBottomN", number),
    bonusCap: setting("bonusCap", number),
    vetoTotalBelow: setting("vetoTotalBelow", optional(number)),
    ...setting("other", object),
  };

  const bands: Record<string, unknown>[] = [];
  for (let row = 2; row <= grades.rowCount; row++) {
    const index = bands.length;
    const at = `gradeBands[${index}]`;
    if ([1, 2, 3].every((c) => isEmpty(toCell(grades.getRow(row).getCell(c).value)))) continue;
    bands.push({
      grade: take(grades, row, 1, `${at}.grade`, text(32)),
      label: take(grades, row, 2, `${at}.label`, text(32)),
      min: take(grades, row, 3, `${at}.min`, number),
    });
  }
  document.gradeBands = bands;
  document.categories = readCategories(rules, take, { text, number, optional, object });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, document, cellOf: (path) => cellFor(cells, path) };
}

type Take = <T>(
  sheet: ExcelJS.Worksheet,
  row: number,
  column: number,
  path: string,
  read: (c: Cell) => Read<T>,
) => T | undefined;

interface Readers {
  text: (max: number) => (cell: Cell) => Read<string>;
  number: (cell: Cell) => Read<number>;
  optional: <T>(read: (c: Cell) => Read<T>) => (cell: Cell) => Read<T | undefined>;
  object: (cell: Cell) => Read<Record<string, unknown>>;
}

const choices = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));

/** The 考核细则 rows grouped into categories in the order they first appear. */
function readCategories(sheet: ExcelJS.Worksheet, take: Take, r: Readers) {
  const column = (key: (typeof RULE_COLUMNS)[number][0]) => RULE_COLUMNS.findIndex(([k]) => k === key) + 1;
  const categories: { code: unknown; name: unknown; indicators: Record<string, unknown>[] }[] = [];
  const appliesTo = choices(APPLIES_TO);
  const sources = choices(SOURCES);
  for (let row = 2; row <= sheet.rowCount; row++) {
    const cellsOfRow = RULE_COLUMNS.map((_, i) => toCell(sheet.getRow(row).getCell(i + 1).value));
    if (cellsOfRow.every(isEmpty)) continue;
    const categoryCode = readText(cellsOfRow[0] ?? { kind: "empty" }, 16);
    let c = categories.findIndex((cat) => categoryCode.ok && cat.code === categoryCode.value);
    if (c < 0) {
      c = categories.length;
      categories.push({
        code: take(sheet, row, 1, `categories[${c}].code`, r.text(16)),
        name: take(sheet, row, 2, `categories[${c}].name`, r.text(100)),
        indicators: [],
      });
    }
    const category = categories[c];
    if (!category) continue;
    const at = `categories[${c}].indicators[${category.indicators.length}]`;
    const cell = <T>(key: (typeof RULE_COLUMNS)[number][0], path: string, read: (c: Cell) => Read<T>) =>
      take(sheet, row, column(key), `${at}${path}`, read);
    const applies = cell("appliesTo", ".appliesTo", r.text(100));
    const type = cell("ruleType", ".rule.type", r.text(32));
    const parameters = cell("rule", ".rule", r.object) ?? {};
    const evidence = cell("evidenceRequired", ".evidenceRequired", r.optional(r.text(4)));
    const source = cell("source", ".source", r.text(16));
    category.indicators.push(
      withoutUndefined({
        code: cell("code", ".code", r.text(16)),
        name: cell("name", ".name", r.text(200)),
        unit: cell("unit", ".unit", r.optional(r.text(32))),
        points: cell("points", ".points", r.number),
        target: cell("target", ".target", r.optional(r.number)),
        appliesTo: applies
          ?.split(/[、,，\s]+/)
          .filter(Boolean)
          .map((label) => appliesTo[label] ?? label),
        source: source === undefined ? undefined : (sources[source] ?? source),
        evidenceRequired: evidence === undefined ? undefined : (YES_NO[evidence] ?? evidence),
        rule: { type, ...parameters },
        ...(cell("other", "", r.object) ?? {}),
      }),
    );
  }
  return categories;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The cell a document path was read from: the path itself, else its nearest recorded parent. */
function cellFor(cells: ReadonlyMap<string, string>, path: string): string | undefined {
  for (let at = path; at !== ""; at = at.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
    const cell = cells.get(at);
    if (cell) return cell;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(at)) break;
  }
  return undefined;
}

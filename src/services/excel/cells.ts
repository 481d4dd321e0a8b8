import type { CellValue } from "exceljs";

/** A spreadsheet cell reduced to what an import can judge. */
export type Cell =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  | { kind: "text"; value: string }
  | { kind: "date"; value: Date }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string };

/** Normalises an exceljs cell value: formulas give their cached result, rich text and links their text. */
export function toCell(value: CellValue): Cell {
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "number")
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "error", value: String(value) };
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? { kind: "empty" } : { kind: "text", value: text };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) return { kind: "date", value };
  if ("error" in value) return { kind: "error", value: value.error };
  if ("richText" in value) return toCell(value.richText.map((part) => part.text).join(""));
  if ("hyperlink" in value) return toCell(value.text);
  if ("result" in value) return toCell(value.result ?? null);
  // A formula without a cached result (never calculated): there is no value to import.
  return { kind: "error", value: "未计算的公式 uncalculated formula" };
}

/** A value read from a cell, or why it cannot be. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): Read<never> => ({ ok: false, message });

function describe(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return `文本“${cell.value.slice(0, 30)}”`;
    case "date":
      return "日期";
    case "boolean":
      return "逻辑值";
    case "error":
      return `错误值 ${cell.value}`;
    default:
      return "空";
  }
}

/** Text; a number typed into a text column (e.g. an employee number) is taken as its digits. */
export function readText(cell: Cell, maxLength: number): Read<string> {
  if (cell.kind === "number") return { ok: true, value: String(cell.value) };
  if (cell.kind !== "text") return fail(`应为文本，实际为${describe(cell)} expected text`);
  if (cell.value.length > maxLength)
    return fail(`不能超过 ${maxLength} 个字符 at most ${maxLength} characters`);
  return { ok: true, value: cell.value };
}

// Text that looks like a number is refused, not converted: a text-formatted cell is how wrong values
// slip in unnoticed (the API refuses numbers sent as strings for the same reason).
/** A number within bounds; text, dates and logical values are refused. */
export function readNumber(
  cell: Cell,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): Read<number> {
  if (cell.kind !== "number") {
    const hint =
      cell.kind === "text" && /^[-+]?\d+(\.\d+)?%?$/.test(cell.value)
        ? "（单元格为文本格式，请改为数值）"
        : "";
    return fail(`应为数字，实际为${describe(cell)}${hint} expected a number`);
  }
  const { value } = cell;
  if (bounds.integer && !Number.isInteger(value))
    return fail(`应为整数 expected a whole number, got ${value}`);
  if (bounds.min !== undefined && value < bounds.min)
    return fail(`不能小于 ${bounds.min} must be ≥ ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max)
    return fail(`不能大于 ${bounds.max} must be ≤ ${bounds.max}`);
  return { ok: true, value };
}

/** One of a fixed set of labels (e.g. 所内人员 / 选调人员), mapped to its code. */
export function readChoice<T extends string | boolean>(
  cell: Cell,
  choices: Readonly<Record<string, T>>,
): Read<T> {
  const labels = Object.keys(choices).join(" / ");
  if (cell.kind !== "text") return fail(`应填写 ${labels}，实际为${describe(cell)}`);
  const value = choices[cell.value];
  return value === undefined
    ? fail(`应填写 ${labels}，实际为“${cell.value.slice(0, 30)}”`)
    : { ok: true, value };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD, from a date cell or from text in that form. */
export function readDate(cell: Cell): Read<string> {
  // exceljs gives date cells as UTC midnight of the calendar date typed in Excel.
  if (cell.kind === "date") return { ok: true, value: cell.value.toISOString().slice(0, 10) };
  if (cell.kind === "text") {
    const match = ISO_DATE.exec(cell.value.replaceAll("/", "-"));
    const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : undefined;
    if (
      date &&
      !Number.isNaN(date.getTime()) &&
      date.toISOString().startsWith(cell.value.replaceAll("/", "-"))
    )
      return { ok: true, value: date.toISOString().slice(0, 10) };
  }
  return fail(`应为日期（如 2025-03-01），实际为${describe(cell)} expected a date`);
}

/** Whether a cell holds nothing. */
export const isEmpty = (cell: Cell | undefined) => cell === undefined || cell.kind === "empty";

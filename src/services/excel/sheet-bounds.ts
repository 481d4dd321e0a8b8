import { type FileProblem, listZipEntries, MAX_IMPORT_ROWS, type ZipEntry } from "./file-checks";

// A tiny workbook can describe an enormous sheet: one cell at row 1,048,576, `<mergeCell ref="A2:J150000"/>`,
// `<col min="1" max="2000000"/>` or a data validation over A1:XFD1048576. exceljs walks every row, merged
// cell, column and validated cell of such ranges while it loads, for seconds to minutes. So before the
// workbook is loaded, every worksheet's XML is inflated as a stream and its tags are checked against the
// import's bounds; a file beyond them is refused with 413 naming the limit, having cost one pass over it.

/** Most columns an import reads. */
export const MAX_IMPORT_COLUMNS = 64;
/** The highest row index: the header plus MAX_IMPORT_ROWS data rows. */
const MAX_ROW_INDEX = MAX_IMPORT_ROWS + 1;
/** Column definitions may span Excel's own width (XFD): files saved by Excel and LibreOffice do. */
const MAX_COL_DEFINITION = 16_384;
/** Cells that merged ranges and data validations may cover in all (exceljs visits each). */
const MAX_RANGE_CELLS = 20 * MAX_ROW_INDEX;
// No honest start tag is this long; a longer one is not worth buffering.
const MAX_TAG_CHARS = 64 * 1024;

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const START_TAG = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s[^<>]*)?)>/g;

interface CellRef {
  row: number;
  column: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): CellRef | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  return match ? { column: columnNumber(match[1] ?? ""), row: Number(match[2]) } : undefined;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(attributes)?.[1];
}

const tooLarge = (message: string): FileProblem => ({ status: 413, message });

function beyondRows(where: string): FileProblem {
  return tooLarge(
    `${where}超出第 ${MAX_ROW_INDEX} 行：每次最多导入 ${MAX_IMPORT_ROWS} 行数据 ${where} goes beyond row ${MAX_ROW_INDEX}; an import has at most ${MAX_IMPORT_ROWS} data rows`,
  );
}

function beyondColumns(where: string): FileProblem {
  return tooLarge(
    `${where}超出第 ${MAX_IMPORT_COLUMNS} 列：每次最多导入 ${MAX_IMPORT_COLUMNS} 列 ${where} goes beyond column ${MAX_IMPORT_COLUMNS}; an import has at most ${MAX_IMPORT_COLUMNS} columns`,
  );
}

/** Checks the tags of one worksheet as they stream past; the first problem ends the scan. */
class SheetScanner {
  private rows = 0;
  private cellsInRow = 0;
  private rangeCells = 0;
  problem: FileProblem | undefined;

  constructor(private readonly sheet: string) {}

  scan(text: string): void {
    for (const match of text.matchAll(START_TAG)) {
      this.problem = this.check(match[1] ?? "", match[2] ?? "");
      if (this.problem) return;
    }
  }

  private check(tag: string, attributes: string): FileProblem | undefined {
    const at = `工作表“${this.sheet}”`;
    switch (tag) {
      case "dimension":
        return this.checkRange(attribute(attributes, "ref"), `${at}的范围`, false);
      case "row": {
        this.rows++;
        this.cellsInRow = 0;
        const r = Number(attribute(attributes, "r") ?? this.rows);
        if (this.rows > MAX_ROW_INDEX || !(r <= MAX_ROW_INDEX)) return beyondRows(`${at}第 ${r} 行`);
        return undefined;
      }
      case "c": {
        this.cellsInRow++;
        const ref = attribute(attributes, "r");
        const cell = ref === undefined ? undefined : parseRef(ref);
        if (this.cellsInRow > MAX_IMPORT_COLUMNS || (cell && cell.column > MAX_IMPORT_COLUMNS))
          return beyondColumns(`${at}单元格 ${ref ?? ""}`);
        if (cell && cell.row > MAX_ROW_INDEX) return beyondRows(`${at}单元格 ${ref}`);
        return undefined;
      }
      case "col": {
        const min = Number(attribute(attributes, "min"));
        const max = Number(attribute(attributes, "max"));
        if (!(min >= 1 && max >= min && max <= MAX_COL_DEFINITION))
          return tooLarge(
            `${at}的列定义 ${min}–${max} 超出 Excel 的 ${MAX_COL_DEFINITION} 列 column definition ${min}–${max} is beyond ${MAX_COL_DEFINITION} columns`,
          );
        return undefined;
      }
      case "mergeCell":
        return this.checkRange(attribute(attributes, "ref"), `${at}的合并单元格`, true);
      case "dataValidation": {
        for (const ref of (attribute(attributes, "sqref") ?? "").split(/\s+/).filter(Boolean)) {
          const problem = this.checkRange(ref, `${at}的数据验证`, true);
          if (problem) return problem;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** A range (`A2:J150000`) must lie within the bounds; `counted` ranges add their cells to the budget. */
  private checkRange(range: string | undefined, where: string, counted: boolean): FileProblem | undefined {
    if (range === undefined) return undefined;
    const [from, to = from] = range.split(":").map(parseRef);
    if (!from || !to) return undefined; // exceljs ignores what it cannot read as a range
    const rows = Math.abs(to.row - from.row) + 1;
    const columns = Math.abs(to.column - from.column) + 1;
    if (Math.max(from.column, to.column) > MAX_IMPORT_COLUMNS) return beyondColumns(`${where} ${range}`);
    if (Math.max(from.row, to.row) > MAX_ROW_INDEX) return beyondRows(`${where} ${range}`);
    if (counted) this.rangeCells += rows * columns;
    if (this.rangeCells > MAX_RANGE_CELLS)
      return tooLarge(
        `${where}共覆盖超过 ${MAX_RANGE_CELLS} 个单元格 merged and validated ranges cover more than ${MAX_RANGE_CELLS} cells`,
      );
    return undefined;
  }
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : undefined;
}

/** Streams one worksheet's XML through the scanner; chunk by chunk, so the event loop keeps turning. */
async function scanSheet(data: Uint8Array, method: number, sheet: string): Promise<FileProblem | undefined> {
  let stream = new Blob([new Uint8Array(data)]).stream();
  if (method === 8) stream = stream.pipeThrough(new DecompressionStream("deflate-raw"));
  else if (method !== 0) return undefined; // exceljs cannot read it either; its load reports the file
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  const scanner = new SheetScanner(sheet);
  let carry = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = carry + (value ?? "");
      // Tags before the last `<` are complete (`<` cannot occur inside a tag); the rest waits for more.
      const cut = done ? text.length : text.lastIndexOf("<");
      scanner.scan(text.slice(0, Math.max(cut, 0)));
      if (scanner.problem || done) return scanner.problem;
      carry = cut < 0 ? "" : text.slice(cut);
      if (carry.length > MAX_TAG_CHARS)
        return tooLarge(`工作表“${sheet}”含过长的标签 The sheet holds an oversized tag`);
    }
  } catch {
    return undefined; // a corrupt stream: exceljs's load refuses the file with a clear message
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * Checks every worksheet of an .xlsx against the import's bounds (rows, columns, merged and validated
 * ranges, column definitions) before anything loads it whole; undefined when the file is within them.
 */
export async function checkSheetBounds(bytes: Uint8Array): Promise<FileProblem | undefined> {
  const sheets = (listZipEntries(bytes) ?? []).filter((entry) => WORKSHEET.test(entry.name));
  for (const entry of sheets) {
    const data = entryData(bytes, entry);
    if (!data) continue;
    const name = entry.name.slice("xl/worksheets/".length, -".xml".length);
    const problem = await scanSheet(data, entry.method, name);
    if (problem) return problem;
  }
  return undefined;
}

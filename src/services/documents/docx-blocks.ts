import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";

// Building blocks of the office's paper documents as .docx (issue 18): A4, a centred title with the county and
// period under it, tables with a repeated header row, a signature and seal block, and 第 x 页 共 y 页 in the
// footer. Pure `docx` (9.15.2) with no file system, so the same code runs on Node and on Workers. The personal
// and township reports and the ranking table use it (report-documents.ts); the 通报 (notice-docx.ts) takes its
// runs, tables and bytes from here and sets its own page (GB/T 9704 margins, — x — page numbers).

/** Fonts every Chinese office has: 宋体 for text, 黑体 for titles (Word substitutes when missing). */
export const FONT = { text: "SimSun", title: "SimHei" } as const;
/** Half-points, as Word counts them: 二号 22 pt for the title, 四号 14 pt for headings, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { title: 44, heading: 28, text: 24, table: 21, small: 18 } as const;

/** A4 in twips (1/20 pt), with margins of about 2.5 cm left and right, 2.54 cm top and bottom. */
export const A4 = { width: 11_906, height: 16_838, margin: 1_440, side: 1_418 } as const;

/** A run of text in one font (Chinese and Latin alike), 小四 宋体 unless told. */
export const run = (text: string, options: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({
    text,
    bold: options.bold ?? false,
    size: options.size ?? SIZE.text,
    font: {
      ascii: options.font ?? FONT.text,
      eastAsia: options.font ?? FONT.text,
      hAnsi: options.font ?? FONT.text,
    },
    ...(options.font ? { hint: "eastAsia" as const } : {}),
  });

/** The document's centred title (二号 黑体). */
export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [run(text, { size: SIZE.title, font: FONT.title })],
  });
}

/** A centred line under the title: county and period, issuing office, date. */
export function subtitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [run(text, { size: SIZE.text })],
  });
}

/** A section heading (四号 黑体). */
export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [run(text, { size: SIZE.heading, font: FONT.title })],
  });
}

/** A paragraph of body text; `indent` gives the first line the customary two characters. */
export function text(value: string, options: { indent?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 120, line: 360 },
    indent: options.indent ? { firstLine: SIZE.text * 20 } : undefined,
    children: [run(value, { bold: options.bold ?? false })],
  });
}

export interface Column {
  header: string;
  /** Relative width; the table fills the page width. */
  width: number;
  align?: "left" | "center" | "right";
}

export type Cell = string | number | null;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const borders = { top: thin, bottom: thin, left: thin, right: thin };

/** How a table's text looks: its font and size, and the page's side margin the table spans between. */
export interface TableLook {
  font?: string;
  size?: number;
  side?: number;
  /** Alignment of columns that do not name one. */
  align?: keyof typeof ALIGN;
}

function tableCell(
  value: Cell,
  width: number,
  align: keyof typeof ALIGN,
  look: TableLook,
  bold = false,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        children: [
          run(value === null ? "" : String(value), { size: look.size ?? SIZE.table, font: look.font, bold }),
        ],
      }),
    ],
  });
}

/** A bordered table over the page width; the header row repeats on every page and rows do not split. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  pageWidth: number = A4.width,
  look: TableLook = {},
): Table {
  const usable = pageWidth - 2 * (look.side ?? A4.side);
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => Math.floor((usable * column.width) / total));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: usable, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((column, i) => tableCell(column.header, widths[i] ?? 0, "center", look, true)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((column, i) =>
              tableCell(row[i] ?? null, widths[i] ?? 0, column.align ?? look.align ?? "left", look),
            ),
          }),
      ),
    ],
  });
}

/** The customary signature lines: 被考核人签字 / 考核组 / 分管领导 / 日期 (or the labels given). */
export const SIGNATURES = ["被考核人签字", "考核组（签字）", "分管领导（签字）", "日期"] as const;

const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;

/** One cell of the signature grid: a label, or the line to sign on (a bottom border only). */
function signatureCell(value: string, width: number, line: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: { top: none, left: none, right: none, bottom: line ? thin : none },
    verticalAlign: VerticalAlignTable.BOTTOM,
    margins: { top: 360, bottom: 40, left: 40, right: 40 },
    children: [
      new Paragraph({ alignment: line ? AlignmentType.LEFT : AlignmentType.RIGHT, children: [run(value)] }),
    ],
  });
}

/**
 * The signature and seal block at the end of a document: each label followed by a line to sign on, two to a
 * row, and the seal note (盖章) on the right. Rows do not split across pages.
 */
export function signatureBlock(
  labels: readonly string[] = SIGNATURES,
  seal = "（盖章）",
  pageWidth: number = A4.width,
): (Paragraph | Table)[] {
  const usable = pageWidth - 2 * A4.side;
  // label, line, gap, label, line
  const widths = [0.28, 0.19, 0.06, 0.28, 0.19].map((share) => Math.floor(usable * share));
  const rows: TableRow[] = [];
  for (let i = 0; i < labels.length; i += 2) {
    const [left = "", right = ""] = labels.slice(i, i + 2);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          signatureCell(`${left}：`, widths[0] ?? 0, false),
          signatureCell("", widths[1] ?? 0, true),
          signatureCell("", widths[2] ?? 0, false),
          signatureCell(right ? `${right}：` : "", widths[3] ?? 0, false),
          signatureCell("", widths[4] ?? 0, right !== ""),
        ],
      }),
    );
  }
  return [
    new Paragraph({ spacing: { before: 360 }, keepNext: true, children: [] }),
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: usable, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: none,
        bottom: none,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
      rows,
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [run(seal)] }),
  ];
}

/** 第 x 页 共 y 页, centred in the footer. */
export function pageNumberFooter(): Footer {
  const children: ParagraphChild[] = [
    run("第 "),
    new TextRun({ children: [PageNumber.CURRENT], size: SIZE.small }),
    run(" 页 共 "),
    new TextRun({ children: [PageNumber.TOTAL_PAGES], size: SIZE.small }),
    run(" 页"),
  ];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

export interface OfficialDocument {
  title: string;
  /** Lines under the title (county and period, issuing office). */
  subtitles: readonly string[];
  body: readonly (Paragraph | Table)[];
  landscape?: boolean;
  /** Document properties: who made it and what it is about. */
  subject?: string;
}

/** An A4 document: title, subtitles, body, page numbers in the footer. */
export function officialDocument(doc: OfficialDocument): Document {
  const landscape = doc.landscape ?? false;
  return new Document({
    creator: "kaohe 目标管理考核系统",
    title: doc.title,
    subject: doc.subject ?? doc.title,
    styles: { default: { document: { run: { font: FONT.text, size: SIZE.text } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: A4.width,
              height: A4.height,
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { top: A4.margin, bottom: A4.margin, left: A4.side, right: A4.side },
          },
        },
        footers: { default: pageNumberFooter() },
        children: [title(doc.title), ...doc.subtitles.map(subtitle), ...doc.body],
      },
    ],
  });
}

/** The page width to pass to `table` for a landscape document. */
export const LANDSCAPE_WIDTH = A4.height;

/** The document as .docx bytes (no file system: works on Workers). */
export async function documentBytes(doc: Document): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

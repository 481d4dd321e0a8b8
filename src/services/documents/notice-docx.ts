import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";

// The 通报 as a .docx (issue 19), in the customary form of a Chinese official document: 方正小标宋简体 二号 title,
// 文号 under it, body in 仿宋_GB2312 三号 with two-character first-line indents, the issuing body and date at the
// right, then 附件 with the ranking table whose header row repeats on every page, and "— x —" page numbers.
// Pure `docx` (no file system): the same code runs on Node and on Workers. Font names are given with fallbacks
// Word and WPS apply themselves (仿宋 / 宋体 / 黑体) when the GB2312 fonts are not installed.
// (#18 builds docx-blocks.ts for the signable reports; this file is kept apart so the lead can unify the two.)

export interface NoticeDocument {
  title: string;
  documentNo: string;
  issuer: string;
  date: string; // 2026年5月20日
  paragraphs: string[];
  attachmentTitle: string;
  columns: { header: string; width: number; align?: "left" | "center" | "right" }[];
  rows: (string | number)[][];
}

const FONTS = { title: "方正小标宋简体", body: "仿宋_GB2312", heading: "黑体" } as const;
const SIZE = { title: 44, body: 32, table: 24 } as const; // half-points: 二号, 三号, 小四
const A4 = { width: 11_906, height: 16_838, top: 2_098, bottom: 1_984, side: 1_587 } as const;

function run(text: string, font: string, size: number, bold = false) {
  return new TextRun({
    text,
    bold,
    size,
    font: { ascii: font, eastAsia: font, hAnsi: font, hint: "eastAsia" },
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(value: string | number, width: number, align: keyof typeof ALIGN, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: { top: thin, bottom: thin, left: thin, right: thin },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        children: [run(String(value), FONTS.body, SIZE.table, bold)],
      }),
    ],
  });
}

/** The 通报 as .docx bytes. */
export async function noticeDocx(notice: NoticeDocument): Promise<Uint8Array> {
  const usable = A4.width - 2 * A4.side;
  const total = notice.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = notice.columns.map((c) => Math.floor((usable * c.width) / total));
  const body = (text: string) =>
    new Paragraph({
      spacing: { line: 560, lineRule: "exact" },
      indent: { firstLine: SIZE.body * 20 },
      alignment: AlignmentType.JUSTIFIED,
      children: [run(text, FONTS.body, SIZE.body)],
    });
  const right = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { line: 560, lineRule: "exact" },
      indent: { right: SIZE.body * 40 },
      children: [run(text, FONTS.body, SIZE.body)],
    });
  const table = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: usable, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: notice.columns.map((c, i) => cell(c.header, widths[i] ?? 0, "center", true)),
      }),
      ...notice.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: notice.columns.map((c, i) => cell(row[i] ?? "", widths[i] ?? 0, c.align ?? "center")),
          }),
      ),
    ],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          run("— ", FONTS.body, 28),
          new TextRun({ children: [PageNumber.CURRENT], size: 28, font: FONTS.body }),
          run(" —", FONTS.body, 28),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: notice.issuer,
    title: notice.title,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: A4.top, bottom: A4.bottom, left: A4.side, right: A4.side },
          },
        },
        footers: { default: footer },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(notice.documentNo, FONTS.body, SIZE.body)],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 400, line: 700, lineRule: "exact" },
            children: [run(notice.title, FONTS.title, SIZE.title)],
          }),
          new Paragraph({
            spacing: { line: 560, lineRule: "exact" },
            children: [run("各乡镇（街道）、县直有关单位：", FONTS.body, SIZE.body)],
          }),
          ...notice.paragraphs.map(body),
          new Paragraph({ spacing: { line: 560, lineRule: "exact" }, children: [] }),
          body(`附件：${notice.attachmentTitle}`),
          new Paragraph({ spacing: { line: 560, lineRule: "exact" }, children: [] }),
          right(notice.issuer),
          right(notice.date),
          new Paragraph({ pageBreakBefore: true, children: [run("附件", FONTS.heading, SIZE.body)] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 300 },
            children: [run(notice.attachmentTitle, FONTS.title, 36)],
          }),
          table,
        ],
      },
    ],
  });
  return new Uint8Array(await (Packer.toArrayBuffer(document) as Promise<ArrayBuffer>));
}

import { AlignmentType, Document, Footer, PageNumber, Paragraph, TextRun } from "docx";
import { A4, run as blockRun, type Column, documentBytes, table } from "./docx-blocks";

// The 通报 as a .docx (issue 19), in the customary form of a Chinese official document: 方正小标宋简体 二号 title,
// 文号 under it, body in 仿宋_GB2312 三号 with two-character first-line indents, the issuing body and date at the
// right, then 附件 with the ranking table whose header row repeats on every page, and "— x —" page numbers.
// Pure `docx` (no file system): the same code runs on Node and on Workers. Font names are given with fallbacks
// Word and WPS apply themselves (仿宋 / 宋体 / 黑体) when the GB2312 fonts are not installed.
// Runs, the table and the bytes come from docx-blocks.ts, shared with the signable reports; the page (GB/T 9704
// margins) and the "— x —" footer are the 通报's own.

export interface NoticeDocument {
  title: string;
  documentNo: string;
  issuer: string;
  date: string; // 2026年5月20日
  paragraphs: string[];
  attachmentTitle: string;
  columns: Column[];
  rows: (string | number)[][];
}

const FONTS = { title: "方正小标宋简体", body: "仿宋_GB2312", heading: "黑体" } as const;
const SIZE = { title: 44, body: 32, table: 24 } as const; // half-points: 二号, 三号, 小四
/** GB/T 9704 margins in twips: 37 mm top, 35 mm bottom, 28 mm at the sides. */
const PAGE = { top: 2_098, bottom: 1_984, side: 1_587 } as const;

const run = (text: string, font: string, size: number) => blockRun(text, { font, size });

/** The 通报 as .docx bytes. */
export async function noticeDocx(notice: NoticeDocument): Promise<Uint8Array> {
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
  const ranking = table(notice.columns, notice.rows, A4.width, {
    font: FONTS.body,
    size: SIZE.table,
    side: PAGE.side,
    align: "center",
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
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
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
          ranking,
        ],
      },
    ],
  });
  return documentBytes(document);
}

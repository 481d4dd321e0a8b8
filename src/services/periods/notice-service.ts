import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import { findReportPeriod, listTownshipRanking } from "../../db/queries/report-ranking-queries";
import { noticeTemplates } from "../../db/schema/outcome";
import { measureText } from "../../domain/consequences";
import { periodHeading } from "../../domain/period-kind";
import { type Actor, recordAudit } from "../audit/audit";
import type { NoticeDocument } from "../documents/notice-docx";
import { conflict, invalid, missing } from "../errors";
import { loadPeriodScheme } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";

// 通报: the circular on a published period's result, its body from the county's editable template with the
// computed facts filled in, and the ranking of all townships attached.

/** The placeholders a template may use, each replaced by a computed fact. */
export const NOTICE_PLACEHOLDERS = [
  "{周期}",
  "{乡镇数}",
  "{第一名}",
  "{预否决乡镇}",
  "{预否决处理}",
  "{县}",
] as const;

export const DEFAULT_NOTICE_TEMPLATE = {
  issuer: "县人口和计划生育工作领导小组",
  documentNoPrefix: "人口组发",
  body: [
    "根据工作安排，县人口计生工作领导小组对全县{乡镇数}个乡镇（街道）开展{周期}情况进行了督查考核。各乡镇（街道）先行自查自纠，县督查组逐一核查评分，考核结果已经公示。",
    "从考核情况看，{第一名}综合得分位居全县前列，工作措施扎实，成效明显，予以通报表扬。",
    "{预否决乡镇}综合得分排在全县后两位，经领导小组研究，实行“预否决”，并{预否决处理}。",
    "希望各乡镇（街道）对照考核结果，查找差距，落实整改，确保全年人口计生工作目标任务全面完成。",
  ].join("\n"),
};

/** The county's template, or the default when none is stored. */
export async function loadNoticeTemplate(db: DbOrTx, countyId: number) {
  const [row] = await db.select().from(noticeTemplates).where(eq(noticeTemplates.countyId, countyId));
  return row
    ? { issuer: row.issuer, documentNoPrefix: row.documentNoPrefix, body: row.body, stored: true }
    : { ...DEFAULT_NOTICE_TEMPLATE, stored: false };
}

/** Saves the county's template (audited with before and after); unknown {placeholders} are refused. */
export const saveNoticeTemplate = inOwnTransaction(saveNoticeTemplateInTx);

async function saveNoticeTemplateInTx(
  tx: Tx,
  actor: Actor,
  input: { issuer: string; documentNoPrefix: string; body: string },
) {
  const unknown = [...input.body.matchAll(/\{[^}]*\}/g)]
    .map((m) => m[0])
    .filter((p) => !(NOTICE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw invalid("模板中有未知的占位符 Unknown placeholders in the template", [
      { path: "body", message: `未知占位符 ${unknown.join("、")}；可用 ${NOTICE_PLACEHOLDERS.join("、")}` },
    ]);
  const before = await loadNoticeTemplate(tx, actor.countyId);
  await tx
    .insert(noticeTemplates)
    .values({ countyId: actor.countyId, ...input, updatedBy: actor.id, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: noticeTemplates.countyId,
      set: { ...input, updatedBy: actor.id, updatedAt: new Date() },
    });
  await recordAudit(tx, actor, {
    action: "notice.template",
    entity: "county",
    entityId: actor.countyId,
    before,
    after: input,
  });
  return loadNoticeTemplate(tx, actor.countyId);
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/** The 通报 of a published period: title, 文号, issuer, date, body with facts, and the full township ranking. */
export async function buildNotice(
  db: DbOrTx,
  countyId: number,
  periodId: number,
  options: { documentNo?: string | undefined; date: string },
): Promise<NoticeDocument & { facts: Record<string, string | number> }> {
  const period = await findReportPeriod(db, countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status !== "published" && period.status !== "final")
    throw conflict("PERIOD_NOT_PUBLISHED", "结果公示后才能通报 The 通报 follows the published result");
  const [scheme, ranking, template] = await Promise.all([
    loadPeriodScheme(db, periodId),
    listTownshipRanking(db, periodId),
    loadNoticeTemplate(db, countyId),
  ]);
  const first = ranking.filter((r) => r.rank === 1).map((r) => r.name);
  const vetoed = ranking.filter((r) => r.preVetoDecided).map((r) => r.name);
  const measures = (scheme.consequences?.preVeto ?? []).map(measureText);
  const facts = {
    "{县}": period.countyName,
    "{周期}": period.name,
    "{乡镇数}": ranking.length,
    "{第一名}": first.join("、") || "（无）",
    "{预否决乡镇}": vetoed.join("、") || "（无）",
    "{预否决处理}": measures.length > 0 ? measures.join("；") : "按有关规定处理",
  };
  const fill = (line: string) =>
    Object.entries(facts).reduce((text, [key, value]) => text.split(key).join(String(value)), line);
  const year = period.year;
  return {
    title: `关于${period.name}开展情况的通报`,
    documentNo: options.documentNo ?? `${template.documentNoPrefix}〔${year}〕1号`,
    issuer: template.issuer,
    date: chineseDate(options.date),
    paragraphs: template.body
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map(fill),
    attachmentTitle: `全县${ranking.length}个乡镇（街道）综合得分排名表`,
    columns: [
      { header: "名次", width: 1 },
      { header: "乡镇（街道）", width: 2.4 },
      { header: "综合得分", width: 1.4 },
      { header: "预否决", width: 1.2 },
    ],
    rows: ranking.map((r) => [r.rank, r.name, r.composite.toFixed(2), r.preVetoDecided ? "预否决" : ""]),
    facts: { ...Object.fromEntries(Object.entries(facts)), heading: periodHeading(period) },
  };
}

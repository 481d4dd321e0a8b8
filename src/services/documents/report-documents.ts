import type { buildPersonReport } from "../reports/report-person-service";
import type { buildTownshipRanking } from "../reports/report-service";
import type { buildTownshipReport } from "../reports/report-township-service";
import {
  type Cell,
  type Column,
  heading,
  LANDSCAPE_WIDTH,
  officialDocument,
  SIGNATURES,
  signatureBlock,
  table,
  text,
} from "./docx-blocks";

// The personal and township year-end reports and the ranking table as signable .docx documents (issue 18):
// the same content as their printed pages, from the same report answers, so the two cannot disagree.

type PersonReport = Awaited<ReturnType<typeof buildPersonReport>>;
type TownshipReport = Awaited<ReturnType<typeof buildTownshipReport>>;
type Ranking = Awaited<ReturnType<typeof buildTownshipRanking>>;

const CATEGORY = { station: "所内人员", reassigned: "选调人员", township: "乡镇" } as const;
const SCORE_STATE = { unpublished: "未公示", pending: "待评定" } as const;
const VERIFIED_STATE = { unpublished: "未公示", pending: "待核实" } as const;

const POINTS_LABEL: Record<string, string> = { bonus: "加分项", veto: "否决项" };
/** Points as a scheme writes them: 10, 2.5. */
const points = (value: number | null) => (value === null ? "" : String(value));
const score = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : value.toFixed(2);
const rankOf = (rank: number | null | undefined, of: number | null | undefined) =>
  rank ? `第${rank}/${of ?? "?"}名` : "";

/** A reported or verified value as the office writes it: numbers to the indicator's decimals, 是/否, counts. */
function valueText(value: unknown, decimals: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value.toFixed(decimals);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object")
    return Object.entries(value as Record<string, number>)
      .map(([kind, n]) => `${kind} ${n}`)
      .join("、");
  return String(value);
}

/** The line under every title: county · period, and the date it was made. */
function periodLines(period: { countyName: string; name: string }, date: string, extra?: string) {
  return [`${period.countyName} · ${period.name}${extra ? ` · ${extra}` : ""}`, `打印日期：${date}`];
}

function provisionalNote(provisional: { label: string; scored?: number; total?: number } | null | undefined) {
  if (!provisional) return [];
  const counts =
    provisional.total === undefined ? "" : `：已评分 ${provisional.scored} / ${provisional.total} 份`;
  return [text(`${provisional.label}${counts}，排名仅在已评分人员中计算。`)];
}

/** 个人年度考核报告. */
export function personReportDocument(report: PersonReport, date: string) {
  const { person, sheet } = report;
  const body = [
    table(
      [
        { header: "姓名", width: 2 },
        { header: "工号", width: 2 },
        { header: "乡镇（街道）", width: 3 },
        { header: "类别", width: 2 },
        { header: "职务", width: 3 },
      ],
      [
        [
          person.name,
          person.employeeNo,
          sheet?.townshipName ?? person.townshipName,
          CATEGORY[person.category],
          person.position,
        ],
      ],
    ),
    heading("一、考核结果"),
    ...resultLines(report),
    heading("二、各项指标"),
    table(
      [
        { header: "编码", width: 1.2 },
        { header: "指标", width: 4 },
        { header: "分值", width: 1.5, align: "right" },
        { header: "目标", width: 1.6, align: "right" },
        { header: "自报", width: 1.6, align: "right" },
        { header: "核定", width: 1.6, align: "right" },
        { header: "得分", width: 1.4, align: "right" },
        { header: "说明", width: 3 },
      ],
      report.items.map((item) => [
        item.code,
        `${item.name}${item.unit ? `（${item.unit}）` : ""}`,
        item.pointsLabel ? (POINTS_LABEL[item.pointsLabel] ?? item.pointsLabel) : points(item.points),
        valueText(item.target, item.decimals),
        valueText(item.selfValue, item.decimals),
        item.verifiedState in VERIFIED_STATE
          ? VERIFIED_STATE[item.verifiedState as keyof typeof VERIFIED_STATE]
          : valueText(item.verifiedValue ?? item.selfValue, item.decimals),
        item.scoreState in SCORE_STATE
          ? SCORE_STATE[item.scoreState as keyof typeof SCORE_STATE]
          : score(item.score),
        [item.vetoed ? "一票否决" : "", item.changeReason ? `核定理由：${item.changeReason}` : ""]
          .filter(Boolean)
          .join("；"),
      ]),
    ),
    ...(report.reviews.length > 0
      ? [heading("三、乡镇审核意见"), ...report.reviews.map((r) => text(reviewLine(r)))]
      : []),
    ...signatureBlock(SIGNATURES, "（考核组盖章）"),
  ];
  return officialDocument({
    title: "个人年度考核报告",
    subtitles: periodLines(report.period, date, `${person.name}（${person.employeeNo}）`),
    body,
    subject: `${report.period.name} ${person.name}`,
  });
}

function reviewLine(review: PersonReport["reviews"][number]): string {
  const decision =
    review.decision === "pass" ? "通过" : review.decision === "return" ? "退回" : review.decision;
  const who = review.reviewer ? `（${review.reviewer}）` : "";
  return `${decision}${who}${review.comment ? `：${review.comment}` : ""}`;
}

function resultLines(report: PersonReport) {
  const { sheet } = report;
  if (!sheet) return [text("本期没有该人员的考核表。")];
  if (!sheet.resultsVisible || sheet.total === null) return [text("考核结果尚未公示，本报告只列填报情况。")];
  const rows: Cell[][] = [
    [
      score(sheet.base),
      score(sheet.bonus),
      score(sheet.total),
      sheet.vetoed ? "一票否决" : (sheet.gradeLabel ?? ""),
      rankOf(sheet.rank, sheet.rankOf),
      rankOf(sheet.townshipRank, sheet.townshipRankOf),
    ],
  ];
  return [
    ...provisionalNote(sheet.provisional),
    table(
      [
        { header: "基本分", width: 2, align: "right" },
        { header: "加分", width: 2, align: "right" },
        { header: "总分", width: 2, align: "right" },
        { header: "等次", width: 2, align: "center" },
        { header: "全县排名", width: 3, align: "center" },
        { header: "乡镇内排名", width: 3, align: "center" },
      ],
      rows,
    ),
    ...(sheet.proRating?.scaled ? [text(`折算：${sheet.proRating.formula}`)] : []),
  ];
}

/** 乡镇年度考核报告. */
export function townshipReportDocument(report: TownshipReport, date: string) {
  const { result, progress } = report;
  const resultBody = result
    ? [
        table(
          [
            { header: "综合得分", width: 2, align: "right" },
            { header: "全县排名", width: 3, align: "center" },
            { header: "已评分人数", width: 2, align: "right" },
            { header: "备注", width: 4 },
          ],
          [
            [
              score(result.composite),
              rankOf(result.rank, result.rankOf),
              result.scoredCount,
              [result.preVeto ? "预否决" : "", result.hasVetoedMember ? "有一票否决人员" : ""]
                .filter(Boolean)
                .join("；"),
            ],
          ],
        ),
      ]
    : [text("考核结果尚未公示，本报告只列进度。")];
  const body = [
    heading("一、考核结果"),
    ...provisionalNote(report.provisional),
    ...resultBody,
    text(
      `考核表共 ${progress.total} 份：已提交 ${progress.submitted}，已审核 ${progress.reviewed}，已评分 ${progress.scored}。`,
    ),
    heading("二、人员得分"),
    table(
      [
        { header: "工号", width: 2.2 },
        { header: "姓名", width: 1.8 },
        { header: "类别", width: 2.4 },
        { header: "职务", width: 3.4 },
        { header: "总分", width: 1.8, align: "right" },
        { header: "等次", width: 2.4, align: "center" },
        { header: "乡镇内", width: 2, align: "center" },
        { header: "全县", width: 2.6, align: "center" },
      ],
      report.members.map((m) => [
        m.employeeNo,
        m.name,
        CATEGORY[m.category],
        m.position,
        m.scored ? score(m.total) : "待评定",
        m.vetoed ? "一票否决" : gradeLabelOf(m.grade),
        rankOf(m.townshipRank, m.townshipRankOf),
        rankOf(m.rank, m.rankOf),
      ]),
    ),
    ...signatureBlock(["乡镇负责人（签字）", "考核组（签字）", "分管领导（签字）", "日期"], "（乡镇盖章）"),
  ];
  return officialDocument({
    title: "乡镇年度考核报告",
    subtitles: periodLines(report.period, date, report.township.name),
    body,
    subject: `${report.period.name} ${report.township.name}`,
  });
}

const GRADE_LABELS: Record<string, string> = {
  excellent: "优秀",
  pass: "合格",
  basic: "基本合格",
  fail: "不合格",
};
const gradeLabelOf = (grade: unknown) => (typeof grade === "string" ? (GRADE_LABELS[grade] ?? grade) : "");

/** 乡镇综合得分排名 (landscape, to fit the grade columns). */
export function rankingDocument(ranking: Ranking, date: string) {
  const columns: Column[] = [
    { header: "名次", width: 2.4, align: "center" },
    { header: "乡镇（街道）", width: 3 },
    { header: "综合得分", width: 2, align: "right" },
    { header: ranking.results === "provisional" ? "已评分" : "人数", width: 1.4, align: "right" },
    ...ranking.gradeBands.map((band): Column => ({ header: band.label, width: 1.4, align: "right" })),
    { header: "备注", width: 3 },
  ];
  const rows = ranking.items.map((row) => [
    rankOf(row.rank, row.rankOf),
    row.name,
    score(row.composite),
    row.scoredCount,
    ...ranking.gradeBands.map((band) => (row.grades as Record<string, number>)[band.grade] ?? 0),
    [row.preVeto ? "预否决" : "", row.hasVetoedMember ? "有一票否决人员" : ""].filter(Boolean).join("；"),
  ]);
  return officialDocument({
    title: ranking.results === "provisional" ? "乡镇综合得分排名（未公示·仅供考核组）" : "乡镇综合得分排名",
    subtitles: periodLines(ranking.period, date),
    landscape: true,
    body: [
      ...provisionalNote(ranking.provisional),
      table(columns, rows, LANDSCAPE_WIDTH),
      ...signatureBlock(
        ["考核组（签字）", "分管领导（签字）", "日期"],
        "（考核领导小组盖章）",
        LANDSCAPE_WIDTH,
      ),
    ],
    subject: `${ranking.period.name} 乡镇综合得分排名`,
  });
}

import type { SessionUser } from "../../auth/session";
import type { Db } from "../../db/client";
import { listProgressRows, listScoreRows, listTargetRows } from "../../db/queries/report-export-queries";
import { breakdownText, type KindLine } from "../../domain/incident-breakdown";
import { periodHeading } from "../../domain/period-kind";
import type { IndicatorValue } from "../../domain/values";
import { outOfScope } from "../errors";
import {
  isPublished,
  isScoredSheet,
  loadReportPeriod,
  notPublished,
  type ReportPeriod,
  seesPersonResults,
} from "../reports/report-access";
import { loadIndicatorTraits, traitsOf } from "../reports/report-indicator-service";
import { itemValue, kindLines } from "../reports/report-person-service";
import { buildPersonRanking, buildTownshipRanking } from "../reports/report-service";
import { loadConsequenceCells } from "./export-consequences";
import type { ExportColumn, ExportTable, ExportValue } from "./export-table";
import { TEMPLATES, type Template } from "./templates";

export const exportDatasets = ["townships", "people", "scores", "targets", "progress"] as const;
export type ExportDataset = (typeof exportDatasets)[number];

/** A table with the period it came from (for the file name). */
export interface PeriodExport {
  period: ReportPeriod;
  table: ExportTable;
}

const CATEGORY = { station: "所内人员", reassigned: "选调人员", township: "乡镇（街道）" } as const;
const yesNo = (flag: boolean | null) => (flag === null ? null : flag ? "是" : "否");
// Counts per kind (多类扣分) leave as text with each kind's cases and deduction: "错报 1 例 扣 2、瞒报 2 例 扣 6".
const value = (v: IndicatorValue | null, lines: KindLine[] | null = null): ExportValue => {
  if (typeof v === "boolean") return yesNo(v);
  if (typeof v === "object" && v !== null)
    return lines === null ? JSON.stringify(v) : breakdownText(lines) || "无";
  return v;
};
const rankText = (rank: number | null, of: number | null) =>
  rank === null || of === null ? null : `第 ${rank} / ${of} 名`;
// Titles of provisional tables carry the label the pages show.
const titled = (title: string, provisional: { label: string } | null) =>
  provisional ? `${title}（${provisional.label}）` : title;
const c = (header: string, width: number, format: ExportColumn["format"] = "text"): ExportColumn => ({
  header,
  width,
  format,
});

/** 乡镇综合得分排名 with grade counts per band. */
async function townshipsTable(db: Db, user: SessionUser, periodId: number): Promise<PeriodExport> {
  const [ranking, period] = await Promise.all([
    buildTownshipRanking(db, user, periodId),
    loadReportPeriod(db, user, periodId),
  ]);
  const bands = ranking.gradeBands;
  const consequences = await loadConsequenceCells(db, user.countyId, period);
  return {
    period,
    table: {
      title: titled(`${periodHeading(period)}乡镇综合得分排名`, ranking.provisional),
      sheetName: "乡镇排名",
      columns: [
        c("名次", 6, "integer"),
        c("乡镇（街道）", 14),
        c("综合得分", 10, "score"),
        c("考核人数", 8, "integer"),
        c("预否决（提议）", 10),
        c("预否决（决定）", 10),
        c("有一票否决人员", 10),
        ...bands.map((band) => c(band.label, 8, "integer")),
        c("排名", 12),
        c("已评分人数", 10, "integer"),
        c("奖惩", 40),
        c("已兑现", 40),
      ],
      rows: ranking.items.map((t) => [
        t.rank,
        t.name,
        t.composite,
        t.memberCount,
        t.preVeto === null ? "未公示" : yesNo(t.preVeto),
        "preVetoDecided" in t ? yesNo(t.preVetoDecided) : "未公示",
        yesNo(t.hasVetoedMember),
        ...bands.map((band) => t.grades[band.grade] ?? 0),
        rankText(t.rank, t.rankOf),
        t.scoredCount,
        ...consequences.township(t.townshipId),
      ]),
    },
  };
}

/** 个人排名 (a township account gets its own township's people). */
async function peopleTable(db: Db, user: SessionUser, periodId: number): Promise<PeriodExport> {
  const ranking = await buildPersonRanking(db, user, { periodId, limit: 1_000_000, offset: 0 });
  const period = await loadReportPeriod(db, user, periodId);
  const consequences = await loadConsequenceCells(db, user.countyId, period);
  return {
    period,
    table: {
      title: titled(`${periodHeading(period)}个人排名`, ranking.provisional),
      sheetName: "个人排名",
      columns: [
        c("名次", 6, "integer"),
        c("乡镇内名次", 8, "integer"),
        c("工号", 10),
        c("姓名", 10),
        c("乡镇（街道）", 14),
        c("人员类别", 10),
        c("职务", 16),
        c("基础分", 9, "score"),
        c("加分", 7, "score"),
        c("总分", 9, "score"),
        c("等次", 10),
        c("一票否决", 8),
        c("排名", 14),
        c("奖惩", 30),
        c("已兑现", 40),
      ],
      rows: ranking.items.map((p) => [
        p.rank,
        p.townshipRank,
        p.employeeNo,
        p.name,
        p.townshipName,
        CATEGORY[p.category],
        p.position,
        p.base,
        p.bonus,
        p.total,
        p.gradeLabel ?? (ranking.provisional ? "未公示" : null),
        yesNo(p.vetoed),
        rankText(p.rank, p.rankOf),
        ...consequences.person(p.personId),
      ]),
    },
  };
}

/** The township a person-level export is limited to: a township account's own; staff get none. */
function scopeOf(user: SessionUser): number | undefined {
  if (user.role === "staff") throw outOfScope();
  return user.role === "township" ? (user.townshipId ?? -1) : undefined;
}

/** 考核明细: every person × indicator with target, self-reported and verified values, score and reason. */
async function scoresTable(db: Db, user: SessionUser, periodId: number): Promise<PeriodExport> {
  const period = await loadReportPeriod(db, user, periodId);
  const townshipId = scopeOf(user);
  if (!seesPersonResults(user, period)) throw notPublished();
  const [rows, { traits, scheme }] = await Promise.all([
    listScoreRows(db, periodId, townshipId),
    loadIndicatorTraits(db, periodId),
  ]);
  const provisional = !isPublished(period);
  return {
    period,
    table: {
      title: titled(`${periodHeading(period)}考核明细`, provisional ? { label: "未公示·仅供考核组" } : null),
      sheetName: "考核明细",
      columns: [
        c("工号", 10),
        c("姓名", 10),
        c("乡镇（街道）", 14),
        c("人员类别", 10),
        c("指标类别", 18),
        c("指标编码", 8),
        c("指标名称", 30),
        c("单位", 8),
        c("分值", 7, "score"),
        c("目标值", 9, "number"),
        c("自报值", 9, "number"),
        c("核定值", 9, "number"),
        c("得分", 8, "score"),
        c("变更原因", 40),
      ],
      rows: rows.map((r) => {
        const self = itemValue(r.selfValue, r.selfFlag, r.selfRating, r.selfCounts);
        const verified = itemValue(r.verifiedValue, r.verifiedFlag, r.verifiedRating, r.verifiedCounts);
        return [
          r.employeeNo,
          r.name,
          r.townshipName,
          CATEGORY[r.category],
          r.categoryName,
          r.code,
          r.indicatorName,
          r.unit,
          pointsCell(traitsOf(traits, r.code).pointsLabel, r.points),
          r.target,
          value(self, kindLines(scheme, r.code, r.unitClass, self)),
          isScoredSheet(r) ? value(verified, kindLines(scheme, r.code, r.unitClass, verified)) : "待核实",
          isScoredSheet(r) && r.score !== null ? r.score : "待评定",
          isScoredSheet(r) ? r.changeReason : null,
        ];
      }),
    },
  };
}

/** 分值 of an item: its points, or 加分项 / 否决项 for the 0-point bonus and veto indicators. */
function pointsCell(label: "bonus" | "veto" | null, points: number): ExportValue {
  if (label === "bonus") return "加分项";
  if (label === "veto") return "否决项";
  return points;
}

// Targets and progress leave in their import template's shape, so a file can be corrected and imported back.
function templateColumns(template: Template): ExportColumn[] {
  const numeric = new Set(["value", "month", "examScore"]);
  return template.columns.map((col) => c(col.header, col.width, numeric.has(col.key) ? "number" : "text"));
}

async function targetsTable(db: Db, user: SessionUser, periodId: number): Promise<PeriodExport> {
  const period = await loadReportPeriod(db, user, periodId);
  const rows = await listTargetRows(db, periodId, scopeOf(user));
  return {
    period,
    table: {
      title: `${periodHeading(period)}个人目标`,
      sheetName: TEMPLATES.targets.sheetName,
      columns: templateColumns(TEMPLATES.targets),
      rows: rows.map((r) => [r.employeeNo, r.name, r.indicatorCode, r.indicatorName, r.value, r.reason]),
    },
  };
}

async function progressTable(db: Db, user: SessionUser, periodId: number): Promise<PeriodExport> {
  const period = await loadReportPeriod(db, user, periodId);
  const rows = await listProgressRows(db, periodId, scopeOf(user));
  return {
    period,
    table: {
      title: `${periodHeading(period)}月度进度`,
      sheetName: TEMPLATES.progress.sheetName,
      columns: templateColumns(TEMPLATES.progress),
      rows: rows.map((r) => [
        r.employeeNo,
        r.name,
        r.indicatorCode,
        r.indicatorName,
        r.month,
        r.value,
        r.note,
      ]),
    },
  };
}

const BUILDERS: Record<
  ExportDataset,
  (db: Db, user: SessionUser, periodId: number) => Promise<PeriodExport>
> = {
  townships: townshipsTable,
  people: peopleTable,
  scores: scoresTable,
  targets: targetsTable,
  progress: progressTable,
};

/** Builds one export table of a period, with the same scope rules as the reports. */
export function buildExport(db: Db, user: SessionUser, dataset: ExportDataset, periodId: number) {
  return BUILDERS[dataset](db, user, periodId);
}

/** The Chinese name of each dataset, for file names. */
export const DATASET_LABELS: Record<ExportDataset, string> = {
  townships: "乡镇综合得分排名",
  people: "个人排名",
  scores: "考核明细",
  targets: "个人目标",
  progress: "月度进度",
};

import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { listTownships } from "../../db/queries/org-queries";
import { incidentCountRows, indicatorStatistics } from "../../db/queries/report-indicator-queries";
import { listTownshipMembers } from "../../db/queries/report-person-queries";
import { incidentBreakdown, type KindLine, sumKindLines } from "../../domain/incident-breakdown";
import { forClass, listIndicators, type SchemeDocument } from "../../domain/scheme";
import { missing } from "../errors";
import { loadPeriodScheme } from "../scoring/scoring-service";
import {
  assertTownshipInScope,
  isScoredSheet,
  loadReportPeriod,
  type ResultsView,
  resultsView,
} from "./report-access";
import { describeIndicators, loadIndicatorTraits } from "./report-indicator-service";
import { buildProgress, provisionalCoverage } from "./report-progress-service";
import { loadProvisionalPool, rankScoredTownships } from "./report-provisional-service";
import { indexStats, periodHeader, townshipRankingWithGrades } from "./report-service";

type Member = Awaited<ReturnType<typeof listTownshipMembers>>[number];

/**
 * A member as the view allows: published results with 第 rank / rankOf 名; provisional totals of a scored
 * sheet (no grade or rank, they depend on the whole pool); nothing of an unscored or unpublished sheet.
 */
function memberRow(member: Member, view: ResultsView, poolSize: number, townshipSize: number) {
  const scored = isScoredSheet(member);
  if (view === "published" && scored)
    return { ...member, scored, rankOf: poolSize, townshipRankOf: townshipSize };
  const blank = { grade: null, rank: null, townshipRank: null, rankOf: null, townshipRankOf: null };
  if (view === "provisional" && scored) return { ...member, ...blank, scored };
  return { ...member, ...blank, scored, base: null, bonus: null, total: null, vetoed: null };
}

/** The township's own line of the ranking the view allows (null before any of its sheets is scored). */
async function townshipResult(db: DbOrTx, view: ResultsView, periodId: number, townshipId: number) {
  if (view === "none") return null;
  if (view === "published") {
    const ranking = await townshipRankingWithGrades(db, periodId);
    return ranking.find((row) => row.townshipId === townshipId) ?? null;
  }
  const [scheme, pool] = await Promise.all([
    loadPeriodScheme(db, periodId),
    loadProvisionalPool(db, periodId),
  ]);
  return (
    rankScoredTownships(scheme, pool.scored, pool.own).find((row) => row.townshipId === townshipId) ?? null
  );
}

/** 多类扣分 of the township's scored sheets: per incidents indicator, cases and deduction per kind, summed. */
async function townshipIncidents(
  db: DbOrTx,
  scheme: SchemeDocument,
  periodId: number,
  townshipId: number,
): Promise<Record<string, KindLine[]>> {
  const rows = await incidentCountRows(db, periodId, townshipId);
  const byCode = new Map<string, KindLine[][]>();
  const indicators = new Map(listIndicators(scheme).map((indicator) => [indicator.code, indicator]));
  for (const row of rows) {
    const indicator = indicators.get(row.code);
    if (indicator === undefined || row.counts === null) continue;
    const lines = incidentBreakdown(forClass(indicator, row.unitClass ?? undefined), row.counts);
    byCode.set(row.code, [...(byCode.get(row.code) ?? []), lines]);
  }
  return Object.fromEntries([...byCode].map(([code, sheets]) => [code, sumKindLines(sheets)]));
}

/** A township's report: its progress, its result and members as the view allows, and indicator averages. */
export async function buildTownshipReport(
  db: DbOrTx,
  user: SessionUser,
  periodId: number,
  townshipId: number,
  now: Date,
) {
  const period = await loadReportPeriod(db, user, periodId);
  assertTownshipInScope(user, townshipId);
  const view = resultsView(user, period);
  const { traits, codes, scheme } = await loadIndicatorTraits(db, periodId);
  const [townships, indicators, members, stats, result, progress, coverage, incidents] = await Promise.all([
    listTownships(db, user.countyId),
    describeIndicators(db, period.schemeId, traits),
    listTownshipMembers(db, periodId, townshipId),
    view === "none" ? Promise.resolve([]) : indicatorStatistics(db, [periodId], codes),
    townshipResult(db, view, periodId, townshipId),
    buildProgress(db, periodId, now, townshipId),
    provisionalCoverage(db, periodId),
    view === "none"
      ? Promise.resolve<Record<string, KindLine[]>>({})
      : townshipIncidents(db, scheme, periodId, townshipId),
  ]);
  const township = townships.find((t) => t.id === townshipId);
  if (!township) throw missing("乡镇");
  const local = indexStats(
    stats.filter((s) => s.group === "township" && s.townshipId === townshipId),
    () => "t",
  ).t;
  const county = indexStats(
    stats.filter((s) => s.group === "county"),
    () => "c",
  ).c;
  return {
    period: periodHeader(period),
    township: {
      id: township.id,
      code: township.code,
      name: township.name,
      stationName: township.stationName,
    },
    results: view,
    resultsVisible: view !== "none",
    provisional: view === "provisional" ? coverage : null,
    progress,
    result,
    members: members.map((m) => memberRow(m, view, coverage.scored, members.length)),
    indicators: indicators.map((indicator) => ({
      ...indicator,
      township: local?.[indicator.code] ?? null,
      county: county?.[indicator.code] ?? null,
      /** 多类扣分: the township's cases and deductions per kind (scored sheets; null for other indicators). */
      incidents:
        incidents[indicator.code] ?? (indicator.ruleType === "incidents" && view !== "none" ? [] : null),
    })),
  };
}

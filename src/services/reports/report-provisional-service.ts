import type { DbOrTx } from "../../db/client";
import { listOwnSheets, listScoredSheets } from "../../db/queries/report-progress-queries";
import type { SchemeDocument } from "../../domain/scheme";
import { rankPeople, scoreTownships } from "../../domain/score-pool";
import { compositeRule } from "../../domain/township-composite";
import { isScoredSheet } from "./report-access";

// 未公示·仅供考核组: before 公示, assessors and admins may rank what has been scored so far. The engine's stored
// ranks, grades and 预否决 cover every sheet of the period (unscored ones as zeros), so they are never read
// here: ranks are taken again over the scored sheets only, and grades and 预否决 (which depend on the whole
// pool) are left out.

type ScoredSheet = Awaited<ReturnType<typeof listScoredSheets>>[number];
type OwnSheet = Awaited<ReturnType<typeof listOwnSheets>>[number];

/** Scored people ranked among themselves (competition ranking, vetoed after the rest). */
export function rankScoredPeople(rows: readonly ScoredSheet[]) {
  const pool = rows.map((row) => ({ total: row.total ?? 0, vetoed: row.vetoed }));
  const ranks = rankPeople(pool);
  return rows
    .map((row, index) => ({ ...row, rank: ranks[index] ?? null, rankOf: rows.length }))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.employeeNo.localeCompare(b.employeeNo));
}

/**
 * Townships by the composite the scheme states, over what is scored so far: the mean total of the scored
 * members, the township's own sheet (乡镇考核表) once scored, or both weighted. A township whose composite
 * needs its own sheet (乡镇考核得分, or weighted) while that sheet is still unscored is pending: left out of the
 * ranking (the coverage says how much is scored), never ranked as 0.
 */
export function rankScoredTownships(
  scheme: SchemeDocument,
  rows: readonly ScoredSheet[],
  ownSheets: readonly OwnSheet[] = [],
) {
  const rule = compositeRule(scheme);
  const pending = new Set(
    rule.from === "staffMean"
      ? []
      : ownSheets.filter((sheet) => !isScoredSheet(sheet)).map((sheet) => sheet.townshipId),
  );
  const members = rows.filter((row) => !pending.has(row.townshipId));
  const own = rule.from === "staffMean" ? [] : ownSheets.filter((sheet) => isScoredSheet(sheet));
  const results = scoreTownships(
    { ...scheme, preVetoBottomN: 0 },
    members.map((row) => ({ township: String(row.townshipId), total: row.total ?? 0, vetoed: row.vetoed })),
    own.map((sheet) => ({
      township: String(sheet.townshipId),
      total: sheet.total ?? 0,
      vetoed: sheet.vetoed,
    })),
  );
  return results.map((result) => {
    const township =
      members.find((row) => String(row.townshipId) === result.name) ??
      own.find((sheet) => String(sheet.townshipId) === result.name);
    return {
      townshipId: Number(result.name),
      code: township?.townshipCode ?? "",
      name: township?.townshipName ?? "",
      composite: result.composite,
      rank: result.rank,
      rankOf: results.length,
      preVeto: null,
      hasVetoedMember: result.hasVetoedMember,
      memberCount: null,
      scoredCount: result.memberCount + (result.ownTotal === undefined ? 0 : 1),
      staffMean: result.staffMean ?? null,
      ownTotal: result.ownTotal ?? null,
    };
  });
}

/** The provisional pool of a period: the scored people's sheets with their totals, and the townships' own sheets. */
export async function loadProvisionalPool(db: DbOrTx, periodId: number) {
  const [scored, own] = await Promise.all([listScoredSheets(db, periodId), listOwnSheets(db, periodId)]);
  return { scored, own };
}

/** The provisional pool of a period: the scored sheets with their totals. */
export function loadScoredSheets(db: DbOrTx, periodId: number, townshipId?: number) {
  return listScoredSheets(db, periodId, townshipId);
}

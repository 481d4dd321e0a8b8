import type { DbOrTx } from "../db/client";
import { listScoredSheets } from "../db/queries/report-progress-queries";
import type { SchemeDocument } from "../domain/scheme";
import { rankPeople, scoreTownships } from "../domain/score-pool";

// 未公示·仅供考核组: before 公示, assessors and admins may rank what has been scored so far. The engine's stored
// ranks, grades and 预否决 cover every sheet of the period (unscored ones as zeros), so they are never read
// here: ranks are taken again over the scored sheets only, and grades and 预否决 (which depend on the whole
// pool) are left out.

type ScoredSheet = Awaited<ReturnType<typeof listScoredSheets>>[number];

/** Scored people ranked among themselves (competition ranking, vetoed after the rest). */
export function rankScoredPeople(rows: readonly ScoredSheet[]) {
  const pool = rows.map((row) => ({ total: row.total ?? 0, vetoed: row.vetoed }));
  const ranks = rankPeople(pool);
  return rows
    .map((row, index) => ({ ...row, rank: ranks[index] ?? null, rankOf: rows.length }))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.employeeNo.localeCompare(b.employeeNo));
}

/** Townships by the mean total of their scored members, with how many members that covers. */
export function rankScoredTownships(scheme: SchemeDocument, rows: readonly ScoredSheet[]) {
  const results = scoreTownships(
    { ...scheme, preVetoBottomN: 0 },
    rows.map((row) => ({ township: String(row.townshipId), total: row.total ?? 0, vetoed: row.vetoed })),
  );
  return results.map((result) => {
    const member = rows.find((row) => String(row.townshipId) === result.name);
    return {
      townshipId: Number(result.name),
      code: member?.townshipCode ?? "",
      name: member?.townshipName ?? "",
      composite: result.composite,
      rank: result.rank,
      rankOf: results.length,
      preVeto: null,
      hasVetoedMember: result.hasVetoedMember,
      memberCount: null,
      scoredCount: result.memberCount,
    };
  });
}

/** The provisional pool of a period: the scored sheets with their totals. */
export function loadScoredSheets(db: DbOrTx, periodId: number, townshipId?: number) {
  return listScoredSheets(db, periodId, townshipId);
}

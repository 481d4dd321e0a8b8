import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { listTownships } from "../../db/queries/org-queries";
import { indicatorStatistics } from "../../db/queries/report-indicator-queries";
import { findReportPerson, listPersonSheets, listReportItems } from "../../db/queries/report-person-queries";
import { findReportPeriods, listTownshipResults } from "../../db/queries/report-ranking-queries";
import { dec, toNumber2 } from "../../domain/decimal";
import { PERIOD_KIND_LABELS } from "../../domain/period-kind";
import { invalid, missing } from "../errors";
import { assertPersonInScope, assertTownshipInScope, isPublished } from "./report-access";
import { loadIndicatorTraits } from "./report-indicator-service";
import { itemValue } from "./report-person-service";

type ComparedPeriod = NonNullable<Awaited<ReturnType<typeof findReportPeriods>>[number]>;

/** One period's value of an indicator in a comparison; `{score: null}` where the period has none. */
type Missing = { score: null };
const MISSING: Missing = { score: null };

/** The periods asked for, oldest year first; 404 when one is not in the county. */
async function loadPeriods(db: DbOrTx, user: SessionUser, periodIds: readonly number[]) {
  const found = await findReportPeriods(db, user.countyId, periodIds);
  const periods = found.filter((period): period is ComparedPeriod => period !== undefined);
  if (periods.length !== periodIds.length) throw missing("考核周期");
  // Like with like: an annual result is not compared with a quarter's or a campaign's.
  const kinds = new Set(periods.map((period) => period.kind));
  if (kinds.size > 1)
    throw invalid("只能比较同一种类的考核周期 Only periods of the same kind can be compared", [
      {
        path: "periods",
        message: `种类不同：${[...kinds].map((kind) => PERIOD_KIND_LABELS[kind]).join("、")} kinds differ`,
      },
    ]);
  return periods.sort((a, b) => a.year - b.year || (a.quarter ?? 0) - (b.quarter ?? 0) || a.id - b.id);
}

/** Score change from the first to the last period, exact (both must be known). */
function scoreChange(values: readonly { score: number | null }[]): number | null {
  const first = values[0]?.score;
  const last = values.at(-1)?.score;
  if (first == null || last == null) return null;
  return toNumber2(dec(last).minus(dec(first)));
}

/** Rows by indicator code over all periods, in the order the latest period lists them. */
function byIndicator<V extends { score: number | null }>(
  periods: readonly ComparedPeriod[],
  rowsOf: (period: ComparedPeriod) => { code: string; name: string; value: V }[],
) {
  const table = new Map<string, { code: string; name: string; values: (V | Missing)[] }>();
  const perPeriod = periods.map(rowsOf);
  for (const rows of [...perPeriod].reverse())
    for (const row of rows)
      if (!table.has(row.code)) table.set(row.code, { code: row.code, name: row.name, values: [] });
  for (const entry of table.values())
    entry.values = perPeriod.map((rows) => rows.find((row) => row.code === entry.code)?.value ?? MISSING);
  return [...table.values()].map((entry) => ({ ...entry, change: scoreChange(entry.values) }));
}

type PersonSheet = Awaited<ReturnType<typeof listPersonSheets>>[number];
type PersonItem = Awaited<ReturnType<typeof listReportItems>>[number];

/** A sheet's results as the comparison shows them, or null when withheld or absent. */
function personSummary(sheet: PersonSheet | undefined, results: boolean) {
  if (!sheet || !results) return null;
  const { total, base, bonus, grade, vetoed, rank, townshipRank, poolSize } = sheet;
  return { total, base, bonus, grade, vetoed, rank, townshipRank, poolSize };
}

/** One item's value in a period: the scored actual, the target and the score (self value only if withheld). */
function comparedItem(item: PersonItem, results: boolean) {
  const self = itemValue(item.selfValue, item.selfFlag, item.selfRating, item.selfCounts);
  const verified = itemValue(item.verifiedValue, item.verifiedFlag, item.verifiedRating, item.verifiedCounts);
  return {
    code: item.code,
    name: item.name,
    value: {
      actual: results ? (verified ?? self) : self,
      target: item.target,
      score: results ? item.score : null,
    },
  };
}

/** Year-over-year comparison of one person: results and every indicator's score, period by period. */
export async function comparePerson(
  db: DbOrTx,
  user: SessionUser,
  personId: number,
  periodIds: readonly number[],
) {
  const periods = await loadPeriods(db, user, periodIds);
  for (const period of periods) await assertPersonInScope(db, user, period.id, personId);
  const person = await findReportPerson(db, user.countyId, personId);
  if (!person) throw missing("人员");
  const sheets = await listPersonSheets(
    db,
    personId,
    periods.map((p) => p.id),
  );
  const sheetIds = sheets.map((s) => s.id);
  const items = sheetIds.length > 0 ? await listReportItems(db, sheetIds) : [];
  // Year-over-year figures compare results, so only published ones (a provisional year is not a year's result).
  const visible = (period: ComparedPeriod) => isPublished(period);
  const sheetOf = (period: ComparedPeriod) => sheets.find((s) => s.periodId === period.id);
  return {
    subject: { kind: "person" as const, ...person },
    periods: periods.map((period) => ({
      ...period,
      resultsVisible: visible(period),
      summary: personSummary(sheetOf(period), visible(period)),
    })),
    indicators: byIndicator(periods, (period) =>
      items
        .filter((item) => item.sheetId === sheetOf(period)?.id)
        .map((item) => comparedItem(item, visible(period))),
    ),
  };
}

/** Year-over-year comparison of one township: composite, rank, 预否决 and indicator averages per period. */
export async function compareTownship(
  db: DbOrTx,
  user: SessionUser,
  townshipId: number,
  periodIds: readonly number[],
) {
  assertTownshipInScope(user, townshipId);
  const periods = await loadPeriods(db, user, periodIds);
  const ids = periods.map((p) => p.id);
  const latest = periods.at(-1)?.id ?? 0;
  const { codes } = await loadIndicatorTraits(db, latest);
  const [townships, results, stats] = await Promise.all([
    listTownships(db, user.countyId),
    listTownshipResults(db, ids, townshipId),
    indicatorStatistics(db, ids, codes, { townshipId }),
  ]);
  const township = townships.find((t) => t.id === townshipId);
  if (!township) throw missing("乡镇");
  const visible = new Map(periods.map((p) => [p.id, isPublished(p)]));
  return {
    subject: { kind: "township" as const, id: township.id, code: township.code, name: township.name },
    periods: periods.map((period) => {
      const { periodId: _p, ...result } = results.find((r) => r.periodId === period.id) ?? { periodId: 0 };
      const shown = visible.get(period.id) === true;
      return { ...period, resultsVisible: shown, summary: shown && "rank" in result ? result : null };
    }),
    indicators: byIndicator(periods, (period) =>
      visible.get(period.id) === true
        ? stats
            .filter((s) => s.group === "township" && s.periodId === period.id)
            .map((s) => ({
              code: s.code,
              name: s.name,
              value: { score: s.averageScore, completionRate: s.completionRate, scoreShare: s.scoreShare },
            }))
        : [],
    ),
  };
}

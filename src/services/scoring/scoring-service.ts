import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { updateById } from "../../db/bulk";
import type { DbOrTx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { itemsOfSheets } from "../../db/queries/report-item-scope";
import { people } from "../../db/schema/org";
import { periods, targets, townshipTargets } from "../../db/schema/period";
import { indicators, schemes } from "../../db/schema/scheme";
import { sheetItems, sheets, townshipResults } from "../../db/schema/sheet";
import { parseScheme, type SchemeDocument } from "../../domain/scheme";
import {
  type PoolMember,
  type PoolPersonResult,
  type PoolTownshipSheet,
  rankPeople,
  scorePool,
  type TownshipResult,
} from "../../domain/score-pool";
import type { IndicatorValue } from "../../domain/values";

/**
 * The value the engine scores: the assessor's verified value where there is one, else the self-reported one,
 * chosen in SQL as one jsonb (both drivers parse it), so a recompute maps one column per item instead of
 * eight. A number arrives as the double Number() gives its text; a JSON null in a counts column counts as none.
 */
const effectiveValue = sql<IndicatorValue | null>`coalesce(
  to_jsonb(${sheetItems.verifiedValue}), to_jsonb(${sheetItems.verifiedFlag}), to_jsonb(${sheetItems.verifiedRating}),
  nullif(${sheetItems.verifiedCounts}, 'null'::jsonb),
  to_jsonb(${sheetItems.selfValue}), to_jsonb(${sheetItems.selfFlag}), to_jsonb(${sheetItems.selfRating}),
  nullif(${sheetItems.selfCounts}, 'null'::jsonb))`;

// Stored scheme documents never change (a new version is a new row), yet every request that scores reads its
// period's document and validates it again, and validating costs more than reading. Parsed documents are kept
// by content, not by id (one process may serve several databases, as the tests do), and frozen, since every
// caller shares them.
const parsedSchemes = new Map<string, SchemeDocument>();
const MAX_PARSED_SCHEMES = 32;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The scheme document of a period, validated again (a stored document that fails is a bug, not input). */
export async function loadPeriodScheme(db: DbOrTx, periodId: number): Promise<SchemeDocument> {
  const [row] = await db
    .select({ document: schemes.document })
    .from(periods)
    .innerJoin(schemes, eq(schemes.id, periods.schemeId))
    .where(eq(periods.id, periodId));
  if (!row) throw new Error(`period ${periodId} not found`);
  return parsedDocument(row.document, `period ${periodId}`);
}

/** A stored scheme document by the scheme's id, validated (and cached) as for a period. */
export async function loadSchemeDocument(db: DbOrTx, schemeId: number): Promise<SchemeDocument> {
  const [row] = await db.select({ document: schemes.document }).from(schemes).where(eq(schemes.id, schemeId));
  if (!row) throw new Error(`scheme ${schemeId} not found`);
  return parsedDocument(row.document, `scheme ${schemeId}`);
}

/** A stored scheme document, validated once per content and kept (`of` names it in the error if invalid). */
export function parsedDocument(document: unknown, of: string): SchemeDocument {
  const key = JSON.stringify(document);
  const known = parsedSchemes.get(key);
  if (known) return known;
  const parsed = parseScheme(document);
  if (!parsed.ok) throw new Error(`stored scheme of ${of} is invalid: ${JSON.stringify(parsed.issues)}`);
  if (parsedSchemes.size >= MAX_PARSED_SCHEMES) parsedSchemes.clear();
  parsedSchemes.set(key, deepFreeze(parsed.scheme));
  return parsed.scheme;
}

interface StoredItem {
  id: number;
  score: number | null;
  vetoed: boolean;
}

type PoolEntry = PoolMember & { items: Map<string, StoredItem> };

// 季度得分合成全年: the statuses whose totals a quarter gives the year. Before 公示 a quarter's totals may still
// change and are not the county's word yet, so they do not count.
const QUARTER_RESULT_STATUSES = ["published", "final"] as const;

interface PeriodOfPool {
  id: number;
  countyId: number;
  year: number;
  kind: string;
  status: string;
}

/**
 * Each person's totals in the published quarterly periods of an annual period's county and year, as
 * `PoolMember.quarterTotals` (index 0 = 第1季度; null where the person has no scored, non-exempt sheet).
 * Empty for a period that is not annual. One query.
 */
async function loadQuarterTotals(db: DbOrTx, period: PeriodOfPool) {
  const byPerson = new Map<number, (number | null)[]>();
  if (period.kind !== "annual") return byPerson;
  const rows = await db
    .select({ personId: sheets.personId, quarter: periods.quarter, total: sheets.total })
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .where(
      and(
        eq(periods.countyId, period.countyId),
        eq(periods.year, period.year),
        eq(periods.kind, "quarter"),
        inArray(periods.status, [...QUARTER_RESULT_STATUSES]),
        isNotNull(sheets.personId),
        isNull(sheets.exemptCategory),
        isNotNull(sheets.total),
      ),
    );
  for (const row of rows) {
    if (row.personId === null || row.quarter === null || row.total === null) continue;
    const totals = byPerson.get(row.personId) ?? [null, null, null, null];
    totals[row.quarter - 1] = row.total;
    byPerson.set(row.personId, totals);
  }
  return byPerson;
}

/**
 * Reads every sheet of a period with its items and targets, as the engine's pool: four queries, no per-row
 * reads, and with `quarters` (a scheme whose composition combines the year) one more for the quarters' totals.
 */
async function loadPool(db: DbOrTx, periodId: number, options: { quarters?: PeriodOfPool } = {}) {
  const [sheetRows, itemRows, targetRows, townshipTargetRows] = await Promise.all([
    db
      .select({
        id: sheets.id,
        personId: sheets.personId,
        countyId: sheets.countyId,
        townshipId: sheets.townshipId,
        category: sheets.category,
        unitClass: sheets.unitClass,
        employeeNo: people.employeeNo,
        stored: {
          base: sheets.base,
          bonus: sheets.bonus,
          total: sheets.total,
          vetoed: sheets.vetoed,
          grade: sheets.grade,
          rank: sheets.rank,
          townshipRank: sheets.townshipRank,
        },
      })
      .from(sheets)
      // A township's own sheet has no person (乡镇考核表).
      .leftJoin(people, eq(people.id, sheets.personId))
      // 不参加本期考核: exempt sheets are not in the pool (no total, rank, quota share or township mean).
      .where(and(eq(sheets.periodId, periodId), isNull(sheets.exemptCategory)))
      .orderBy(asc(sheets.id)),
    db
      .select({
        id: sheetItems.id,
        sheetId: sheetItems.sheetId,
        code: indicators.code,
        value: effectiveValue,
        score: sheetItems.score,
        vetoed: sheetItems.vetoed,
      })
      .from(sheetItems)
      .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
      .where(itemsOfSheets(eq(sheets.periodId, periodId), isNull(sheets.exemptCategory))),
    db
      .select({ personId: targets.personId, code: indicators.code, value: targets.value })
      .from(targets)
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .where(eq(targets.periodId, periodId)),
    db
      .select({ townshipId: townshipTargets.townshipId, code: indicators.code, value: townshipTargets.value })
      .from(townshipTargets)
      .innerJoin(indicators, eq(indicators.id, townshipTargets.indicatorId))
      .where(eq(townshipTargets.periodId, periodId)),
  ]);
  const quarterTotals = options.quarters ? await loadQuarterTotals(db, options.quarters) : undefined;
  const members = new Map<number, PoolEntry>();
  const ownSheets = new Map<number, PoolEntry>();
  const bySheet = new Map<number, PoolEntry>();
  for (const sheet of sheetRows) {
    const member = {
      employeeNo: sheet.employeeNo ?? "",
      township: String(sheet.townshipId),
      category: sheet.category,
      // 分类考核: the class recorded for this period selects the indicator's `byClass` parameters.
      unitClass: sheet.unitClass ?? undefined,
      values: {} as Record<string, IndicatorValue | undefined>,
      targets: {} as Record<string, number>,
      items: new Map<string, StoredItem>(),
      ...(quarterTotals === undefined || sheet.personId === null
        ? {}
        : { quarterTotals: quarterTotals.get(sheet.personId) }),
    };
    if (sheet.personId !== null) members.set(sheet.personId, member);
    else ownSheets.set(sheet.townshipId, member);
    bySheet.set(sheet.id, member);
  }
  for (const item of itemRows) {
    const member = bySheet.get(item.sheetId);
    if (!member) continue;
    member.values[item.code] = item.value ?? undefined;
    member.items.set(item.code, { id: item.id, score: item.score, vetoed: item.vetoed });
  }
  for (const target of targetRows) {
    const targetsOf = members.get(target.personId)?.targets;
    if (targetsOf) targetsOf[target.code] = target.value;
  }
  // A township's own sheet reads the township's targets (乡镇目标); an indicator's default applies otherwise.
  for (const target of townshipTargetRows) {
    const targetsOf = ownSheets.get(target.townshipId)?.targets;
    if (targetsOf) targetsOf[target.code] = target.value;
  }
  return {
    sheetRows,
    members: sheetRows.map((sheet) => bySheet.get(sheet.id)).filter((m) => m !== undefined),
  };
}

/** Each person's rank among the members of their own township (same rules as the county ranking). */
function ranksWithinTownships(people: readonly PoolPersonResult[]): number[] {
  const ranks: number[] = new Array(people.length);
  const groups = new Map<string, number[]>();
  people.forEach((person, index) => {
    const group = groups.get(person.township) ?? [];
    group.push(index);
    groups.set(person.township, group);
  });
  for (const indexes of groups.values()) {
    const groupRanks = rankPeople(indexes.map((i) => people[i] ?? { total: 0, vetoed: false }));
    indexes.forEach((personIndex, k) => {
      ranks[personIndex] = groupRanks[k] ?? 0;
    });
  }
  return ranks;
}

type SheetRow = Awaited<ReturnType<typeof loadPool>>["sheetRows"][number];

/**
 * The item and sheet rows whose computed values differ from the stored ones, as `updateById` rows. Rows that
 * would be written with what they already hold are left alone, so a recompute after one change writes little.
 */
function changedRows(
  people: readonly PoolPersonResult[],
  members: readonly PoolEntry[],
  sheetRows: readonly SheetRow[],
) {
  const itemUpdates: { id: number; values: unknown[] }[] = [];
  const sheetUpdates: { id: number; values: unknown[] }[] = [];
  const rankInTownship = ranksWithinTownships(people);
  people.forEach((person, index) => {
    const member = members[index];
    const sheet = sheetRows[index];
    if (!member || !sheet) return;
    for (const item of person.items) {
      const stored = member.items.get(item.code);
      if (stored && (stored.score !== item.score || stored.vetoed !== item.vetoed))
        itemUpdates.push({ id: stored.id, values: [item.score, item.vetoed] });
    }
    const computed = [
      person.base,
      person.bonus,
      person.total,
      person.vetoed,
      person.grade,
      person.rank,
      rankInTownship[index] ?? null,
    ];
    const { base, bonus, total, vetoed, grade, rank, townshipRank } = sheet.stored;
    const stored = [base, bonus, total, vetoed, grade, rank, townshipRank];
    if (computed.some((value, i) => value !== stored[i]))
      sheetUpdates.push({ id: sheet.id, values: computed });
  });
  return { itemUpdates, sheetUpdates };
}

/** The township sheets' changed item and sheet rows, added to the people's (township rank = composite rank). */
function changedTownshipRows(
  results: readonly PoolTownshipSheet[],
  members: readonly PoolEntry[],
  sheetRows: readonly SheetRow[],
  itemUpdates: { id: number; values: unknown[] }[],
  sheetUpdates: { id: number; values: unknown[] }[],
) {
  results.forEach((result, index) => {
    const member = members[index];
    const sheet = sheetRows[index];
    if (!member || !sheet) return;
    for (const item of result.items) {
      const stored = member.items.get(item.code);
      if (stored && (stored.score !== item.score || stored.vetoed !== item.vetoed))
        itemUpdates.push({ id: stored.id, values: [item.score, item.vetoed] });
    }
    const computed = [
      result.base,
      result.bonus,
      result.total,
      result.vetoed,
      result.grade,
      result.rank,
      null,
    ];
    const { base, bonus, total, vetoed, grade, rank, townshipRank } = sheet.stored;
    if (computed.some((value, i) => value !== [base, bonus, total, vetoed, grade, rank, townshipRank][i]))
      sheetUpdates.push({ id: sheet.id, values: computed });
  });
}

/**
 * Recomputes a whole period with the engine: item scores, totals, grades under the 优秀 quota, ranks,
 * township composites and 预否决, written back set-based. Call inside the transaction of the change.
 */
export async function recomputePeriod(db: DbOrTx, periodId: number) {
  const scheme = await loadPeriodScheme(db, periodId);
  const [period] = await db
    .select({
      id: periods.id,
      countyId: periods.countyId,
      year: periods.year,
      kind: periods.kind,
      status: periods.status,
    })
    .from(periods)
    .where(eq(periods.id, periodId));
  if (!period) throw new Error(`period ${periodId} not found`);
  const combinesYear = scheme.composition?.yearFrom !== undefined;
  const pool = await loadPool(db, periodId, combinesYear ? { quarters: period } : {});
  const result = scorePool(scheme, pool.members);
  // scorePool answers people and townships' own sheets apart, each in input order.
  const isOwn = (row: SheetRow) => row.personId === null;
  const sheetRows = pool.sheetRows.filter((row) => !isOwn(row));
  const members = pool.members.filter((member) => member.category !== "township");
  const { itemUpdates, sheetUpdates } = changedRows(result.people, members, sheetRows);
  changedTownshipRows(
    result.townshipSheets,
    pool.members.filter((member) => member.category === "township"),
    pool.sheetRows.filter(isOwn),
    itemUpdates,
    sheetUpdates,
  );
  await updateById(db, "sheet_items", { score: "numeric", vetoed: "boolean" }, itemUpdates);
  await updateById(
    db,
    "sheets",
    {
      base: "numeric",
      bonus: "numeric",
      total: "numeric",
      vetoed: "boolean",
      grade: "text",
      rank: "int",
      township_rank: "int",
    },
    sheetUpdates,
  );
  // A period's sheets all belong to its county (townships exist only where there are sheets).
  await storeTownshipResults(db, periodId, pool.sheetRows[0]?.countyId, result.townships);
  await recomputeYearOfQuarter(db, period);
  return result;
}

// The annual statuses whose stored results follow a quarter's: before assessing nothing is scored yet (the
// annual period reads its quarters when it is scored), and an archived (归档) year never changes.
const YEAR_FOLLOWS_IN = ["assessing", "published"] as const;

/**
 * A published quarter's totals feed its year (composition.yearFrom): when they change (公示, or a 复核 decided
 * after it), the same county's annual period of that year is recomputed in the same transaction, under its lock.
 */
async function recomputeYearOfQuarter(db: DbOrTx, quarter: PeriodOfPool) {
  if (quarter.kind !== "quarter" || !(QUARTER_RESULT_STATUSES as readonly string[]).includes(quarter.status))
    return;
  const [annual] = await db
    .select({ id: periods.id })
    .from(periods)
    .where(
      and(eq(periods.countyId, quarter.countyId), eq(periods.year, quarter.year), eq(periods.kind, "annual")),
    );
  if (!annual) return;
  // Status read under the lock, so a concurrent 归档 of the year is either before (left alone) or after.
  const locked = await lockPeriod(db, quarter.countyId, annual.id);
  if (!locked || !(YEAR_FOLLOWS_IN as readonly string[]).includes(locked.status)) return;
  const scheme = await loadPeriodScheme(db, annual.id);
  if (scheme.composition?.yearFrom === undefined) return;
  await recomputePeriod(db, annual.id);
}

const TOWNSHIP_RESULT_COLUMNS = [
  "composite",
  "rank",
  "preVeto",
  "hasVetoedMember",
  "memberCount",
  "staffMean",
  "ownTotal",
] as const;

// A recompute that changes no township result writes none: rewriting identical rows would cost the writes
// and move the period's data version (so every cached report of the period would be built again).
async function storeTownshipResults(
  db: DbOrTx,
  periodId: number,
  countyId: number | undefined,
  townships: readonly TownshipResult[],
) {
  const rows =
    countyId === undefined
      ? []
      : townships.map((t) => ({
          countyId,
          periodId,
          townshipId: Number(t.name),
          composite: t.composite,
          rank: t.rank,
          preVeto: t.preVeto,
          hasVetoedMember: t.hasVetoedMember,
          memberCount: t.memberCount,
          staffMean: t.staffMean ?? null,
          ownTotal: t.ownTotal ?? null,
        }));
  const stored = await db
    .select({
      countyId: townshipResults.countyId,
      townshipId: townshipResults.townshipId,
      ...Object.fromEntries(TOWNSHIP_RESULT_COLUMNS.map((column) => [column, townshipResults[column]])),
    })
    .from(townshipResults)
    .where(eq(townshipResults.periodId, periodId));
  const storedOf = new Map(stored.map((row) => [row.townshipId, row as Record<string, unknown>]));
  const unchanged =
    stored.length === rows.length &&
    rows.every((row) => {
      const old = storedOf.get(row.townshipId);
      return (
        old !== undefined &&
        old.countyId === row.countyId &&
        TOWNSHIP_RESULT_COLUMNS.every((column) => old[column] === row[column])
      );
    });
  if (unchanged) return;
  await db.delete(townshipResults).where(eq(townshipResults.periodId, periodId));
  if (rows.length > 0) await db.insert(townshipResults).values(rows);
}

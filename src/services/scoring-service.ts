import { and, asc, eq } from "drizzle-orm";
import { updateById } from "../db/bulk";
import type { DbOrTx } from "../db/client";
import { people } from "../db/schema/org";
import { periods, targets } from "../db/schema/period";
import { indicators, schemes } from "../db/schema/scheme";
import { sheetItems, sheets, townshipResults } from "../db/schema/sheet";
import { parseScheme, type SchemeDocument } from "../domain/scheme";
import { type PoolMember, type PoolPersonResult, rankPeople, scorePool } from "../domain/score-pool";
import type { IndicatorValue } from "../domain/values";

/** The value the engine scores: the assessor's verified value where there is one, else the self-reported one. */
export function effectiveValue(item: {
  selfValue: number | null;
  selfFlag: boolean | null;
  selfRating: string | null;
  verifiedValue: number | null;
  verifiedFlag: boolean | null;
  verifiedRating: string | null;
}): IndicatorValue | undefined {
  const verified = item.verifiedValue ?? item.verifiedFlag ?? item.verifiedRating;
  if (verified !== null) return verified;
  return item.selfValue ?? item.selfFlag ?? item.selfRating ?? undefined;
}

/** The scheme document of a period, validated again (a stored document that fails is a bug, not input). */
export async function loadPeriodScheme(db: DbOrTx, periodId: number): Promise<SchemeDocument> {
  const [row] = await db
    .select({ document: schemes.document })
    .from(periods)
    .innerJoin(schemes, eq(schemes.id, periods.schemeId))
    .where(eq(periods.id, periodId));
  if (!row) throw new Error(`period ${periodId} not found`);
  const parsed = parseScheme(row.document);
  if (!parsed.ok)
    throw new Error(`stored scheme of period ${periodId} is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.scheme;
}

/** Reads every sheet of a period with its items and targets, as the engine's pool. Three queries, no per-row reads. */
async function loadPool(db: DbOrTx, periodId: number) {
  const [sheetRows, itemRows, targetRows] = await Promise.all([
    db
      .select({
        id: sheets.id,
        personId: sheets.personId,
        townshipId: sheets.townshipId,
        category: sheets.category,
        employeeNo: people.employeeNo,
      })
      .from(sheets)
      .innerJoin(people, eq(people.id, sheets.personId))
      .where(eq(sheets.periodId, periodId))
      .orderBy(asc(sheets.id)),
    db
      .select({
        id: sheetItems.id,
        sheetId: sheetItems.sheetId,
        code: indicators.code,
        selfValue: sheetItems.selfValue,
        selfFlag: sheetItems.selfFlag,
        selfRating: sheetItems.selfRating,
        verifiedValue: sheetItems.verifiedValue,
        verifiedFlag: sheetItems.verifiedFlag,
        verifiedRating: sheetItems.verifiedRating,
      })
      .from(sheetItems)
      .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
      .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
      .where(eq(sheets.periodId, periodId)),
    db
      .select({ personId: targets.personId, code: indicators.code, value: targets.value })
      .from(targets)
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .where(eq(targets.periodId, periodId)),
  ]);
  const members = new Map<number, PoolMember & { itemIds: Map<string, number> }>();
  const bySheet = new Map<number, PoolMember & { itemIds: Map<string, number> }>();
  for (const sheet of sheetRows) {
    const member = {
      employeeNo: sheet.employeeNo,
      township: String(sheet.townshipId),
      category: sheet.category,
      values: {} as Record<string, IndicatorValue | undefined>,
      targets: {} as Record<string, number>,
      itemIds: new Map<string, number>(),
    };
    members.set(sheet.personId, member);
    bySheet.set(sheet.id, member);
  }
  for (const item of itemRows) {
    const member = bySheet.get(item.sheetId);
    if (!member) continue;
    member.values[item.code] = effectiveValue(item);
    member.itemIds.set(item.code, item.id);
  }
  for (const target of targetRows) {
    const targetsOf = members.get(target.personId)?.targets;
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

/**
 * Recomputes a whole period with the engine: item scores, totals, grades under the 优秀 quota, ranks,
 * township composites and 预否决, written back set-based. Call inside the transaction of the change.
 */
export async function recomputePeriod(db: DbOrTx, periodId: number) {
  const scheme = await loadPeriodScheme(db, periodId);
  const { sheetRows, members } = await loadPool(db, periodId);
  const result = scorePool(scheme, members);

  const itemUpdates: { id: number; values: unknown[] }[] = [];
  const sheetUpdates: { id: number; values: unknown[] }[] = [];
  const rankInTownship = ranksWithinTownships(result.people);
  result.people.forEach((person, index) => {
    const member = members[index];
    const sheet = sheetRows[index];
    if (!member || !sheet) return;
    for (const item of person.items) {
      const id = member.itemIds.get(item.code);
      if (id !== undefined) itemUpdates.push({ id, values: [item.score, item.vetoed] });
    }
    sheetUpdates.push({
      id: sheet.id,
      values: [
        person.base,
        person.bonus,
        person.total,
        person.vetoed,
        person.grade,
        person.rank,
        rankInTownship[index] ?? null,
      ],
    });
  });
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
  const [period] = await db
    .select({ countyId: periods.countyId })
    .from(periods)
    .where(eq(periods.id, periodId));
  await db.delete(townshipResults).where(and(eq(townshipResults.periodId, periodId)));
  if (period && result.townships.length > 0) {
    await db.insert(townshipResults).values(
      result.townships.map((t) => ({
        countyId: period.countyId,
        periodId,
        townshipId: Number(t.name),
        composite: t.composite,
        rank: t.rank,
        preVeto: t.preVeto,
        hasVetoedMember: t.hasVetoedMember,
        memberCount: t.memberCount,
      })),
    );
  }
  return result;
}

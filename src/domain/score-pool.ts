import { type Decimal, dec, floor, round2, toNumber2, ZERO } from "./decimal";
import { type GradeBand, type SchemeDocument, sortedGradeBands } from "./scheme";
import { composeTotals, quotaOf, weightedTotal } from "./score-composition";
import { type ScoredSheet, type SheetInput, scoreSheet } from "./score-sheet";
import { compositeRule, staffMean, townshipComposite } from "./township-composite";

/** A person in the pool: their sheet input plus who and where they are. */
export interface PoolMember extends SheetInput {
  employeeNo: string;
  township: string;
  /** Totals of the year's quarterly periods, for a scheme whose `composition.yearFrom` combines them. */
  quarterTotals?: readonly (number | null | undefined)[] | undefined;
}

/** A scored sheet with its grade (the band's code) and its rank in the pool. */
export interface PoolPersonResult extends ScoredSheet {
  employeeNo: string;
  township: string;
  grade: string;
  rank: number;
  /** The sheet's own total before the scheme's composition (group share, rank adjustments), when it has one. */
  ownTotal?: number;
  /** The total weighted into a larger one (composition.weightInTotal), when the scheme says so. */
  weighted?: number;
}

/** A township's composite score, rank and 预否决 (pre-veto) flag. */
export interface TownshipResult {
  name: string;
  composite: number;
  rank: number;
  preVeto: boolean;
  hasVetoedMember: boolean;
  memberCount: number;
  /** round2 of the staff totals' mean, when the township has staff sheets. */
  staffMean?: number;
  /** The township's own sheet total (乡镇考核表), when it has one. */
  ownTotal?: number;
}

/** A township's own sheet (乡镇考核表) scored, with the township's rank by composite. */
export interface PoolTownshipSheet extends ScoredSheet {
  township: string;
  grade: string;
  rank: number;
}

/** What grading needs of a scored sheet. */
export interface GradedSheet {
  employeeNo: string;
  township?: string;
  base: number;
  total: number;
  vetoed: boolean;
}

// Code-unit order, not localeCompare: the same on Node and workerd whatever ICU data is present.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Competition ranks (1, 2, 2, 4) by value, highest first; `offset` is added to every rank. */
export function competitionRanks(values: readonly Decimal[], offset = 0): number[] {
  const entries = values.map((value, index) => ({ value, index })).sort((a, b) => b.value.cmp(a.value));
  const ranks = new Array<number>(values.length).fill(0);
  let rank = 0;
  entries.forEach((entry, position) => {
    const previous = entries[position - 1];
    if (previous === undefined || !previous.value.eq(entry.value)) rank = offset + position + 1;
    ranks[entry.index] = rank;
  });
  return ranks;
}

function bandFor(bands: readonly GradeBand[], total: Decimal): GradeBand | undefined {
  return bands.find((band) => total.gte(dec(band.min))) ?? bands.at(-1);
}

interface GradeCandidate {
  index: number;
  employeeNo: string;
  township: string;
  total: Decimal;
  base: Decimal;
}

/** The grade a total earns by the bands alone, before 一票否决 and the 优秀 quota. */
export function gradeByTotal(scheme: SchemeDocument, total: number): string {
  const bands = sortedGradeBands(scheme);
  return bandFor(bands, dec(total))?.grade ?? "";
}

// 优秀 quota: at most ⌊n × excellentQuota⌋ (n counts vetoed sheets too) keep the top band, chosen by
// total, base, employee number; the others qualifying drop to the next band.
/** Grade codes per sheet (input order): band by total, the lowest when vetoed, top band within quota. */
export function assignGrades(scheme: SchemeDocument, sheets: readonly GradedSheet[]): string[] {
  const bands = sortedGradeBands(scheme);
  const lowest = bands.at(-1)?.grade ?? "";
  const candidates = sheets.map(
    (sheet, index): GradeCandidate => ({
      index,
      employeeNo: sheet.employeeNo,
      township: sheet.township ?? "",
      total: dec(sheet.total),
      base: dec(sheet.base),
    }),
  );
  const grades = candidates.map((candidate, index) =>
    sheets[index]?.vetoed ? lowest : (bandFor(bands, candidate.total)?.grade ?? lowest),
  );
  const [top, next] = bands;
  // With a single band there is nowhere to drop to, so the quota cannot apply.
  if (top === undefined || next === undefined) return grades;
  const demote = (candidate: GradeCandidate) => {
    grades[candidate.index] = next.grade;
  };
  const townshipQuota = scheme.composition?.townshipQuota;
  if (townshipQuota !== undefined) {
    // 按单位分配: each township keeps its own ⌊members × townshipQuota⌋ first; the county ceiling follows.
    const members = new Map<string, number>();
    for (const candidate of candidates)
      members.set(candidate.township, (members.get(candidate.township) ?? 0) + 1);
    for (const [township, count] of members) {
      const own = candidates.filter((c) => c.township === township && grades[c.index] === top.grade);
      own.sort(compareForExcellence).slice(quotaOf(count, townshipQuota)).forEach(demote);
    }
  }
  const quota = floor(dec(sheets.length).times(dec(scheme.excellentQuota))).toNumber();
  const excellent = candidates.filter((candidate) => grades[candidate.index] === top.grade);
  if (excellent.length <= quota) return grades;
  excellent.sort(compareForExcellence).slice(quota).forEach(demote);
  return grades;
}

// 优秀 tie-break: total desc, then base desc, then employee number asc.
function compareForExcellence(x: GradeCandidate, y: GradeCandidate): number {
  return y.total.cmp(x.total) || y.base.cmp(x.base) || compareText(x.employeeNo, y.employeeNo);
}

/** Person ranks: competition ranking by total among non-vetoed sheets, vetoed sheets after them all. */
export function rankPeople(sheets: readonly { total: number; vetoed: boolean }[]): number[] {
  const clear = sheets.flatMap((sheet, index) => (sheet.vetoed ? [] : [index]));
  const vetoed = sheets.flatMap((sheet, index) => (sheet.vetoed ? [index] : []));
  const ranks = new Array<number>(sheets.length).fill(0);
  const rankGroup = (indices: number[], offset: number) => {
    const groupRanks = competitionRanks(
      indices.map((index) => dec(sheets[index]?.total ?? 0)),
      offset,
    );
    indices.forEach((index, position) => {
      ranks[index] = groupRanks[position] ?? 0;
    });
  };
  rankGroup(clear, 0);
  rankGroup(vetoed, clear.length);
  return ranks;
}

interface TownshipTally {
  name: string;
  totals: Decimal[];
  hasVetoedMember: boolean;
}

function tallyTownships(
  members: readonly { township: string; total: number; vetoed: boolean }[],
): TownshipTally[] {
  const tallies = new Map<string, TownshipTally>();
  for (const member of members) {
    const tally = tallies.get(member.township) ?? {
      name: member.township,
      totals: [],
      hasVetoedMember: false,
    };
    tally.totals.push(dec(member.total));
    tally.hasVetoedMember ||= member.vetoed;
    tallies.set(member.township, tally);
  }
  return [...tallies.values()];
}

// 预否决: every township at or below the N-th lowest composite, so boundary ties are all flagged.
function preVetoFlags(composites: readonly Decimal[], bottomN: number): boolean[] {
  if (bottomN <= 0 || composites.length === 0) return composites.map(() => false);
  const ascending = [...composites].sort((a, b) => a.cmp(b));
  const boundary = ascending[Math.min(bottomN, ascending.length) - 1];
  return composites.map((composite) => boundary !== undefined && composite.lte(boundary));
}

/**
 * Township composites, ranks and pre-veto flags, by rank then name. The composite is what the scheme's
 * `townshipComposite` says (default: the mean member total, vetoed members included); `own` gives the
 * townships' own sheet totals (乡镇考核表), for schemes that assess townships. A township the rule has nothing
 * to read for (no staff for 人员平均分, no own sheet for 乡镇考核得分) is not ranked.
 */
export function scoreTownships(
  scheme: SchemeDocument,
  members: readonly { township: string; total: number; vetoed: boolean }[],
  own: readonly { township: string; total: number; vetoed: boolean }[] = [],
): TownshipResult[] {
  const rule = compositeRule(scheme);
  const tallies = tallyTownships(members);
  const ownOf = new Map(own.map((sheet) => [sheet.township, sheet]));
  for (const sheet of own)
    if (!tallies.some((tally) => tally.name === sheet.township))
      tallies.push({ name: sheet.township, totals: [], hasVetoedMember: false });
  const scored = tallies.flatMap((tally) => {
    const ownSheet = ownOf.get(tally.name);
    const composite = townshipComposite(rule, {
      staffTotals: tally.totals,
      ownTotal: ownSheet === undefined ? undefined : dec(ownSheet.total),
    });
    return composite === undefined ? [] : [{ tally, ownSheet, composite }];
  });
  const composites = scored.map((entry) => entry.composite);
  const ranks = competitionRanks(composites);
  const preVeto = preVetoFlags(composites, scheme.preVetoBottomN);
  const results = scored.map(({ tally, ownSheet, composite }, index): TownshipResult => {
    const mean = staffMean(tally.totals);
    return {
      name: tally.name,
      composite: toNumber2(composite),
      rank: ranks[index] ?? 0,
      preVeto: preVeto[index] ?? false,
      hasVetoedMember: tally.hasVetoedMember || ownSheet?.vetoed === true,
      memberCount: tally.totals.length,
      ...(mean === undefined ? {} : { staffMean: toNumber2(round2(mean)) }),
      ...(ownSheet === undefined ? {} : { ownTotal: ownSheet.total }),
    };
  });
  return results.sort((a, b) => a.rank - b.rank || compareText(a.name, b.name));
}

/**
 * Scores every sheet of a period: people (input order) with grades and ranks, townships, and the townships'
 * own sheets (members of category `township`, input order) with a grade by band and the township's rank.
 */
export function scorePool(
  scheme: SchemeDocument,
  allMembers: readonly PoolMember[],
): { people: PoolPersonResult[]; townships: TownshipResult[]; townshipSheets: PoolTownshipSheet[] } {
  const members = allMembers.filter((member) => member.category !== "township");
  const ownSheets = allMembers
    .filter((member) => member.category === "township")
    .map((member) => ({ township: member.township, ...scoreSheet(scheme, member) }));
  const sheets = members.map((member) => ({ member, sheet: scoreSheet(scheme, member) }));
  const { composition } = scheme;
  const composed = composeTotals(
    sheets.map(({ member, sheet }) => ({
      township: member.township,
      total: dec(sheet.total),
      vetoed: sheet.vetoed,
      quarterTotals: member.quarterTotals,
    })),
    composition,
  );
  const graded = sheets.map(({ member, sheet }, index) => ({
    ...sheet,
    employeeNo: member.employeeNo,
    township: member.township,
    total: toNumber2(composed[index] ?? ZERO),
  }));
  const grades = assignGrades(scheme, graded);
  const ranks = rankPeople(graded);
  const people = sheets.map(({ member, sheet }, index): PoolPersonResult => {
    const total = composed[index] ?? ZERO;
    return {
      ...sheet,
      employeeNo: member.employeeNo,
      township: member.township,
      grade: grades[index] ?? "",
      rank: ranks[index] ?? 0,
      total: toNumber2(total),
      ...(composition === undefined ? {} : { ownTotal: sheet.total }),
      ...(composition?.weightInTotal === undefined
        ? {}
        : { weighted: toNumber2(weightedTotal(total, composition.weightInTotal)) }),
    };
  });
  const townships = scoreTownships(
    scheme,
    people.map(({ township, total, vetoed }) => ({ township, total, vetoed })),
    ownSheets,
  );
  const bands = sortedGradeBands(scheme);
  const lowest = bands.at(-1)?.grade ?? "";
  const townshipSheets = ownSheets.map(
    (sheet): PoolTownshipSheet => ({
      ...sheet,
      grade: sheet.vetoed ? lowest : (bandFor(bands, dec(sheet.total))?.grade ?? lowest),
      rank: townships.find((t) => t.name === sheet.township)?.rank ?? 0,
    }),
  );
  return { people, townships, townshipSheets };
}

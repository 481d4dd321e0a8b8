import { appliesTo, listIndicators, needsTarget, type SchemeDocument } from "../../src/domain/scheme";
import { DEMO_TOWNSHIPS } from "../../src/services/demo/county-data";
import type { PlannedCounty, PlannedPerson, PlanValue } from "./province-plan";
import type { Row } from "./row-loader";

// Turns planned counties into table rows with ids handed out from ranges reserved beforehand, so rows can
// reference each other without a round trip per insert (and can be written with COPY).

export const ROW_TABLES = [
  "townships",
  "stations",
  "people",
  "users",
  "periods",
  "targets",
  "sheets",
  "sheetItems",
  "progressEntries",
] as const;
export type RowTable = (typeof ROW_TABLES)[number];

/** Hands out consecutive ids from a reserved range. */
export interface IdRange {
  next(): number;
}

/** One value per table, made by `make`. */
export function perTable<T>(make: (table: RowTable) => T): Record<RowTable, T> {
  return {
    townships: make("townships"),
    stations: make("stations"),
    people: make("people"),
    users: make("users"),
    periods: make("periods"),
    targets: make("targets"),
    sheets: make("sheets"),
    sheetItems: make("sheetItems"),
    progressEntries: make("progressEntries"),
  };
}

export function idRange(first: number): IdRange {
  let id = first;
  return { next: () => id++ };
}

/** What rows of one county refer to outside themselves. */
export interface CountyRefs {
  countyId: number;
  schemeId: number;
  indicatorIds: Map<string, number>;
}

export interface RowContext {
  scheme: SchemeDocument;
  year: number;
  passwordHash: string;
  ids: Record<RowTable, IdRange>;
}

/** How many rows each table gets for these counties (to reserve the id ranges). */
export function countRows(
  scheme: SchemeDocument,
  counties: readonly PlannedCounty[],
): Record<RowTable, number> {
  const indicators = listIndicators(scheme);
  const counts = perTable(() => 0);
  for (const county of counties) {
    counts.townships += DEMO_TOWNSHIPS.length;
    counts.stations += DEMO_TOWNSHIPS.length;
    counts.periods += 1;
    counts.users += 3 + DEMO_TOWNSHIPS.length;
    for (const person of county.people) {
      const applicable = indicators.filter((i) => appliesTo(i, person.category));
      counts.people += 1;
      counts.users += 1;
      counts.sheets += 1;
      counts.sheetItems += applicable.length;
      counts.targets += applicable.filter((i) => needsTarget(i.rule)).length;
      for (const series of Object.values(person.progress)) counts.progressEntries += series.length;
    }
  }
  return counts;
}

/** The rows of one county, appended to `out` table by table. */
export function buildCountyRows(
  county: PlannedCounty,
  refs: CountyRefs,
  ctx: RowContext,
  out: Record<RowTable, Row[]>,
): { periodId: number } {
  const { countyId } = refs;
  const townshipIds = DEMO_TOWNSHIPS.map((township, i) => {
    const id = ctx.ids.townships.next();
    const code = `T${String(i + 1).padStart(2, "0")}`;
    out.townships.push({ id, countyId, code, name: township.name, kind: township.kind, sortOrder: i + 1 });
    return id;
  });
  const stationIds = townshipIds.map((townshipId, i) => {
    const id = ctx.ids.stations.next();
    out.stations.push({ id, countyId, townshipId, name: `${DEMO_TOWNSHIPS[i]?.name}计生服务所` });
    return id;
  });
  const periodId = ctx.ids.periods.next();
  const next = ctx.year + 1;
  out.periods.push({
    id: periodId,
    countyId,
    year: ctx.year,
    name: `${ctx.year}年度目标管理考核`,
    schemeId: refs.schemeId,
    status: "open",
    selfReportDeadline: `${next}-01-10`,
    reviewDeadline: `${next}-01-20`,
    recheckDeadline: `${next}-02-15`,
    appealDeadline: `${next}-02-28`,
  });
  const user = (
    username: string,
    displayName: string,
    role: string,
    townshipId: number | null,
    personId: number | null,
  ) =>
    out.users.push({
      id: ctx.ids.users.next(),
      countyId,
      username,
      displayName,
      passwordHash: ctx.passwordHash,
      role,
      townshipId,
      personId,
    });
  const prefix = county.code.toLowerCase();
  user(`${prefix}-admin`, `${county.name}管理员`, "admin", null, null);
  user(`${prefix}-assessor`, `${county.name}考核组`, "assessor", null, null);
  user(`${prefix}-viewer`, `${county.name}领导`, "viewer", null, null);
  townshipIds.forEach((townshipId, i) => {
    user(
      `${prefix}-xz${String(i + 1).padStart(2, "0")}`,
      `${DEMO_TOWNSHIPS[i]?.name}计生服务所`,
      "township",
      townshipId,
      null,
    );
  });
  for (const person of county.people) {
    const townshipId = townshipIds[person.townshipIndex] ?? -1;
    const stationId = stationIds[person.townshipIndex] ?? -1;
    const personId = ctx.ids.people.next();
    out.people.push({
      id: personId,
      countyId,
      employeeNo: person.employeeNo,
      name: person.name,
      gender: person.gender,
      stationId,
      category: person.category,
      position: person.position,
      originUnit: person.originUnit,
      examScore: person.examScore,
      reassignedOn: person.reassignedOn,
    });
    user(person.employeeNo, person.name, "staff", null, personId);
    const where = { countyId, periodId, personId, townshipId, stationId };
    personRows(person, where, refs, ctx, out);
  }
  return { periodId };
}

interface PersonPlace {
  countyId: number;
  periodId: number;
  personId: number;
  townshipId: number;
  stationId: number;
}

function personRows(
  person: PlannedPerson,
  at: PersonPlace,
  refs: CountyRefs,
  ctx: RowContext,
  out: Record<RowTable, Row[]>,
) {
  const { countyId, periodId, personId } = at;
  const sheetId = ctx.ids.sheets.next();
  out.sheets.push({
    id: sheetId,
    countyId,
    periodId,
    personId,
    stationId: at.stationId,
    townshipId: at.townshipId,
    category: person.category,
    status: "draft",
  });
  for (const indicator of listIndicators(ctx.scheme)) {
    if (!appliesTo(indicator, person.category)) continue;
    const indicatorId = refs.indicatorIds.get(indicator.code) ?? -1;
    if (needsTarget(indicator.rule)) {
      const personal = indicator.code === "B1" ? person.b1Target : (indicator.target ?? 0);
      const override = personal !== indicator.target;
      out.targets.push({
        id: ctx.ids.targets.next(),
        countyId,
        periodId,
        personId,
        indicatorId,
        value: personal,
        source: override ? "override" : "default",
        reason: override ? "按辖区育龄妇女数调整随访目标" : null,
      });
    }
    const value = person.values[indicator.code];
    const correction = person.corrections[indicator.code];
    const bySelf = indicator.source === "self";
    out.sheetItems.push({
      id: ctx.ids.sheetItems.next(),
      countyId,
      sheetId,
      indicatorId,
      ...valueColumns(bySelf ? value : undefined, "self"),
      ...valueColumns(correction ?? (bySelf ? undefined : value), "verified"),
      changeReason: correction === undefined ? null : "核查台账后核定",
    });
  }
  for (const [code, series] of Object.entries(person.progress))
    series.forEach((value, m) => {
      out.progressEntries.push({
        id: ctx.ids.progressEntries.next(),
        countyId,
        periodId,
        personId,
        indicatorId: refs.indicatorIds.get(code) ?? -1,
        month: m + 1,
        revision: 1,
        value,
      });
    });
}

function valueColumns(value: PlanValue | undefined, prefix: "self" | "verified") {
  return {
    [`${prefix}Value`]: typeof value === "number" ? value : null,
    [`${prefix}Flag`]: typeof value === "boolean" ? value : null,
    [`${prefix}Rating`]: typeof value === "string" ? value : null,
  };
}

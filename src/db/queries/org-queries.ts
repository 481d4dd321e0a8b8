import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, stations, townships } from "../schema/org";

/** Townships of a county with their station, in the county's order. */
/** A person as the people list and the person page show them (join stations and townships). */
export const personColumns = {
  id: people.id,
  employeeNo: people.employeeNo,
  name: people.name,
  gender: people.gender,
  category: people.category,
  position: people.position,
  originUnit: people.originUnit,
  examScore: people.examScore,
  reassignedOn: people.reassignedOn,
  phone: people.phone,
  active: people.active,
  stationId: people.stationId,
  townshipId: stations.townshipId,
  townshipName: townships.name,
};

export function listTownships(db: DbOrTx, countyId: number) {
  return db
    .select({
      id: townships.id,
      code: townships.code,
      name: townships.name,
      kind: townships.kind,
      stationId: stations.id,
      stationName: stations.name,
    })
    .from(townships)
    .leftJoin(stations, eq(stations.townshipId, townships.id))
    .where(eq(townships.countyId, countyId))
    .orderBy(asc(townships.sortOrder), asc(townships.id));
}

/** Service stations of a county. */
export function listStations(db: DbOrTx, countyId: number) {
  return db
    .select({
      id: stations.id,
      name: stations.name,
      townshipId: stations.townshipId,
      townshipName: townships.name,
    })
    .from(stations)
    .innerJoin(townships, eq(townships.id, stations.townshipId))
    .where(eq(stations.countyId, countyId))
    .orderBy(asc(townships.sortOrder), asc(stations.id));
}

export interface PeopleFilter {
  countyId: number;
  townshipId?: number;
  personId?: number;
  category?: "station" | "reassigned";
  /** A part of the name or 工号. */
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

/** People of a county, filtered and paginated, with their station and township. */
export async function listPeople(db: DbOrTx, filter: PeopleFilter) {
  const conditions: SQL[] = [eq(people.countyId, filter.countyId)];
  if (filter.townshipId !== undefined) conditions.push(eq(stations.townshipId, filter.townshipId));
  if (filter.personId !== undefined) conditions.push(eq(people.id, filter.personId));
  if (filter.category) conditions.push(eq(people.category, filter.category));
  if (filter.active !== undefined) conditions.push(eq(people.active, filter.active));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const match = or(ilike(people.name, pattern), ilike(people.employeeNo, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const base = db
    .select(personColumns)
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .innerJoin(townships, eq(townships.id, stations.townshipId));
  const [items, [totals]] = await Promise.all([
    base
      .where(where)
      .orderBy(asc(townships.sortOrder), asc(people.employeeNo))
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ total: count() })
      .from(people)
      .innerJoin(stations, eq(stations.id, people.stationId))
      .where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

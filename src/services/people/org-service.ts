import type { DbOrTx } from "../../db/client";
import { listPeople, listStations, listTownships, type PeopleFilter } from "../../db/queries/org-queries";

// The county's organisation as the lists of the API read it: townships, stations and people.

/** A county's townships (乡镇), in their display order. */
export function countyTownships(db: DbOrTx, countyId: number) {
  return listTownships(db, countyId);
}

/** A county's stations (所), each with its township. */
export function countyStations(db: DbOrTx, countyId: number) {
  return listStations(db, countyId);
}

/** One page of people matching a filter (the caller has already narrowed it to what it may see). */
export function findPeople(db: DbOrTx, filter: PeopleFilter) {
  return listPeople(db, filter);
}

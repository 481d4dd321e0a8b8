import { z } from "zod";
import type { listPeople, listStations, listTownships } from "../db/queries/org-queries";
import type { listPeriods } from "../db/queries/period-queries";
import { PERIOD_KINDS } from "../domain/period-kind";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import { PERSON_CATEGORIES as personCategories } from "../domain/scheme";

// Answer bodies of the organisation and period-list routes, for the OpenAPI document. The typecheck ties each
// item schema to the query that builds the answer (see `Same` below), so the document cannot drift from it.

const id = z.number().int();
/** A calendar date as PostgreSQL's `date` gives it: `2026-12-31`. */
const day = z.iso.date();

const township = z.object({
  id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(["township", "town", "subdistrict"]),
  stationId: id.nullable(),
  stationName: z.string().nullable(),
});
export const townshipsBodySchema = z.object({ items: z.array(township) });

const station = z.object({ id, name: z.string(), townshipId: id, townshipName: z.string() });
export const stationsBodySchema = z.object({ items: z.array(station) });

const person = z.object({
  id,
  employeeNo: z.string(),
  name: z.string(),
  gender: z.enum(["male", "female"]).nullable(),
  category: z.enum(personCategories),
  position: z.string(),
  originUnit: z.string().nullable(),
  examScore: z.number().nullable(),
  reassignedOn: day.nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  stationId: id,
  townshipId: id,
  townshipName: z.string(),
});
export const peopleBodySchema = z.object({
  items: z.array(person),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const periodItem = z.object({
  id,
  year: z.number().int(),
  name: z.string(),
  kind: z.enum(PERIOD_KINDS),
  quarter: z.number().int().nullable(),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  status: z.enum(periodStatuses),
  selfReportDeadline: day,
  reviewDeadline: day,
  recheckDeadline: day,
  appealDeadline: day,
  publishedAt: z.iso.datetime().nullable(),
  finalizedAt: z.iso.datetime().nullable(),
  scheme: z.object({ id, code: z.string(), version: z.number().int(), name: z.string() }),
  sheetCount: z.number().int(),
});
export const periodsBodySchema = z.object({ items: z.array(periodItem) });

// JSON turns Dates into ISO strings: compare the schema with the query's row after that conversion.
type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const schemasMatchQueries: [
  Same<z.infer<typeof township>, Row<typeof listTownships>[number]>,
  Same<z.infer<typeof station>, Row<typeof listStations>[number]>,
  Same<z.infer<typeof person>, Row<typeof listPeople>["items"][number]>,
  Same<z.infer<typeof periodItem>, Row<typeof listPeriods>[number]>,
] = [true, true, true, true];

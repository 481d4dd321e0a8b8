import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, numeric, pgTable, text, unique } from "drizzle-orm/pg-core";
import { PERSON_CATEGORIES } from "../../domain/scheme";
import { countyId, createdAt, id } from "./columns";

/** 县 county: the unit of partitioning. */
export const counties = pgTable("counties", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  name: text().notNull(),
  createdAt: createdAt(),
});

/** 乡镇/街道 township or subdistrict. */
export const townships = pgTable(
  "townships",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    code: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: ["township", "town", "subdistrict"] }).notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    unique().on(t.countyId, t.code),
    unique().on(t.countyId, t.name),
    check("townships_kind_check", sql`${t.kind} in ('township', 'town', 'subdistrict')`),
  ],
);

/** 计生服务所 the service station of a township (one each). */
export const stations = pgTable("stations", {
  id: id(),
  countyId: countyId().references(() => counties.id),
  townshipId: integer()
    .notNull()
    .unique()
    .references(() => townships.id),
  name: text().notNull(),
});

/** 工作人员: station staff (所内人员) and staff reassigned from the county health system (选调人员). */
export const people = pgTable(
  "people",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    employeeNo: text().notNull(),
    name: text().notNull(),
    gender: text({ enum: ["male", "female"] }),
    stationId: integer()
      .notNull()
      .references(() => stations.id),
    category: text({ enum: PERSON_CATEGORIES }).notNull(),
    position: text().notNull(),
    originUnit: text(),
    examScore: numeric({ precision: 5, scale: 2, mode: "number" }),
    reassignedOn: date(),
    /** 联系电话, for the 催报 list; optional. */
    phone: text(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.countyId, t.employeeNo),
    index().on(t.stationId),
    check("people_category_check", sql`${t.category} in ('station', 'reassigned')`),
    // 选调人员 must say where they came from, their exam score and when they moved.
    check(
      "people_reassigned_check",
      sql`${t.category} = 'station' or (${t.originUnit} is not null and ${t.examScore} is not null and ${t.reassignedOn} is not null)`,
    ),
    check("people_exam_score_check", sql`${t.examScore} is null or ${t.examScore} between 0 and 100`),
    check("people_phone_check", sql`${t.phone} is null or ${t.phone} ~ '^[0-9+() -]{3,32}$'`),
  ],
);

/** A person's move between stations (a person keeps one sheet per period; the move is recorded here). */
export const personMoves = pgTable(
  "person_moves",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    fromStationId: integer()
      .notNull()
      .references(() => stations.id),
    toStationId: integer()
      .notNull()
      .references(() => stations.id),
    movedOn: date().notNull(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.personId),
    check("person_moves_distinct_check", sql`${t.fromStationId} <> ${t.toStationId}`),
  ],
);

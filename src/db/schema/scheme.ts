import { sql } from "drizzle-orm";
import { boolean, check, index, integer, json, numeric, pgTable, text, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { countyId, createdAt, id } from "./columns";
import { counties } from "./org";

/** 考核方案: a versioned scheme document, stored as imported (validated by the domain). */
export const schemes = pgTable(
  "schemes",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    code: text().notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    year: integer().notNull(),
    // json, not jsonb: keeps the document exactly as imported (key order included) for export.
    document: json().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.countyId, t.code, t.version), check("schemes_version_check", sql`${t.version} >= 1`)],
);

/** The scheme's indicators as rows, so reports can join on them. Derived from the document on import. */
export const indicators = pgTable(
  "indicators",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    schemeId: integer()
      .notNull()
      .references(() => schemes.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    categoryCode: text().notNull(),
    categoryName: text().notNull(),
    unit: text(),
    points: numeric({ precision: 8, scale: 2, mode: "number" }).notNull(),
    ruleType: text().notNull(),
    source: text({ enum: ["self", "assessor"] }).notNull(),
    evidenceRequired: boolean().notNull(),
    appliesToStation: boolean().notNull(),
    appliesToReassigned: boolean().notNull(),
    appliesToTownship: boolean().notNull().default(false), // 乡镇考核表
    defaultTarget: numeric({ precision: 14, scale: 4, mode: "number" }),
    sortOrder: integer().notNull(),
  },
  (t) => [
    unique().on(t.schemeId, t.code),
    index().on(t.countyId),
    check("indicators_points_check", sql`${t.points} >= 0`),
    check(
      "indicators_applies_check",
      sql`${t.appliesToStation} or ${t.appliesToReassigned} or ${t.appliesToTownship}`,
    ),
  ],
);

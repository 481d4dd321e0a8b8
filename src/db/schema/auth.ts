import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { ROLES } from "../../domain/roles";
import { countyId, createdAt, id } from "./columns";
import { counties, people, townships } from "./org";

/** A sign-in account. Scope: `township` users read one township; `staff` users link to one person. */
export const users = pgTable(
  "users",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    townshipId: integer().references(() => townships.id),
    personId: integer()
      .unique()
      .references(() => people.id),
    active: boolean().notNull().default(true),
    mustChangePassword: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    check("users_role_check", sql`${t.role} in ('staff', 'township', 'assessor', 'admin', 'viewer')`),
    check("users_township_scope_check", sql`${t.role} <> 'township' or ${t.townshipId} is not null`),
    check("users_staff_scope_check", sql`${t.role} <> 'staff' or ${t.personId} is not null`),
  ],
);

/** Sessions after Lucia's guide: the id is the SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    countyId: countyId().references(() => counties.id),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId)],
);

/** Failed and successful sign-ins, kept in the database so throttling holds across instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    username: text().notNull(),
    clientAddress: text().notNull(),
    success: boolean().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.username, t.attemptedAt), index().on(t.clientAddress, t.attemptedAt)],
);

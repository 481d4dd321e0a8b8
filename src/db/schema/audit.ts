import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Append-only record of every change to assessment data: who, when, what, before, after, why. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys: the log must outlive anything it describes.
    countyId: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer(),
    username: text(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
  },
  (t) => [index().on(t.countyId, t.at), index().on(t.entity, t.entityId)],
);

import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Reports computed once per change (docs/decisions/21-01-report-cache.md). Every write that changes what a
// period's reports show bumps the period's data version in the same transaction (database triggers,
// drizzle/0009_period_data_version.sql); a report answer is cached under the version it was built from.

/** The data version of a period: bumped at commit by every transaction that changed the period's data. */
export const periodDataVersions = pgTable("period_data_versions", {
  periodId: integer().primaryKey(),
  version: bigint({ mode: "number" }).notNull(),
});

/**
 * The periods a running transaction has changed, one row per transaction × period, written by the triggers
 * and consumed at commit (a deferred trigger bumps the version and deletes the row): never holds rows
 * between transactions.
 */
export const periodDataChanges = pgTable(
  "period_data_changes",
  {
    txid: bigint({ mode: "number" }).notNull(),
    periodId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.txid, t.periodId] })],
);

/** A serialised report answer: one per period × report × scope, replaced when the version moves on. */
export const reportCache = pgTable(
  "report_cache",
  {
    periodId: integer().notNull(),
    report: text().notNull(),
    scope: text().notNull(),
    version: bigint({ mode: "number" }).notNull(),
    etag: text().notNull(),
    body: text().notNull(),
    builtAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.report, t.scope] })],
);

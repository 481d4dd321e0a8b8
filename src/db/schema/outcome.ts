import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, unique } from "drizzle-orm/pg-core";
import { MEASURE_KINDS } from "../../domain/consequences";
import { users } from "./auth";
import { countyId, createdAt, id } from "./columns";
import { counties, people, townships } from "./org";
import { periods } from "./period";

// What the leading group decides on a period's result: 预否决 per township, the consequences actually applied
// (兑现奖惩), and the county's 通报 template.

/** 预否决 decided by an admin before 公示: confirm or remove an engine proposal, or add a township, with a reason. */
export const preVetoDecisions = pgTable(
  "pre_veto_decisions",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    townshipId: integer()
      .notNull()
      .references(() => townships.id),
    decision: text({ enum: ["confirm", "add", "remove"] }).notNull(),
    reason: text().notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: createdAt(),
  },
  (t) => [
    unique().on(t.periodId, t.townshipId),
    check("pre_veto_decisions_decision_check", sql`${t.decision} in ('confirm', 'add', 'remove')`),
  ],
);

/** 兑现奖惩: a consequence actually applied to a party of a published period (amount, date, 文号). */
export const consequenceRecords = pgTable(
  "consequence_records",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    townshipId: integer().references(() => townships.id),
    personId: integer().references(() => people.id),
    kind: text({ enum: MEASURE_KINDS }).notNull(),
    measure: text().notNull(),
    amount: numeric({ precision: 14, scale: 2, mode: "number" }),
    appliedOn: date().notNull(),
    documentNo: text(), // 文号, e.g. 桂人口组发〔2026〕3号
    note: text(),
    recordedBy: integer().references(() => users.id),
    recordedAt: createdAt(),
  },
  (t) => [
    index().on(t.periodId),
    check("consequence_records_party_check", sql`num_nonnulls(${t.townshipId}, ${t.personId}) = 1`),
    check("consequence_records_amount_check", sql`${t.amount} is null or ${t.amount} >= 0`),
  ],
);

/** The county's editable 通报 template: issuing body, 文号 prefix and body paragraphs with {placeholders}. */
export const noticeTemplates = pgTable("notice_templates", {
  id: id(),
  countyId: countyId()
    .references(() => counties.id)
    .unique(),
  issuer: text().notNull(),
  documentNoPrefix: text().notNull(),
  body: text().notNull(),
  updatedBy: integer().references(() => users.id),
  updatedAt: createdAt(),
});

import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { PERIOD_KINDS } from "../../domain/period-kind";
import { PERIOD_STATUSES } from "../../domain/period-state";
import { users } from "./auth";
import { countyId, createdAt, id } from "./columns";
import { counties, people, townships } from "./org";
import { indicators, schemes } from "./scheme";

/**
 * 考核周期: one year, one scheme, its deadlines and its status. `final` is immutable. Its kind: the annual
 * assessment (one per county and year), a quarterly check (one per quarter) or a campaign (专项活动, its own
 * dates, one per name and year).
 */
export const periods = pgTable(
  "periods",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    year: integer().notNull(),
    name: text().notNull(),
    kind: text({ enum: PERIOD_KINDS }).notNull().default("annual"),
    quarter: smallint(), // 季度 1–4, for kind quarter only
    startsOn: date(), // 专项活动 dates, for kind campaign
    endsOn: date(),
    schemeId: integer()
      .notNull()
      .references(() => schemes.id),
    status: text({ enum: PERIOD_STATUSES }).notNull().default("draft"), // the domain's list: one declaration
    selfReportDeadline: date().notNull(),
    reviewDeadline: date().notNull(),
    recheckDeadline: date().notNull(), // 复核 window closes
    appealDeadline: date().notNull(), // 申诉 window closes
    publishedAt: timestamp({ withTimezone: true }),
    finalizedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("periods_annual_unique").on(t.countyId, t.year).where(sql`kind = 'annual'`),
    uniqueIndex("periods_quarter_unique").on(t.countyId, t.year, t.quarter).where(sql`kind = 'quarter'`),
    uniqueIndex("periods_campaign_unique").on(t.countyId, t.year, t.name).where(sql`kind = 'campaign'`),
    check("periods_kind_check", sql`${t.kind} in (${sql.raw(PERIOD_KINDS.map((v) => `'${v}'`).join(", "))})`),
    check(
      "periods_kind_fields_check",
      sql`(${t.kind} = 'quarter') = (${t.quarter} is not null) and (${t.quarter} is null or ${t.quarter} between 1 and 4) and (${t.kind} <> 'campaign' or (${t.startsOn} is not null and ${t.endsOn} is not null and ${t.startsOn} <= ${t.endsOn}))`,
    ),
    check(
      "periods_status_check",
      sql`${t.status} in (${sql.raw(PERIOD_STATUSES.map((v) => `'${v}'`).join(", "))})`,
    ),
    check(
      "periods_deadlines_check",
      sql`${t.selfReportDeadline} <= ${t.reviewDeadline} and ${t.reviewDeadline} <= ${t.recheckDeadline} and ${t.recheckDeadline} <= ${t.appealDeadline}`,
    ),
  ],
);

/** 目标: per period × person × indicator; the county default, a personal override, or a township share. */
export const targets = pgTable(
  "targets",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    value: numeric({ precision: 14, scale: 4, mode: "number" }).notNull(),
    source: text({ enum: ["default", "override", "decomposed"] }).notNull(),
    reason: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: createdAt(),
  },
  (t) => [
    unique().on(t.periodId, t.personId, t.indicatorId),
    index().on(t.personId),
    check("targets_value_check", sql`${t.value} >= 0`),
    check("targets_source_check", sql`${t.source} in ('default', 'override', 'decomposed')`),
  ],
);

/** A township-level target that is decomposed (分解) among the township's staff. */
export const townshipTargets = pgTable(
  "township_targets",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    townshipId: integer()
      .notNull()
      .references(() => townships.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    value: numeric({ precision: 14, scale: 4, mode: "number" }).notNull(),
    updatedBy: integer().references(() => users.id),
    updatedAt: createdAt(),
  },
  (t) => [
    unique().on(t.periodId, t.townshipId, t.indicatorId),
    check("township_targets_value_check", sql`${t.value} >= 0`),
  ],
);

/** 进度填报: monthly cumulative actual. Corrections add a revision; the highest revision is current. */
export const progressEntries = pgTable(
  "progress_entries",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    month: smallint().notNull(),
    revision: integer().notNull().default(1),
    value: numeric({ precision: 14, scale: 4, mode: "number" }).notNull(),
    note: text(),
    enteredBy: integer().references(() => users.id),
    enteredAt: createdAt(),
  },
  (t) => [
    unique().on(t.periodId, t.personId, t.indicatorId, t.month, t.revision),
    index().on(t.periodId, t.indicatorId),
    check("progress_month_check", sql`${t.month} between 1 and 12`),
    check("progress_revision_check", sql`${t.revision} >= 1`),
    check("progress_value_check", sql`${t.value} >= 0`),
  ],
);

/** 延期: a later self-report deadline for one township or one person of a period, with its reason. */
export const deadlineExtensions = pgTable(
  "deadline_extensions",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    townshipId: integer().references(() => townships.id),
    personId: integer().references(() => people.id),
    selfReportDeadline: date().notNull(),
    reviewDeadline: date().notNull(), // at least the period's; a late submission still gets reviewed
    reason: text().notNull(),
    grantedBy: integer().references(() => users.id),
    grantedAt: createdAt(),
  },
  (t) => [
    index().on(t.periodId),
    check("deadline_extensions_target_check", sql`num_nonnulls(${t.townshipId}, ${t.personId}) = 1`),
  ],
);

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { EXEMPT_CATEGORIES, SHEET_STATUSES } from "../../domain/sheet-state";
import { users } from "./auth";
import { countyId, createdAt, id } from "./columns";
import { counties, people, stations, townships } from "./org";
import { periods } from "./period";
import { indicators } from "./scheme";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

const score = () => numeric({ precision: 8, scale: 2, mode: "number" });
const actual = () => numeric({ precision: 14, scale: 4, mode: "number" });

/**
 * 考核表: one per period × person, with the totals, grade and ranks the engine computed; or, in a period whose
 * scheme assesses townships, one per period × township (category `township`, no person, no station): the
 * township account fills it in (自查自纠) and the county inspectors verify and score it.
 */
export const sheets = pgTable(
  "sheets",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    personId: integer().references(() => people.id), // null on a township's own sheet
    // Where the person stood for this period; a later move does not rewrite history.
    stationId: integer().references(() => stations.id),
    townshipId: integer()
      .notNull()
      .references(() => townships.id),
    category: text({ enum: ["station", "reassigned", "township"] }).notNull(),
    // 单位类别 for this period (一类村 / 二、三类村): picks the scheme's `byClass` parameters; null = base ones.
    unitClass: text(),
    status: text({ enum: SHEET_STATUSES }).notNull().default("draft"), // the domain's list: one declaration
    base: score(),
    bonus: score(),
    total: score(),
    vetoed: boolean().notNull().default(false),
    grade: text(),
    rank: integer(),
    townshipRank: integer(), // rank among the members of the same township
    reviewComment: text(),
    // 不参加本期考核: an exempt sheet is out of the pool (totals, ranks, quota, township means).
    exemptCategory: text({ enum: EXEMPT_CATEGORIES }),
    exemptReason: text(),
    exemptBy: integer().references(() => users.id),
    exemptAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    reviewedAt: timestamp({ withTimezone: true }),
    scoredAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    updatedAt: createdAt(),
  },
  (t) => [
    unique().on(t.periodId, t.personId),
    uniqueIndex("sheets_township_sheet_unique").on(t.periodId, t.townshipId).where(sql`person_id is null`),
    check(
      "sheets_party_check",
      sql`(${t.category} = 'township') = (${t.personId} is null) and (${t.personId} is null) = (${t.stationId} is null)`,
    ),
    index().on(t.periodId, t.townshipId),
    index().on(t.personId),
    check("sheets_status_check", sql`${t.status} in (${inList(SHEET_STATUSES)})`),
    check(
      "sheets_exempt_check",
      sql`(${t.exemptCategory} is null or ${t.exemptCategory} in (${inList(EXEMPT_CATEGORIES)})) and (${t.exemptCategory} is null) = (${t.exemptReason} is null)`,
    ),
    // No lower bound on the total: an item may go negative (该项可负分), and so may a base in theory.
    check("sheets_rank_check", sql`${t.rank} is null or ${t.rank} >= 1`),
  ],
);

/** One indicator of a sheet: what the person reported beside what the assessor verified. */
export const sheetItems = pgTable(
  "sheet_items",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    sheetId: integer()
      .notNull()
      .references(() => sheets.id, { onDelete: "cascade" }),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    // Exactly one kind of value is used per indicator: a number, a yes/no (veto), a rating label, or cases per
    // incident kind (多类扣分, e.g. {"错报": 1, "错报@上级": 1}) kept whole so each kind can be checked.
    selfValue: actual(),
    selfFlag: boolean(),
    selfRating: text(),
    selfCounts: jsonb().$type<Record<string, number | number[]>>(),
    selfScore: score(),
    note: text(),
    verifiedValue: actual(),
    verifiedFlag: boolean(),
    verifiedRating: text(),
    verifiedCounts: jsonb().$type<Record<string, number | number[]>>(),
    score: score(),
    vetoed: boolean().notNull().default(false),
    changeReason: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: createdAt(),
  },
  (t) => [
    unique().on(t.sheetId, t.indicatorId),
    index().on(t.indicatorId),
    check("sheet_items_self_value_check", sql`${t.selfValue} is null or ${t.selfValue} >= 0`),
    check("sheet_items_verified_value_check", sql`${t.verifiedValue} is null or ${t.verifiedValue} >= 0`),
    check(
      "sheet_items_one_kind_check",
      sql`num_nonnulls(${t.selfValue}, ${t.selfFlag}, ${t.selfRating}, ${t.selfCounts}) <= 1 and num_nonnulls(${t.verifiedValue}, ${t.verifiedFlag}, ${t.verifiedRating}, ${t.verifiedCounts}) <= 1`,
    ),
  ],
);

/** Evidence file metadata; the bytes live in a storage backend under `storageKey`. */
export const evidence = pgTable(
  "evidence",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    sheetItemId: integer()
      .notNull()
      .references(() => sheetItems.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull().unique(),
    uploadedBy: integer().references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [
    index().on(t.sheetItemId),
    check("evidence_size_check", sql`${t.sizeBytes} > 0`),
    check("evidence_sha256_check", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** 乡镇审核: the township's pass or return of a submitted sheet. */
export const townshipReviews = pgTable(
  "township_reviews",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    sheetId: integer()
      .notNull()
      .references(() => sheets.id, { onDelete: "cascade" }),
    decision: text({ enum: ["pass", "return"] }).notNull(),
    comment: text(),
    reviewedBy: integer().references(() => users.id),
    reviewedAt: createdAt(),
  },
  (t) => [
    index().on(t.sheetId),
    check("township_reviews_decision_check", sql`${t.decision} in ('pass', 'return')`),
    check("township_reviews_return_comment_check", sql`${t.decision} = 'pass' or ${t.comment} is not null`),
  ],
);

/** 复核 (recheck by an assessor) and 申诉 (appeal to the admin) requests and their decisions. */
export const sheetRequests = pgTable(
  "sheet_requests",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    sheetId: integer()
      .notNull()
      .references(() => sheets.id, { onDelete: "cascade" }),
    kind: text({ enum: ["recheck", "appeal"] }).notNull(),
    indicatorId: integer().references(() => indicators.id),
    reason: text().notNull(),
    filedBy: integer().references(() => users.id),
    filedAt: createdAt(),
    outcome: text({ enum: ["changed", "kept", "upheld", "rejected"] }),
    decisionReason: text(),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.sheetId),
    check("sheet_requests_kind_check", sql`${t.kind} in ('recheck', 'appeal')`),
    check(
      "sheet_requests_decided_check",
      sql`(${t.outcome} is null) = (${t.decidedAt} is null) and (${t.outcome} is null or ${t.decisionReason} is not null)`,
    ),
  ],
);

/** The township composite, rank and 预否决 flag of a period, as last computed by the engine. */
export const townshipResults = pgTable(
  "township_results",
  {
    id: id(),
    countyId: countyId().references(() => counties.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    townshipId: integer()
      .notNull()
      .references(() => townships.id),
    composite: score().notNull(),
    rank: integer().notNull(),
    preVeto: boolean().notNull(), // 预否决 as the engine proposes it (bottom-N, ties included)
    hasVetoedMember: boolean().notNull(),
    memberCount: integer().notNull(),
    staffMean: score(), // round2 of the staff totals' mean, when the township has staff sheets
    ownTotal: score(), // the township's own sheet total, when it has one
    computedAt: createdAt(),
  },
  (t) => [unique().on(t.periodId, t.townshipId)],
);

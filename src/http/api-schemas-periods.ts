import { z } from "zod";
import { DEADLINE_FIELDS } from "../domain/deadlines";
import { PERIOD_KINDS } from "../domain/period-kind";
import type { PeriodAction } from "../domain/period-state";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import { EXEMPT_CATEGORIES, SHEET_ACTIONS, SHEET_STATUSES as sheetStatuses } from "../domain/sheet-state";
import type { fileAppeal, requestRecheck } from "../services/assessment/assessment-service";
import type { listPeriodSheets } from "../services/assessment/sheet-list-service";
import type {
  changeDeadlines,
  grantExtension,
  listExtensions,
} from "../services/periods/period-deadline-service";
import type { addPersonToPeriod } from "../services/periods/period-members-service";
import type { createPeriod, sheetCounts, transitionPeriodStatus } from "../services/periods/period-service";

// Answer bodies of the period lifecycle and the 复核/申诉 routes, for the OpenAPI document. As in
// api-schemas-org.ts, the typecheck ties each schema to the service that builds the answer (see `Same` below).

const id = z.number().int();
const instant = z.iso.datetime({ offset: true });
/** A calendar date as PostgreSQL's `date` gives it: `2026-12-31`. */
const day = z.iso.date();

const periodRow = z.object({
  id,
  countyId: id,
  year: z.number().int(),
  name: z.string(),
  kind: z.enum(PERIOD_KINDS),
  quarter: z.number().int().nullable(),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  schemeId: id,
  status: z.enum(periodStatuses),
  selfReportDeadline: day,
  reviewDeadline: day,
  recheckDeadline: day,
  appealDeadline: day,
  publishedAt: instant.nullable(),
  finalizedAt: instant.nullable(),
  version: z.number().int(),
  createdAt: instant,
});
/** POST /api/v1/periods/:id/{open,start-assessing,publish,finalize,reopen,return-to-open}. */
export const periodBodySchema = z.object({ period: periodRow });

/** Deadlines that are already past (the write went ahead because the request confirmed them). */
const warnings = z.array(
  z.object({
    path: z.enum(DEADLINE_FIELDS),
    message: z.string(),
    code: z.string(),
    params: z.object({ deadline: z.enum(DEADLINE_FIELDS), date: z.string() }),
  }),
);
/** POST /api/v1/periods and PATCH /api/v1/periods/:id/deadlines. */
export const periodWrittenBodySchema = z.object({ period: periodRow, warnings });

const extension = z.object({
  id,
  countyId: id,
  periodId: id,
  townshipId: id.nullable(),
  personId: id.nullable(),
  selfReportDeadline: day,
  reviewDeadline: day,
  reason: z.string(),
  grantedBy: id.nullable(),
  grantedAt: instant,
});
/** POST /api/v1/periods/:id/extensions. */
export const extensionBodySchema = z.object({ extension, warnings });

/** POST /api/v1/periods/:id/people. */
export const memberAddedBodySchema = z.object({
  sheetId: id,
  person: z.object({ id, employeeNo: z.string(), name: z.string() }),
  /** Targets cut to the months left in the year for a late arrival: from `target` to `value`. */
  proRated: z.array(
    z.object({ code: z.string(), target: z.number(), value: z.number(), months: z.number().int() }),
  ),
});

const periodActions = ["open", "startAssessing", "returnToOpen", "publish", "finalize", "reopen"] as const;
/** Sheets counted by status (a map status → count; exempt sheets under `exempt`), overall and per township. */
const byStatus = z.record(z.string(), z.number().int());
const counts = z.object({
  total: z.number().int(),
  exempt: z.number().int(),
  byStatus,
  byTownship: z.array(z.object({ townshipId: id, township: z.string(), byStatus })),
});
/** GET /api/v1/periods/:id: `actions` only for admins, `counts` and `extensions` only for county roles. */
export const periodDetailBodySchema = z.object({
  period: periodRow,
  actions: z.array(z.enum(periodActions)),
  counts: counts.nullable(),
  extensions: z.array(extension),
});

const points = z.number().nullable();
const queueItem = z.object({
  id,
  personId: id.nullable().describe("null on a township's own sheet (乡镇考核表)"),
  employeeNo: z.string(),
  name: z.string(),
  townshipId: id,
  townshipName: z.string(),
  category: z.enum(["station", "reassigned", "township"]),
  status: z.enum(sheetStatuses),
  exempt: z.enum(EXEMPT_CATEGORIES).nullable(),
  base: points,
  bonus: points,
  total: points,
  grade: z.string().nullable(),
  rank: z.number().int().nullable(),
  rankOf: z
    .number()
    .int()
    .nullable()
    .describe("how many sheets were ranked (第 rank / rankOf 名); null with rank"),
  vetoed: z.boolean().nullable().describe("null (like the scores) while results are hidden from the caller"),
  version: z.number().int(),
  submittedAt: instant.nullable(),
  selfScore: z.number().nullable().describe("the engine's total over the self-reported values (自评得分)"),
  evidenceCount: z.number().int().describe("evidence files on the sheet"),
  missingEvidence: z
    .number()
    .int()
    .describe("items that need evidence, have a self-reported value and no file"),
  returnCount: z.number().int().describe("how often the township returned the sheet (退回次数)"),
  actions: z.array(z.enum(SHEET_ACTIONS)).describe("What the caller may do with this sheet now"),
});
/** GET /api/v1/periods/:id/sheets. */
export const sheetQueueBodySchema = z.object({ items: z.array(queueItem) });

const sheetRequest = z.object({
  id,
  countyId: id,
  sheetId: id,
  kind: z.enum(["recheck", "appeal"]),
  indicatorId: id.nullable(),
  reason: z.string(),
  filedBy: id.nullable(),
  filedAt: instant,
  outcome: z.enum(["changed", "kept", "upheld", "rejected"]).nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: id.nullable(),
  decidedAt: instant.nullable(),
});
/** POST /api/v1/sheets/:id/recheck and /appeal. */
export const sheetRequestBodySchema = z.object({ request: sheetRequest });

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// These services return the row of an `update … returning()` / `insert … returning()`, which drizzle types as
// possibly undefined; the row was just locked or inserted, so the answer always carries it.
type Row<F extends (...args: never[]) => unknown> = Json<NonNullable<Awaited<ReturnType<F>>>>;
type Field<F extends (...args: never[]) => unknown, K extends string> = Json<
  NonNullable<Awaited<ReturnType<F>>[K & keyof Awaited<ReturnType<F>>]>
>;
// The answer hides results from some callers: the rows as the assessors read them.
type QueueRow = Json<Exclude<Awaited<ReturnType<typeof listPeriodSheets>>[number], { total: null }>>;
export const periodReadSchemasMatch: [
  Same<(typeof periodActions)[number], PeriodAction>,
  Same<z.infer<typeof counts>, Row<typeof sheetCounts>>,
  Same<z.infer<typeof extension>, Row<typeof listExtensions>[number]>,
  Same<Omit<z.infer<typeof queueItem>, "vetoed">, Omit<QueueRow, "vetoed">>,
] = [true, true, true, true];
export const periodSchemasMatchServices: [
  Same<z.infer<typeof periodRow>, Field<typeof createPeriod, "period">>,
  Same<z.infer<typeof periodRow>, Field<typeof changeDeadlines, "period">>,
  Same<z.infer<typeof warnings>, Field<typeof changeDeadlines, "warnings">>,
  Same<z.infer<typeof warnings>, Field<typeof createPeriod, "warnings">>,
  Same<z.infer<typeof extension>, Field<typeof grantExtension, "extension">>,
  Same<z.infer<typeof memberAddedBodySchema>, Row<typeof addPersonToPeriod>>,
  Same<z.infer<typeof periodRow>, Row<typeof transitionPeriodStatus>>,
  Same<z.infer<typeof sheetRequest>, Row<typeof requestRecheck>>,
  Same<z.infer<typeof sheetRequest>, Row<typeof fileAppeal>>,
] = [true, true, true, true, true, true, true, true, true];

import { z } from "zod";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import { PERSON_CATEGORIES as personCategories } from "../domain/scheme";
import { EXEMPT_CATEGORIES, SHEET_ACTIONS, SHEET_STATUSES as sheetStatuses } from "../domain/sheet-state";
import type { getSheetView } from "../services/assessment/sheet-view-service";

// The sheet page's answer (GET /sheets/:id and every sheet write, which answer with the sheet as it now is),
// for the OpenAPI document. The typecheck ties the schema to getSheetView's type (see `Same` below).

const id = z.number().int();
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const points = z.number().nullable();
/** A number, a yes/no (veto), a rating label, or counts per incident kind (a list of case sizes when capped per case). */
const value = z
  .union([
    z.number(),
    z.boolean(),
    z.string(),
    z.record(z.string(), z.union([z.number(), z.array(z.number())])),
  ])
  .nullable();

const sheet = z.object({
  id,
  periodId: id,
  status: z.enum(sheetStatuses),
  version: z.number().int(),
  category: z.enum([...personCategories, "township"]),
  reviewComment: z.string().nullable(),
  submittedAt: instant.nullable(),
  base: points,
  bonus: points,
  total: points,
  grade: z.string().nullable(),
  rank: z.number().int().nullable(),
  rankOf: z.number().int().nullable().describe("How many sheets the rank is out of"),
  townshipRank: z.number().int().nullable(),
  townshipRankOf: z.number().int().nullable(),
  vetoed: z.boolean().nullable(),
  unitClass: z
    .string()
    .nullable()
    .describe("单位类别 for this period (分类考核); null: the base parameters apply"),
  person: z
    .object({ id, employeeNo: z.string(), name: z.string(), category: z.enum(personCategories) })
    .nullable()
    .describe("null on a township's own sheet (乡镇考核表)"),
  township: z.object({ id, name: z.string() }),
  period: z.object({
    id,
    year: z.number().int(),
    name: z.string(),
    status: z.enum(periodStatuses),
    schemeId: id,
    selfReportDeadline: day,
    reviewDeadline: day,
    recheckDeadline: day,
    appealDeadline: day,
  }),
  exempt: z
    .object({ category: z.enum(EXEMPT_CATEGORIES), reason: z.string().nullable(), at: instant.nullable() })
    .nullable(),
  deadlines: z.object({ selfReport: day, review: day }),
});

const item = z.object({
  id,
  indicatorId: id,
  code: z.string(),
  name: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  unit: z.string().nullable(),
  decimals: z
    .number()
    .int()
    .describe("How many decimals the indicator's values carry at most (the scheme's decimals, default 2)"),
  range: z
    .object({ min: z.number().nullable(), max: z.number().nullable() })
    .nullable()
    .describe("合理范围: values outside are kept but the forms ask to confirm them"),
  points: z.number(),
  ruleType: z.string(),
  source: z.enum(["self", "assessor"]),
  evidenceRequired: z.boolean(),
  valueKind: z.enum(["number", "boolean", "rating", "counts"]),
  ratingLevels: z.array(z.string()).optional().describe("The rating labels, for a rating indicator"),
  target: z.number().nullable(),
  selfValue: value,
  note: z.string().nullable(),
  selfScore: z.number().nullable(),
  verifiedValue: value,
  score: points,
  changeReason: z.string().nullable(),
  vetoed: z.boolean().nullable(),
  evidence: z.array(
    z.object({
      id,
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      uploadedAt: instant,
    }),
  ),
});

/** GET /api/v1/sheets/:id and the sheet writes (withdraw, exempt, restore, self, submit, review, score …). */
export const sheetViewBodySchema = z.object({
  sheet,
  actions: z.array(z.enum(SHEET_ACTIONS)).describe("What the caller may do with this sheet now"),
  examBound: z.array(z.string()),
  items: z.array(item),
  requests: z.array(
    z.object({
      id,
      kind: z.enum(["recheck", "appeal"]),
      indicatorCode: z.string().nullable(),
      reason: z.string(),
      filedAt: instant,
      outcome: z.enum(["changed", "kept", "upheld", "rejected"]).nullable(),
      decisionReason: z.string().nullable(),
      decidedAt: instant.nullable(),
    }),
  ),
  reviews: z.array(
    z.object({
      id,
      decision: z.enum(["pass", "return"]),
      comment: z.string().nullable(),
      reviewedAt: instant,
    }),
  ),
  liveScore: z.object({
    base: z.number(),
    bonus: z.number(),
    total: z.number(),
    vetoed: z.boolean(),
    missing: z.array(z.string()),
  }),
});

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type View = Json<Awaited<ReturnType<typeof getSheetView>>>;
type Schema = z.infer<typeof sheetViewBodySchema>;
type Item = Schema["items"][number];
// `ratingLevels` is `undefined` for other indicators, which JSON leaves out: optional in the schema.
export const sheetSchemaMatchesView: [
  Same<Omit<Schema, "items">, Omit<View, "items">>,
  Same<Omit<Item, "ratingLevels">, Omit<View["items"][number], "ratingLevels">>,
  Same<Item["ratingLevels"], View["items"][number]["ratingLevels"]>,
] = [true, true, true];

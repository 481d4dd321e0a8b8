import { z } from "zod";
import { MEASURE_KINDS } from "../domain/consequences";
import type { buildNotice, loadNoticeTemplate } from "../services/periods/notice-service";
import type {
  decidePreVeto,
  listConsequences,
  listPreVeto,
  recordConsequence,
} from "../services/periods/outcome-service";

// Answer bodies of a period's outcome (issue 19): 预否决 decisions, 兑现奖惩 and the 通报, for the OpenAPI
// document. As in api-schemas-admin.ts, the typecheck ties each schema to the service that builds the answer
// (see `Same` below).

const id = z.number().int();
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const decision = z.enum(["confirm", "add", "remove"]);

const preVetoRow = z.object({
  townshipId: id,
  name: z.string(),
  composite: z.number(),
  rank: z.number().int(),
  proposed: z.boolean(), // 预否决 as the engine proposed it
  decision: decision.nullable(), // the admin's decision, if any
  reason: z.string().nullable(),
  decidedAt: instant.nullable(),
  decided: z.boolean(), // 预否决 as decided
});
/** GET /api/v1/periods/:id/pre-veto. */
export const preVetoListBodySchema = z.object({ items: z.array(preVetoRow) });
/** POST /api/v1/periods/:id/pre-veto. */
export const preVetoDecidedBodySchema = z.object({ item: preVetoRow.optional() });

const consequenceRecord = z.object({
  id,
  countyId: id,
  periodId: id,
  townshipId: id.nullable(),
  personId: id.nullable(),
  kind: z.enum(MEASURE_KINDS),
  measure: z.string(),
  amount: z.number().nullable(),
  appliedOn: day,
  documentNo: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: id.nullable(),
  recordedAt: instant,
});
const dueMeasure = z.object({
  kind: z.enum(MEASURE_KINDS),
  measure: z.string(),
  amount: z.number().optional(),
  text: z.string(),
});
const partyFields = {
  grade: z.string().nullable(),
  preVeto: z.boolean(),
  due: z.array(dueMeasure),
  applied: z.array(consequenceRecord),
};
const consequenceParty = z.union([
  z.object({
    party: z.object({ kind: z.literal("township"), townshipId: id, name: z.string() }),
    rank: z.number().int(),
    ...partyFields,
  }),
  z.object({
    party: z.object({ kind: z.literal("person"), personId: id, employeeNo: z.string(), name: z.string() }),
    rank: z.number().int().nullable(),
    ...partyFields,
  }),
]);
/** GET /api/v1/periods/:id/consequences. */
export const consequencesBodySchema = z.object({ parties: z.array(consequenceParty) });
/** POST /api/v1/periods/:id/consequences. */
export const consequenceRecordedBodySchema = z.object({ record: consequenceRecord });

const notice = z.object({
  title: z.string(),
  documentNo: z.string(), // 文号
  issuer: z.string(),
  date: z.string(), // 2026年5月20日
  paragraphs: z.array(z.string()),
  attachmentTitle: z.string(),
  columns: z.array(
    z.object({
      header: z.string(),
      width: z.number(),
      align: z.enum(["left", "center", "right"]).optional(),
    }),
  ),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** GET /api/v1/periods/:id/notice. */
export const noticeBodySchema = notice;

const templateFields = { issuer: z.string(), documentNoPrefix: z.string(), body: z.string() };
// stored false: the default template, the county has none stored.
const template = z.union([
  z.object({ ...templateFields, stored: z.literal(true) }),
  z.object({ ...templateFields, stored: z.literal(false) }),
]);
/** GET and PUT /api/v1/notice-template. */
export const noticeTemplateBodySchema = template;

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const outcomeSchemasMatchServices: [
  Same<z.infer<typeof preVetoRow>, Row<typeof listPreVeto>[number]>,
  Same<z.infer<typeof preVetoRow> | undefined, Row<typeof decidePreVeto>>,
  Same<z.infer<typeof consequencesBodySchema>, Row<typeof listConsequences>>,
  Same<z.infer<typeof consequenceRecord>, Row<typeof recordConsequence>>,
  Same<z.infer<typeof notice>, Row<typeof buildNotice>>,
  Same<z.infer<typeof template>, Row<typeof loadNoticeTemplate>>,
] = [true, true, true, true, true, true];

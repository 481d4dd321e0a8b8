import { z } from "zod";
import { ROLES as roles } from "../domain/roles";
import type { createUser, listUsers, resetPassword, updateUser } from "../services/accounts/user-service";
import type { uploadEvidence } from "../services/assessment/evidence-service";
import type { listAuditSentences } from "../services/audit/audit-sentence-service";

// Answer bodies of the account, audit and evidence routes, for the OpenAPI document. As in api-schemas-org.ts,
// the typecheck ties each schema to the service or query that builds the answer (see `Same` below).

const id = z.number().int();
const instant = z.iso.datetime({ offset: true });
const page = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() };

/** An acknowledgement with nothing else to say: evidence removed, request decided. */
export const okBodySchema = z.object({ ok: z.literal(true) });

const publicUser = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  townshipId: id.nullable(),
  personId: id.nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: instant,
  createdAt: instant,
});
const listedUser = publicUser.extend({
  townshipName: z.string().nullable(),
  personName: z.string().nullable(),
  employeeNo: z.string().nullable(),
});
/** GET /api/v1/users. */
export const usersBodySchema = z.object({ items: z.array(listedUser), ...page });
/** POST /api/v1/users and PATCH /api/v1/users/:id. */
export const userBodySchema = z.object({ user: publicUser });
/** POST /api/v1/users/:id/reset-password. */
export const resetPasswordBodySchema = z.object({ user: publicUser, endedSessions: z.number().int() });

// `before` and `after` are snapshots of whatever entity the entry is about (a sheet, a target, a user …):
// genuinely open-ended, so they are described as any JSON value.
const auditEntry = z.object({
  id,
  countyId: id,
  at: instant,
  userId: id.nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  actor: z.string(),
  actionLabel: z.string(),
  subject: z.string(),
  /** The entry told as a sentence: time, who, what, about whom, before → after, why. */
  sentence: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
});
/** GET /api/v1/audit/filters. */
export const auditFiltersBodySchema = z.object({
  kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
  users: z.array(z.object({ id, username: z.string() })),
});
/** GET /api/v1/audit. */
export const auditBodySchema = z.object({ items: z.array(auditEntry), ...page });

const evidenceRow = z.object({
  id,
  countyId: id,
  sheetItemId: id,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: id.nullable(),
  uploadedAt: instant,
});
/** POST /api/v1/sheets/:id/items/:code/evidence. */
export const evidenceBodySchema = z.object({ evidence: evidenceRow });

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const adminSchemasMatchServices: [
  Same<z.infer<typeof listedUser>, Row<typeof listUsers>["items"][number]>,
  Same<z.infer<typeof publicUser>, Row<typeof createUser>>,
  Same<z.infer<typeof publicUser>, Row<typeof updateUser>>,
  Same<z.infer<typeof resetPasswordBodySchema>, Row<typeof resetPassword>>,
  Same<z.infer<typeof auditEntry>, Row<typeof listAuditSentences>["items"][number]>,
  Same<z.infer<typeof evidenceRow>, Row<typeof uploadEvidence>>,
] = [true, true, true, true, true, true];

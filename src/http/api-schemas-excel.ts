import { z } from "zod";
import type { ImportJob } from "../services/excel/import-jobs";
import type { ImportResult } from "../services/excel/import-service";
import { importKinds } from "../services/excel/templates";

// Answer bodies of the Excel import routes, for the OpenAPI document (the exports are files, documented by media
// type in route-docs.ts). The typecheck ties each schema to the service's type (see `Same` below).

const count = z.number().int();
const importResult = z.object({
  importId: z.string(),
  kind: z.enum(importKinds),
  rows: count,
  skippedEmptyRows: count,
  inserted: count,
  updated: count,
  unchanged: count,
});
/** POST /api/v1/excel/imports/:kind: 200 with the result when short, 202 with a job to poll when long. */
export const importBodySchema = z.union([
  z.object({ status: z.literal("succeeded"), result: importResult }),
  z.object({ status: z.literal("running"), jobId: z.string(), total: count }),
]);

/** GET /api/v1/excel/imports/:jobId. `error.details` is whatever the failed import's error carried. */
export const importJobBodySchema = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  status: z.enum(["running", "succeeded", "failed"]),
  processed: count,
  total: count,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: importResult.nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const excelSchemasMatchServices: [
  Same<z.infer<typeof importResult>, ImportResult>,
  Same<z.infer<typeof importJobBodySchema>, ImportJob>,
] = [true, true];

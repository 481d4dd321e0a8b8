import { z } from "zod";
import type { listProgress, recordProgress } from "../services/periods/progress-service";
import type { decomposition, listTargets, setTargets } from "../services/periods/target-service";
import type { listUnitClasses, setUnitClasses } from "../services/periods/unit-class-service";

// Answer bodies of the target (目标), decomposition (分解) and progress (进度) routes, for the OpenAPI document.
// The typecheck ties each schema to the service that builds the answer (see `Same` below).

const id = z.number().int();
const count = z.number().int();

const target = z.object({
  personId: id,
  employeeNo: z.string(),
  name: z.string(),
  townshipId: id,
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unit: z.string().nullable(),
  decimals: z.number().int().describe("How many decimals the indicator's values carry at most"),
  value: z.number(),
  source: z.enum(["default", "override", "decomposed"]),
  reason: z.string().nullable(),
  additive: z.boolean().describe("Whether the targets of this indicator may be summed (counts, amounts)"),
});
/** GET /api/v1/periods/:id/targets. */
export const targetsBodySchema = z.object({ items: z.array(target) });
/** PUT /api/v1/periods/:id/targets. */
export const targetsSetBodySchema = z.object({ updated: count });

const decomposedBase = z.object({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  townshipTarget: z.number(),
  members: count,
});
// A rate does not add up: for it, memberSum, difference and balanced are null.
const decomposed = z.discriminatedUnion("additive", [
  decomposedBase.extend({
    additive: z.literal(true),
    memberSum: z.number(),
    difference: z.number(),
    balanced: z.boolean(),
  }),
  decomposedBase.extend({
    additive: z.literal(false),
    memberSum: z.null(),
    difference: z.null(),
    balanced: z.null(),
  }),
]);
/** GET /api/v1/periods/:id/decomposition and PUT /api/v1/periods/:id/township-targets. */
export const decompositionBodySchema = z.object({ items: z.array(decomposed) });

const progress = z.object({
  personId: id,
  indicatorCode: z.string(),
  month: z.number().int().min(1).max(12),
  value: z.number(),
  revision: count,
  note: z.string().nullable(),
  enteredAt: z.iso.datetime({ offset: true }),
});
/** GET /api/v1/periods/:id/unit-classes: the scheme's classes and each sheet's class (分类考核). */
export const unitClassesBodySchema = z.object({
  classes: z.array(z.string()),
  items: z.array(
    z.object({
      personId: id,
      employeeNo: z.string(),
      name: z.string(),
      townshipId: id,
      unitClass: z.string().nullable().describe("null: no class, the base parameters apply"),
    }),
  ),
});
/** PUT /api/v1/periods/:id/unit-classes. */
export const unitClassesSetBodySchema = z.object({ updated: count });

/** GET /api/v1/periods/:id/progress: the latest revision of each person × indicator × month. */
export const progressBodySchema = z.object({ items: z.array(progress) });
/** PUT /api/v1/periods/:id/progress. */
export const progressWrittenBodySchema = z.object({ written: count });

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const targetSchemasMatchServices: [
  Same<z.infer<typeof target>, Row<typeof listTargets>[number]>,
  Same<z.infer<typeof targetsSetBodySchema>, Row<typeof setTargets>>,
  Same<z.infer<typeof decomposed>, Row<typeof decomposition>[number]>,
  Same<z.infer<typeof progress>, Row<typeof listProgress>[number]>,
  Same<z.infer<typeof progressWrittenBodySchema>, Row<typeof recordProgress>>,
  Same<z.infer<typeof unitClassesBodySchema>, Row<typeof listUnitClasses>>,
  Same<z.infer<typeof unitClassesSetBodySchema>, Row<typeof setUnitClasses>>,
] = [true, true, true, true, true, true, true];

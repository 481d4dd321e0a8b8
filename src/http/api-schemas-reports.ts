import { z } from "zod";
import { personCategories } from "../db/schema/org";
import { periodStatuses } from "../db/schema/period";
import { sheetStatuses } from "../db/schema/sheet";
import { EXEMPT_CATEGORIES } from "../domain/sheet-state";
import type { buildPersonRanking, buildTownshipRanking } from "../services/report-service";

// Answer bodies of the report routes, for the OpenAPI document. The typecheck ties each schema to the service
// that builds the answer (see `Same` below).

const id = z.number().int();

/** What every report says about its period. */
export const reportPeriodSchema = z.object({
  id,
  year: z.number().int(),
  name: z.string(),
  status: z.enum(periodStatuses),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  countyName: z.string(),
});

/** GET /api/v1/reports/periods/:id/townships. `grades` maps a grade to its number of sheets. */
export const townshipRankingBodySchema = z.object({
  period: reportPeriodSchema,
  gradeBands: z.array(z.object({ grade: z.string(), label: z.string() })),
  items: z.array(
    z.object({
      townshipId: id,
      code: z.string(),
      name: z.string(),
      composite: z.number(),
      rank: z.number().int(),
      preVeto: z.boolean(),
      hasVetoedMember: z.boolean(),
      memberCount: z.number().int(),
      grades: z.record(z.string(), z.number().int()),
    }),
  ),
});

const points = z.number().nullable();
/** GET /api/v1/reports/periods/:id/people: one page of the ranking; exempt people are listed, marked. */
export const personRankingBodySchema = z.object({
  period: reportPeriodSchema,
  items: z.array(
    z.object({
      sheetId: id,
      personId: id,
      employeeNo: z.string(),
      name: z.string(),
      category: z.enum(personCategories),
      position: z.string(),
      townshipId: id,
      townshipName: z.string(),
      status: z.enum(sheetStatuses),
      exempt: z.enum(EXEMPT_CATEGORIES).nullable(),
      base: points,
      bonus: points,
      total: points,
      vetoed: z.boolean(),
      grade: z.string().nullable(),
      rank: z.number().int().nullable(),
      townshipRank: z.number().int().nullable(),
      gradeLabel: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const reportSchemasMatchServices: [
  Same<z.infer<typeof townshipRankingBodySchema>, Row<typeof buildTownshipRanking>>,
  Same<z.infer<typeof personRankingBodySchema>, Row<typeof buildPersonRanking>>,
] = [true, true];

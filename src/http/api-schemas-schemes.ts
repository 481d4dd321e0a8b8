import { z } from "zod";
import type { periods } from "../db/schema/period";
import type { schemes } from "../db/schema/scheme";
import type { sheets } from "../db/schema/sheet";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import { schemeDocumentSchema } from "../domain/scheme";
import { SHEET_STATUSES as sheetStatuses } from "../domain/sheet-state";
import type { getScheme, importScheme } from "../services/schemes/scheme-service";
import type { PreviewResult } from "../services/scoring/preview-service";

// Answer bodies of the scheme (考核方案) routes and the own-sheets list, for the OpenAPI document. The typecheck ties
// each schema to the service that builds the answer, or, where the handler selects columns itself, to the
// columns' types (see `Same` below).

const id = z.number().int();
const instant = z.iso.datetime({ offset: true });

const schemeListItem = z.object({
  id,
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  createdAt: instant,
});
/** GET /api/v1/schemes. */
export const schemesBodySchema = z.object({ items: z.array(schemeListItem) });

const importedScheme = z.object({ id, code: z.string(), version: z.number().int() });
/** POST /api/v1/schemes. */
export const schemeImportedBodySchema = z.object({ scheme: importedScheme });

const schemeMeta = schemeListItem.extend({ countyId: id, createdBy: id.nullable() });
/**
 * GET /api/v1/schemes/:id. The stored document is exactly what was imported, and an import is refused unless
 * the document passes schemeDocumentSchema, so the same schema describes it here.
 */
export const schemeBodySchema = z.object({ scheme: schemeMeta, document: schemeDocumentSchema });
/** GET /api/v1/schemes/:id/export: the document alone. */
export const schemeDocumentBodySchema = schemeDocumentSchema;

/** POST /api/v1/schemes/preview (试算): each person scored, and the townships' composite ranking. */
export const previewBodySchema = z.object({
  people: z.array(
    z.object({
      employeeNo: z.string(),
      items: z.array(z.object({ code: z.string(), score: z.number(), extra: z.number().optional() })),
      base: z.number(),
      bonus: z.number(),
      total: z.number(),
      ownTotal: z.number().optional(),
      weighted: z.number().optional(),
      vetoed: z.boolean(),
      vetoedBy: z.array(z.string()),
      grade: z.string(),
      quotaDemoted: z.boolean(),
      rank: z.number().int(),
      missing: z.array(z.string()),
    }),
  ),
  townships: z.array(
    z.object({
      name: z.string(),
      composite: z.number(),
      rank: z.number().int(),
      preVeto: z.boolean(),
      hasVetoedMember: z.boolean(),
    }),
  ),
  warnings: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
});

const mySheet = z.object({
  id,
  periodId: id,
  year: z.number().int(),
  periodName: z.string(),
  periodStatus: z.enum(periodStatuses),
  status: z.enum(sheetStatuses),
  version: z.number().int(),
});
/** GET /api/v1/me/sheets. */
export const mySheetsBodySchema = z.object({ items: z.array(mySheet) });

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<NonNullable<Awaited<ReturnType<F>>>>;
type SchemeColumns = typeof schemes.$inferSelect;
type SheetColumns = typeof sheets.$inferSelect;
type PeriodColumns = typeof periods.$inferSelect;
export const schemeSchemasMatchServices: [
  Same<z.infer<typeof schemeListItem>, Json<Omit<SchemeColumns, "countyId" | "document" | "createdBy">>>,
  Same<z.infer<typeof importedScheme>, Row<typeof importScheme>>,
  Same<z.infer<typeof previewBodySchema>, Extract<PreviewResult, { ok: true }>["result"]>,
  Same<z.infer<typeof schemeMeta>, Omit<Row<typeof getScheme>, "document">>,
  Same<
    z.infer<typeof mySheet>,
    Pick<SheetColumns, "id" | "periodId" | "status" | "version"> & {
      year: PeriodColumns["year"];
      periodName: PeriodColumns["name"];
      periodStatus: PeriodColumns["status"];
    }
  >,
] = [true, true, true, true, true];

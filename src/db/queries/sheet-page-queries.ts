import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { people, townships } from "../schema/org";
import { periods } from "../schema/period";
import { indicators, schemes } from "../schema/scheme";
import { sheetItems, sheets } from "../schema/sheet";
import { type SheetContext, sheetContextFields, sheetItemFields } from "./sheet-queries";

// A sheet page (what GET /sheets/:id and a self-report save answer) in two statements instead of nine: the
// lists a page shows beside the sheet and beside each item travel as JSON arrays of their rows. A save runs
// these two, then its three writes, and answers from what it read (issue 21, "cheap saves").

/** A 复核/申诉 request of a sheet, as the sheet page shows it. */
export interface SheetRequestRow {
  id: number;
  kind: "recheck" | "appeal";
  indicatorCode: string | null;
  reason: string;
  filedAt: Date;
  outcome: "changed" | "kept" | "upheld" | "rejected" | null;
  decisionReason: string | null;
  decidedAt: Date | null;
}

/** A township review (乡镇审核) of a sheet. */
export interface SheetReviewRow {
  id: number;
  decision: "pass" | "return";
  comment: string | null;
  reviewedAt: Date;
}

/** Evidence metadata of one item. */
export interface SheetEvidenceRow {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** A deadline extension that applies to the sheet (its township's, or its person's). */
export interface SheetExtensionRow {
  self: string;
  review: string;
}

/** The sheet with its context, scheme document, deadline extensions and history; undefined outside the county. */
export async function findSheetPageHead(db: DbOrTx, countyId: number, sheetId: number) {
  const [row] = await db
    .select({
      ...sheetContextFields,
      schemeDocument: schemes.document,
      extensions: jsonList<SheetExtensionRow>(
        sql`select coalesce(json_agg(json_build_object('self', e.self_report_deadline, 'review', e.review_deadline)), '[]'::json)
        from deadline_extensions e where e.period_id = ${sheets.periodId}
          and (e.township_id = ${sheets.townshipId} or (e.township_id is null and e.person_id = ${sheets.personId}))`,
        [],
      ),
      requests: jsonList<SheetRequestRow>(
        sql`select coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'indicatorCode', i.code,
          'reason', r.reason, 'filedAt', r.filed_at, 'outcome', r.outcome, 'decisionReason', r.decision_reason,
          'decidedAt', r.decided_at) order by r.id), '[]'::json)
        from sheet_requests r left join indicators i on i.id = r.indicator_id where r.sheet_id = ${sheets.id}`,
        ["filedAt", "decidedAt"],
      ),
      reviews: jsonList<SheetReviewRow>(
        sql`select coalesce(json_agg(json_build_object('id', tr.id, 'decision', tr.decision, 'comment', tr.comment,
          'reviewedAt', tr.reviewed_at) order by tr.id), '[]'::json)
        from township_reviews tr where tr.sheet_id = ${sheets.id}`,
        ["reviewedAt"],
      ),
    })
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .innerJoin(schemes, eq(schemes.id, periods.schemeId))
    // null on a township's own sheet (乡镇考核表)
    .leftJoin(people, eq(people.id, sheets.personId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(eq(sheets.id, sheetId), eq(sheets.countyId, countyId)));
  if (!row) return undefined;
  const { schemeDocument, extensions, requests, reviews, ...context } = row;
  return {
    context: context satisfies SheetContext,
    schemeDocument,
    extensions,
    history: { requests, reviews },
  };
}

/** A sheet's items in scheme order, each with its target (the person's, or the township's) and its evidence. */
export function listSheetPageItems(
  db: DbOrTx,
  sheet: { id: number; periodId: number; personId: number | null; townshipId: number },
) {
  const target =
    sheet.personId !== null
      ? sql`select t.value from targets t where t.period_id = ${sheet.periodId} and t.person_id = ${sheet.personId}
          and t.indicator_id = ${sheetItems.indicatorId}`
      : sql`select t.value from township_targets t where t.period_id = ${sheet.periodId}
          and t.township_id = ${sheet.townshipId} and t.indicator_id = ${sheetItems.indicatorId}`;
  return db
    .select({
      ...sheetItemFields,
      // No target row: null (drizzle does not call the decoder for SQL nulls, but the type must say so).
      target: sql`(${target})`.mapWith((value: unknown): number | null =>
        value === null ? null : Number(value),
      ),
      evidence: jsonList<SheetEvidenceRow>(
        sql`select coalesce(json_agg(json_build_object('id', e.id, 'fileName', e.file_name,
          'contentType', e.content_type, 'sizeBytes', e.size_bytes, 'sha256', e.sha256,
          'uploadedAt', e.uploaded_at) order by e.id), '[]'::json)
        from evidence e where e.sheet_item_id = ${sheetItems.id}`,
        ["uploadedAt"],
      ),
    })
    .from(sheetItems)
    .innerJoin(indicators, eq(indicators.id, sheetItems.indicatorId))
    .where(eq(sheetItems.sheetId, sheet.id))
    .orderBy(asc(indicators.sortOrder));
}

export type SheetPageItem = Awaited<ReturnType<typeof listSheetPageItems>>[number];

/**
 * A scalar subquery that aggregates rows into a JSON array, as a list of objects with the named timestamp
 * fields turned back into Dates (as drizzle returns them from a plain select, so answers serialise alike).
 */
function jsonList<T>(aggregate: SQL, dates: readonly string[]) {
  return sql<T[]>`(${aggregate})`.mapWith((value: unknown) => {
    const list = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>[];
    for (const row of list)
      for (const field of dates)
        if (typeof row[field] === "string") row[field] = new Date(row[field] as string);
    return list as T[];
  });
}

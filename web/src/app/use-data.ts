import type { SchemeDocument } from "../../../src/domain/scheme";
import { api, call } from "../api/client";
import type { Period } from "../api/types";
import { useAsync } from "../ui/async";

/** A stored scheme: its row and its document. */
export async function loadScheme(schemeId: number) {
  const result = await call(api.schemes[":id"].$get({ param: { id: String(schemeId) } }));
  // The server validated the document when it was imported; its JSON column is typed loosely.
  return { scheme: result.scheme, document: result.document as unknown as SchemeDocument };
}

// A stored scheme version never changes (an edit is a new version), so one page load may share its document.
const schemeDocuments = new Map<number, ReturnType<typeof loadScheme>>();

/** `loadScheme`, fetched once per scheme id for the page's lifetime (a failed fetch is tried again). */
export function loadSchemeOnce(schemeId: number): ReturnType<typeof loadScheme> {
  const known = schemeDocuments.get(schemeId);
  if (known) return known;
  const loading = loadScheme(schemeId).catch((error: unknown) => {
    schemeDocuments.delete(schemeId);
    throw error;
  });
  schemeDocuments.set(schemeId, loading);
  return loading;
}

/** The scheme document of a period (indicator names, points, rules). */
export function useSchemeDocument(period: Period | undefined) {
  const schemeId = period?.scheme.id;
  return useAsync(async () => (schemeId === undefined ? undefined : loadScheme(schemeId)), [schemeId]);
}

/** The signed-in staff member's sheet id in a period, or null when they have none there. */
export async function findMySheetId(periodId: number): Promise<number | null> {
  const { items } = await call(api.me.sheets.$get());
  return items.find((sheet) => sheet.periodId === periodId)?.id ?? null;
}

const PUBLIC_STATUSES = new Set(["published", "recheck_requested", "appealed", "final"]);

/** Whether a sheet's results are public (公示 or later). */
export function isPublicStatus(status: string): boolean {
  return PUBLIC_STATUSES.has(status);
}

/**
 * My sheet whose result I can see: the selected period's when it is published, else the latest published
 * one (with `fallback` set so the page can say so). Null when nothing of mine is published yet.
 */
export async function loadMyPublishedSheet(periodId: number | undefined) {
  const { items } = await call(api.me.sheets.$get());
  const chosen =
    items.find((sheet) => sheet.periodId === periodId && isPublicStatus(sheet.status)) ??
    items.find((sheet) => isPublicStatus(sheet.status));
  if (!chosen) return null;
  const [view, scheme] = await Promise.all([
    call(api.sheets[":id"].$get({ param: { id: String(chosen.id) } })),
    call(api.periods[":id"].$get({ param: { id: String(chosen.periodId) } })).then((r) =>
      loadScheme(r.period.schemeId),
    ),
  ]);
  return {
    view,
    document: scheme.document,
    fallback: chosen.periodId !== periodId,
    periodName: chosen.periodName,
  };
}

import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { SessionUser } from "../auth/session";
import { chinaDate } from "../domain/deadlines";
import { resultsView } from "../services/reports/report-access";
import { cachedAnswer, type ReportCacheKey } from "../services/reports/report-cache-service";
import type { AppEnv } from "./env";

// Reports computed once per change, not once per request (docs/decisions/21-01-report-cache.md): an answer is
// built once per period data version and scope, stored in the database (Node and every Worker isolate share
// it), and served with an ETag; a reader who already holds it gets 304.
//
// The scope names everything besides the period's data that an answer depends on, so a cached answer is
// never served to someone who may not see it. Every report reads the caller only through:
// - the county (the key's countyId: the period must be in the caller's county);
// - the results view, which depends on the role (admins and assessors see provisional results before 公示);
// - for a township account, its own township (forced into the person ranking's filter);
// - the date in China time, where late lists (逾期) are shown.
// Access checks that refuse (a township account asking for another township, a person out of scope) run
// before the cache is consulted, exactly as without it.

/** The part of the scope every report shares: which results the caller's role may read before 公示. */
export function viewScope(user: SessionUser): string {
  // The view of an unpublished period is the one that differs by role (published is the same for all).
  return `view=${resultsView(user, { status: "open" })}`;
}

/** The date part of the scope, for reports that list sheets past a deadline. */
export const dayScope = (now: Date) => `day=${chinaDate(now)}`;

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

// Typed as the JSON answer `build` makes, so the web's typed client reads the same body as from `c.json`.
type ReportResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, "json">;

/**
 * Answers a report from the cache when it was built from the period's current data version, else builds it,
 * stores it and answers it; `ETag` always, `304` to a reader who holds the current answer.
 */
export async function cachedReport<T>(
  c: Context<AppEnv>,
  user: SessionUser,
  key: Omit<ReportCacheKey, "countyId">,
  build: () => Promise<T>,
): Promise<ReportResponse<T>> {
  const held = (etag: string) => matches(c.req.header("if-none-match"), etag);
  const { etag, body } = await cachedAnswer(c.var.db, { ...key, countyId: user.countyId }, build, held);
  const headers = {
    ETag: etag,
    // A browser may keep the answer but must ask again each time: 304 while the period's data are unchanged.
    "Cache-Control": "private, no-cache",
  };
  const res =
    body === null
      ? c.body(null, 304, headers)
      : c.body(body, 200, { ...headers, "Content-Type": "application/json; charset=UTF-8" });
  return res as Response as ReportResponse<T>;
}

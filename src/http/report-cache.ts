import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { SessionUser } from "../auth/session";
import {
  findCachedBody,
  findCachedReport,
  type ReportCacheKey,
  storeCachedReport,
} from "../db/queries/report-cache-queries";
import { chinaDate } from "../domain/deadlines";
import { resultsView } from "../services/report-access";
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

async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const bytes = new Uint8Array(digest).slice(0, 16);
  return `"${btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (ch) => (ch === "+" ? "-" : ch === "/" ? "_" : ""))}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

// Typed as the JSON answer `build` makes, so the web's typed client reads the same body as from `c.json`.
function answer<T>(
  c: Context<AppEnv>,
  etag: string,
  body: string,
): Response & TypedResponse<JSONParsed<T>, 200, "json"> {
  const headers = {
    ETag: etag,
    // A browser may keep the answer but must ask again each time: 304 while the period's data are unchanged.
    "Cache-Control": "private, no-cache",
  };
  const res = matches(c.req.header("if-none-match"), etag)
    ? c.body(null, 304, headers)
    : c.body(body, 200, { ...headers, "Content-Type": "application/json; charset=UTF-8" });
  return res as Response as Response & TypedResponse<JSONParsed<T>, 200, "json">;
}

/**
 * Answers a report from the cache when it was built from the period's current data version, else builds it,
 * stores it and answers it. `build` throws as the report would (404, 403): nothing is stored then.
 */
export async function cachedReport<T>(
  c: Context<AppEnv>,
  user: SessionUser,
  key: Omit<ReportCacheKey, "countyId">,
  build: () => Promise<T>,
): Promise<Response & TypedResponse<JSONParsed<T>, 200, "json">> {
  const db = c.var.db;
  const full = { ...key, countyId: user.countyId };
  // The version is read before the answer is built: the answer holds at least every change up to it.
  const found = await findCachedReport(db, full);
  if (found?.etag) {
    // A 304 needs no body; this process may hold it already (an ETag names its content exactly).
    if (matches(c.req.header("if-none-match"), found.etag)) return answer<T>(c, found.etag, "");
    const body = recent.get(found.etag) ?? (await findCachedBody(db, full, found.etag));
    if (body !== undefined) {
      remember(found.etag, body);
      return answer<T>(c, found.etag, body);
    }
  }
  const body = JSON.stringify(await build());
  const etag = await etagOf(body);
  if (found) {
    await storeCachedReport(db, full, { version: found.version, etag, body });
    remember(etag, body);
  }
  return answer<T>(c, etag, body);
}

// The answers this process served last, by ETag (a digest of the body, so a remembered answer can only be
// the very answer the database names): a repeat read then costs one small query instead of fetching the
// stored answer again.
const RECENT_ANSWERS = 64;
const recent = new Map<string, string>();
function remember(etag: string, body: string) {
  recent.delete(etag);
  recent.set(etag, body);
  if (recent.size > RECENT_ANSWERS) recent.delete(recent.keys().next().value ?? etag);
}

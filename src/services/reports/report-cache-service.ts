import type { DbOrTx } from "../../db/client";
import {
  findCachedBody,
  findCachedReport,
  type ReportCacheKey,
  storeCachedReport,
} from "../../db/queries/report-cache-queries";

// Reports computed once per change, not once per request (docs/decisions/21-01-report-cache.md): an answer is
// built once per period data version and scope and stored in the database (Node and every Worker isolate share
// it). The HTTP side (ETag, 304, the scope of the caller) is src/http/report-cache.ts.

export type { ReportCacheKey };

/** An answer as sent: its ETag and its serialised body (null when the reader already holds it: 304). */
export interface CachedAnswer {
  etag: string;
  body: string | null;
}

async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const bytes = new Uint8Array(digest).slice(0, 16);
  const base64 = btoa(String.fromCharCode(...bytes));
  return `"${base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

/**
 * The answer for `key`: from the cache when it was built from the period's current data version, else built,
 * stored and answered. `build` throws as the report would (404, 403): nothing is stored then. `held` says
 * whether the reader already holds an ETag (then the body is not read at all).
 */
export async function cachedAnswer(
  db: DbOrTx,
  key: ReportCacheKey,
  build: () => Promise<unknown>,
  held: (etag: string) => boolean,
): Promise<CachedAnswer> {
  // The version is read before the answer is built: the answer holds at least every change up to it.
  const found = await findCachedReport(db, key);
  if (found?.etag) {
    if (held(found.etag)) return { etag: found.etag, body: null };
    const body = recent.get(found.etag) ?? (await findCachedBody(db, key, found.etag));
    if (body !== undefined) {
      remember(found.etag, body);
      return { etag: found.etag, body };
    }
  }
  const body = JSON.stringify(await build());
  const etag = await etagOf(body);
  // Without a version the period is not in the caller's county: `build` has answered (404), nothing is kept.
  if (found) {
    await storeCachedReport(db, key, { version: found.version, etag, body });
    remember(etag, body);
  }
  return { etag, body: held(etag) ? null : body };
}

// The answers this process served last, by ETag (a digest of the body, so a remembered answer can only be the
// very answer the database names): a repeat read then costs one small query instead of fetching the stored
// answer again.
const RECENT_ANSWERS = 64;
const recent = new Map<string, string>();
function remember(etag: string, body: string) {
  recent.delete(etag);
  recent.set(etag, body);
  if (recent.size > RECENT_ANSWERS) recent.delete(recent.keys().next().value ?? etag);
}

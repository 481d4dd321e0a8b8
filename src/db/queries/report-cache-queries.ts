import { and, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { periods } from "../schema/period";
import { periodDataVersions, reportCache } from "../schema/report-cache";

export interface ReportCacheKey {
  periodId: number;
  countyId: number;
  /** Which report: dashboard, townships, people, township, person. */
  report: string;
  /** Everything besides the period's data that the answer depends on (see src/http/report-cache.ts). */
  scope: string;
}

/**
 * The period's current data version and the cached answer for the key if it was built from that version,
 * in one round trip. Undefined when the period is not in the county (the report itself then answers 404).
 */
export async function findCachedReport(db: DbOrTx, key: ReportCacheKey) {
  const [row] = await db
    .select({
      version: sql<number>`coalesce(${periodDataVersions.version}, 0)`.mapWith(Number),
      cachedVersion: reportCache.version,
      etag: reportCache.etag,
      body: reportCache.body,
    })
    .from(periods)
    .leftJoin(periodDataVersions, eq(periodDataVersions.periodId, periods.id))
    .leftJoin(
      reportCache,
      and(
        eq(reportCache.periodId, periods.id),
        eq(reportCache.report, key.report),
        eq(reportCache.scope, key.scope),
      ),
    )
    .where(and(eq(periods.id, key.periodId), eq(periods.countyId, key.countyId)));
  if (!row) return undefined;
  const fresh = row.cachedVersion === row.version && row.etag !== null && row.body !== null;
  return { version: row.version, hit: fresh ? { etag: row.etag ?? "", body: row.body ?? "" } : null };
}

/**
 * Stores an answer built from `version`; an entry already built from a later version is kept (a slow
 * reader never puts an older answer back).
 */
export async function storeCachedReport(
  db: DbOrTx,
  key: ReportCacheKey,
  entry: { version: number; etag: string; body: string },
) {
  await db
    .insert(reportCache)
    .values({ periodId: key.periodId, report: key.report, scope: key.scope, ...entry })
    .onConflictDoUpdate({
      target: [reportCache.periodId, reportCache.report, reportCache.scope],
      set: {
        version: sql`excluded.version`,
        etag: sql`excluded.etag`,
        body: sql`excluded.body`,
        builtAt: sql`now()`,
      },
      setWhere: lte(reportCache.version, sql`excluded.version`),
    });
}

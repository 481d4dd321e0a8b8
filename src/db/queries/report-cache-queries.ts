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
 * The period's current data version and the ETag of the answer stored for the key if it was built from that
 * version, in one round trip (without the answer itself). Undefined when the period is not in the county (the
 * report itself then answers 404).
 */
export async function findCachedReport(db: DbOrTx, key: ReportCacheKey) {
  const [row] = await db
    .select({
      version: sql<number>`coalesce(${periodDataVersions.version}, 0)`.mapWith(Number),
      cachedVersion: reportCache.version,
      etag: reportCache.etag,
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
  return { version: row.version, etag: row.cachedVersion === row.version ? row.etag : null };
}

/** The answer stored for the key with this ETag (undefined if it was replaced meanwhile). */
export async function findCachedBody(db: DbOrTx, key: ReportCacheKey, etag: string) {
  const [row] = await db
    .select({ body: reportCache.body })
    .from(reportCache)
    .where(
      and(
        eq(reportCache.periodId, key.periodId),
        eq(reportCache.report, key.report),
        eq(reportCache.scope, key.scope),
        eq(reportCache.etag, etag),
      ),
    );
  return row?.body;
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

import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { periods } from "../schema/period";

/**
 * Reads a period and locks its row until the transaction ends. Every write that changes the scores of a
 * period takes this lock first, so period recomputations never interleave (no lost rank updates, no
 * deadlocks between two full-period updates).
 */
export async function lockPeriod(tx: DbOrTx, countyId: number, periodId: number) {
  const [row] = await tx
    .select()
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, countyId)))
    .for("update");
  return row;
}

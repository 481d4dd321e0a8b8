import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { countOpenRequests, listOpenRequests } from "../../db/queries/request-queries";
import { isPastDeadline } from "../../domain/deadlines";

export interface OpenRequestQuery {
  periodId?: number;
  kind?: "recheck" | "appeal";
  townshipId?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 200;

/**
 * The deadline to decide a request. A 复核 must be answered by the appeal deadline, or the person could not
 * appeal its answer in time; a 申诉 has no date of its own: it must be decided before 归档, which is refused
 * while any request is open.
 */
function decideByOf(kind: "recheck" | "appeal", appealDeadline: string): string | null {
  return kind === "recheck" ? appealDeadline : null;
}

/** Open 复核 and 申诉 of the caller's county (assessors and admins), oldest first, with their decide-by dates. */
export async function openRequests(db: DbOrTx, user: SessionUser, query: OpenRequestQuery, now: Date) {
  const filter = { countyId: user.countyId, ...query, limit: query.limit ?? DEFAULT_LIMIT };
  const [rows, total] = await Promise.all([listOpenRequests(db, filter), countOpenRequests(db, filter)]);
  const items = rows.map(({ appealDeadline, ...row }) => {
    const decideBy = decideByOf(row.kind, appealDeadline);
    return { ...row, decideBy, overdue: decideBy !== null && isPastDeadline(decideBy, now) };
  });
  return { items, total };
}

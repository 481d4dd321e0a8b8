import { and, count, desc, eq, gte, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditLog } from "../schema/audit";

export interface AuditFilter {
  countyId: number;
  entity?: string;
  entityId?: string;
  /** The kind of change: an action's first part (`sheet`, `person`, `period` …) or a whole action. */
  kind?: string;
  userId?: number;
  /** Entries about one person: the person itself, or any entry whose before/after names `personId`. */
  personId?: number;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  limit: number;
  offset: number;
}

function conditionsOf(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [eq(auditLog.countyId, filter.countyId)];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.kind) {
    const kind = filter.kind.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const match = or(eq(auditLog.action, filter.kind), like(auditLog.action, `${kind}.%`));
    if (match) conditions.push(match);
  }
  if (filter.userId !== undefined) conditions.push(eq(auditLog.userId, filter.userId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  if (filter.personId !== undefined) {
    const id = String(filter.personId);
    // Sheets, targets, progress and accounts are audited with their `personId` in before/after.
    const aboutPerson = or(
      and(eq(auditLog.entity, "person"), eq(auditLog.entityId, id)),
      sql`${auditLog.before} ->> 'personId' = ${id}`,
      sql`${auditLog.after} ->> 'personId' = ${id}`,
    );
    if (aboutPerson) conditions.push(aboutPerson);
  }
  return conditions;
}

/** One page of a county's audit log, newest first, with the number of matching entries. */
export async function listAuditEntries(db: DbOrTx, filter: AuditFilter) {
  const where = and(...conditionsOf(filter));
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** The accounts that appear in a county's audit log, for the log's user picker (assessors cannot list users). */
export function listAuditActors(db: DbOrTx, countyId: number) {
  return db
    .selectDistinct({ userId: auditLog.userId, username: auditLog.username })
    .from(auditLog)
    .where(and(eq(auditLog.countyId, countyId), sql`${auditLog.userId} is not null`))
    .orderBy(auditLog.username)
    .limit(1000);
}

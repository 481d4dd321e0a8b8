import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { auditLog } from "../../db/schema/audit";

/** Who made a change: a signed-in user, or the system itself (seed, migrations). */
export type Actor =
  | Pick<SessionUser, "id" | "username" | "countyId">
  | { id: null; username: "system"; countyId: number };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Appends entries to the audit log inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(
  db: DbOrTx,
  actor: Actor,
  entries: AuditEntry | AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.insert(auditLog).values(
    list.map((entry) => ({
      countyId: actor.countyId,
      userId: actor.id,
      username: actor.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    })),
  );
}

/** The system actor of a county, for changes no user made. */
export function systemActor(countyId: number): Actor {
  return { id: null, username: "system", countyId };
}

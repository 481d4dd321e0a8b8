import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { loginAttempts } from "../db/schema/auth";

/**
 * Sign-in throttling, kept in the database so that it holds across processes and Worker isolates.
 * An account is throttled after `perAccount` failures in a row within the window (a success resets it);
 * a client address after `perAddress` failures within the window (successes do not reset it, or one
 * valid account would let an attacker keep guessing at the others).
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
  /** Attempts older than this are pruned; kept a while beyond the window for whoever looks into an attack. */
  retentionMs: 24 * 3_600_000,
  /** Pruning runs on about one sign-in in this many. */
  pruneEvery: 50,
} as const;

export interface AttemptKey {
  username: string;
  clientAddress: string;
}

export type ThrottleState = { throttled: false } | { throttled: true; retryAt: Date };

/** The key an account is throttled under: case and surrounding blanks do not make a new account. */
export function throttleUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 128);
}

/** Whether sign-in is currently refused for this account or address, and until when. */
export async function checkLoginThrottle(
  db: DbOrTx,
  key: AttemptKey,
  now = new Date(),
): Promise<ThrottleState> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    db
      .select({ success: loginAttempts.success, at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(
        and(eq(loginAttempts.username, throttleUsername(key.username)), gt(loginAttempts.attemptedAt, since)),
      )
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(LOGIN_THROTTLE.perAccount),
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.clientAddress, key.clientAddress),
          eq(loginAttempts.success, false),
          gt(loginAttempts.attemptedAt, since),
        ),
      )
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(LOGIN_THROTTLE.perAddress),
  ]);
  // The refusal lifts when the oldest of the counted failures leaves the window.
  const retryTimes: number[] = [];
  if (byAccount.length === LOGIN_THROTTLE.perAccount && byAccount.every((a) => !a.success)) {
    retryTimes.push(oldest(byAccount) + LOGIN_THROTTLE.windowMs);
  }
  if (byAddress.length === LOGIN_THROTTLE.perAddress) {
    retryTimes.push(oldest(byAddress) + LOGIN_THROTTLE.windowMs);
  }
  if (retryTimes.length === 0) return { throttled: false };
  return { throttled: true, retryAt: new Date(Math.max(...retryTimes)) };
}

function oldest(rows: readonly { at: Date }[]): number {
  return Math.min(...rows.map((r) => r.at.getTime()));
}

/** Records one sign-in attempt (a refused throttled attempt is not recorded: it proved nothing). */
export async function recordLoginAttempt(
  db: DbOrTx,
  key: AttemptKey,
  success: boolean,
  now = new Date(),
): Promise<void> {
  await db.insert(loginAttempts).values({
    username: throttleUsername(key.username),
    clientAddress: key.clientAddress.slice(0, 128),
    success,
    attemptedAt: now,
  });
}

/** Deletes attempts past the retention period; returns how many went. */
export async function pruneLoginAttempts(db: DbOrTx, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - LOGIN_THROTTLE.retentionMs);
  const deleted = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.attemptedAt, before))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}

/** Prunes now and then, so that no scheduler is needed and the table stays small. */
export async function maybePruneLoginAttempts(db: DbOrTx, random = Math.random): Promise<void> {
  if (random() * LOGIN_THROTTLE.pruneEvery < 1) await pruneLoginAttempts(db);
}

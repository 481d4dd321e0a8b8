import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
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

// Advisory-lock namespace of sign-in attempts (pg_advisory_xact_lock(namespace, hashtext(key))).
const ATTEMPT_LOCK = 7_014;

/** An attempt that passed the throttle and is counted as a failure until it is settled. */
export type Reservation = ThrottleState & { attemptId?: number };

/**
 * Checks the throttle and, when it lets the attempt through, records it at once as a failure — in one
 * transaction holding a lock per account and per address. Concurrent attempts therefore see each other:
 * of 50 fired at once at a fresh account, exactly `perAccount` get to check a password. The password is
 * checked afterwards, outside the lock, and the attempt settled (settleLoginAttempt).
 */
export async function reserveLoginAttempt(db: Db, key: AttemptKey, now = new Date()): Promise<Reservation> {
  const username = throttleUsername(key.username);
  const clientAddress = key.clientAddress.slice(0, 128);
  return db.transaction(async (tx) => {
    // Always account first, then address: two attempts never wait for each other in opposite orders.
    await tx.execute(sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK}, hashtext(${`a:${username}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK}, hashtext(${`c:${clientAddress}`}))`);
    const state = await checkLoginThrottle(tx, key, now);
    if (state.throttled) return state;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ username, clientAddress, success: false, attemptedAt: now })
      .returning({ id: loginAttempts.id });
    return { throttled: false, attemptId: row?.id };
  });
}

/**
 * Settles a reserved attempt: a success resets the account's count, a failure stays counted, and an
 * attempt that proved nothing either way (a right current password in a refused password change) goes.
 */
export async function settleLoginAttempt(
  db: DbOrTx,
  attemptId: number | undefined,
  outcome: "success" | "failure" | "discard",
): Promise<void> {
  if (attemptId === undefined || outcome === "failure") return;
  if (outcome === "success")
    await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
  else await db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
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
export async function maybePruneLoginAttempts(
  db: DbOrTx,
  random = Math.random,
  now = new Date(),
): Promise<void> {
  if (random() * LOGIN_THROTTLE.pruneEvery < 1) await pruneLoginAttempts(db, now);
}

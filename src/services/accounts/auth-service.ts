import { eq } from "drizzle-orm";
import {
  type AttemptKey,
  maybePruneLoginAttempts,
  reserveLoginAttempt,
  settleLoginAttempt,
} from "../../auth/login-throttle";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { checkPasswordPolicy } from "../../auth/password-policy";
import {
  createSession,
  generateSessionToken,
  invalidateOtherUserSessions,
  type SessionPolicy,
  type SessionUser,
} from "../../auth/session";
import type { Db } from "../../db/client";
import { users } from "../../db/schema/auth";
import { recordAudit } from "../audit/audit";

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export interface LoginInput {
  username: string;
  password: string;
  clientAddress: string;
}

/**
 * Checks a user name and password and opens a session. A throttled account or address is refused before
 * any password is checked, with the same answer whether or not the account exists; unknown users cost the
 * same work as wrong passwords.
 */
export async function login(
  db: Db,
  input: LoginInput,
  policy: SessionPolicy,
  now = new Date(),
): Promise<LoginResult> {
  const key: AttemptKey = { username: input.username, clientAddress: input.clientAddress };
  const throttle = await reserveLoginAttempt(db, key, now);
  if (throttle.throttled) return { ok: false, reason: "throttled", retryAt: throttle.retryAt };
  const [row] = await db.select().from(users).where(eq(users.username, input.username));
  const valid = row
    ? await verifyPassword(input.password, row.passwordHash)
    : await verifyAgainstDummy(input.password);
  const success = Boolean(row && valid && row.active);
  await settleLoginAttempt(db, throttle.attemptId, success ? "success" : "failure");
  await maybePruneLoginAttempts(db, Math.random, now);
  if (!row || !success) return { ok: false, reason: "invalid" };
  const token = generateSessionToken();
  // On the request's clock, as its expiry is judged later (the system time in production; tests move it to let
  // sessions expire without waiting). The cookie carries the lifetime as Max-Age, so no clock need agree.
  const { expiresAt } = await createSession(db, token, row, policy, now);
  return { ok: true, token, expiresAt, user: toSessionUser(row) };
}

function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return {
    id: row.id,
    countyId: row.countyId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    townshipId: row.townshipId,
    personId: row.personId,
    mustChangePassword: row.mustChangePassword,
  };
}

export type PasswordChangeResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: "wrongPassword" }
  | { ok: false; reason: "weak"; message: string }
  | { ok: false; reason: "throttled"; retryAt: Date };

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  clientAddress: string;
}

/**
 * Changes the signed-in user's own password: the current one must be right (wrong guesses count towards
 * sign-in throttling, so a stolen session cannot be used to guess it), the new one must pass the policy.
 * Every other session of the user ends; the pending-change flag clears; the change is audited.
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  sessionId: string,
  input: PasswordChangeInput,
  now = new Date(),
): Promise<PasswordChangeResult> {
  const key: AttemptKey = { username: user.username, clientAddress: input.clientAddress };
  const throttle = await reserveLoginAttempt(db, key, now);
  if (throttle.throttled) return { ok: false, reason: "throttled", retryAt: throttle.retryAt };
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    return { ok: false, reason: "wrongPassword" }; // the reserved attempt stays counted as a failure
  }
  await settleLoginAttempt(db, throttle.attemptId, "discard");
  const weakness =
    input.newPassword === input.currentPassword
      ? "新密码不能与当前密码相同 The new password must differ from the current one"
      : checkPasswordPolicy(input.newPassword, { username: row.username });
  if (weakness) return { ok: false, reason: "weak", message: weakness };
  // Hash before the transaction: it is slow and needs no lock.
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.id, row.id));
    const ended = await invalidateOtherUserSessions(tx, row.id, sessionId);
    await recordAudit(tx, user, {
      action: "user.password.change",
      entity: "user",
      entityId: row.id,
      before: { mustChangePassword: row.mustChangePassword },
      after: { mustChangePassword: false, endedSessions: ended },
    });
    return ended;
  });
  return { ok: true, endedSessions };
}

import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { sessions, users } from "../db/schema/auth";
import { people, townships } from "../db/schema/org";

/** Session lifetimes: idle expiry extended on use, and an absolute cap. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export type Role = (typeof users.$inferSelect)["role"];

/** What a request knows about who is asking. */
export interface SessionUser {
  id: number;
  countyId: number;
  username: string;
  displayName: string;
  role: Role;
  townshipId: number | null;
  personId: number | null;
  mustChangePassword: boolean;
}

export interface ValidSession {
  id: string;
  expiresAt: Date;
  user: SessionUser;
}

/** A random 160-bit session token, base32 encoded (Lucia's guide). */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored id of a token: its SHA-256, so a leaked sessions table yields no usable tokens. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Stores a new session for a user and returns its expiry. */
export async function createSession(
  db: DbOrTx,
  token: string,
  user: { id: number; countyId: number },
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  const id = sessionIdFromToken(token);
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteMs);
  const expiresAt = new Date(Math.min(now.getTime() + policy.idleMs, absoluteExpiresAt.getTime()));
  await db
    .insert(sessions)
    .values({ id, userId: user.id, countyId: user.countyId, expiresAt, absoluteExpiresAt });
  return { id, expiresAt };
}

/** Looks a token up; expired sessions are deleted, live ones are extended once half their idle time passed. */
export async function validateSessionToken(
  db: DbOrTx,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ValidSession | null> {
  const id = sessionIdFromToken(token);
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        countyId: users.countyId,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        townshipId: users.townshipId,
        personId: users.personId,
        mustChangePassword: users.mustChangePassword,
        active: users.active,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user } = row;
  if (!user.active || now >= session.expiresAt || now >= session.absoluteExpiresAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = session.expiresAt;
  // Extend lazily so that not every request writes.
  if (expiresAt.getTime() - now.getTime() < policy.idleMs / 2) {
    expiresAt = new Date(Math.min(now.getTime() + policy.idleMs, session.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  const { active: _active, ...sessionUser } = user;
  return { id, expiresAt, user: sessionUser };
}

/** Ends one session. */
export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user ("sign out everywhere", disabled account, password reset); returns how many. */
export async function invalidateUserSessions(db: DbOrTx, userId: number): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

/** Ends every session of a user but the one in use (password change keeps the changer signed in). */
export async function invalidateOtherUserSessions(
  db: DbOrTx,
  userId: number,
  keepId: string,
): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** The user as `GET /auth/me` shows it: with the township and linked person spelled out. */
export async function describeUser(db: DbOrTx, user: SessionUser) {
  const [township] = user.townshipId
    ? await db
        .select({ id: townships.id, name: townships.name })
        .from(townships)
        .where(eq(townships.id, user.townshipId))
    : [];
  const [person] = user.personId
    ? await db
        .select({
          id: people.id,
          name: people.name,
          employeeNo: people.employeeNo,
          category: people.category,
        })
        .from(people)
        .where(eq(people.id, user.personId))
    : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    scope: { countyId: user.countyId, township: township ?? null },
    person: person ?? null,
  };
}

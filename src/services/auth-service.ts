import { eq } from "drizzle-orm";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { createSession, generateSessionToken, type SessionPolicy, type SessionUser } from "../auth/session";
import type { Db } from "../db/client";
import { users } from "../db/schema/auth";

export type LoginResult = { ok: true; token: string; expiresAt: Date; user: SessionUser } | { ok: false };

/** Checks a user name and password and opens a session; unknown users cost the same work as wrong passwords. */
export async function login(
  db: Db,
  username: string,
  password: string,
  policy: SessionPolicy,
): Promise<LoginResult> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  const valid = row ? await verifyPassword(password, row.passwordHash) : await verifyAgainstDummy(password);
  if (!row || !valid || !row.active) return { ok: false };
  const token = generateSessionToken();
  const { expiresAt } = await createSession(db, token, row, policy);
  const user: SessionUser = {
    id: row.id,
    countyId: row.countyId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    townshipId: row.townshipId,
    personId: row.personId,
    mustChangePassword: row.mustChangePassword,
  };
  return { ok: true, token, expiresAt, user };
}

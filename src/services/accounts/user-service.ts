import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import { checkPasswordPolicy } from "../../auth/password-policy";
import { invalidateUserSessions, type Role, type SessionUser } from "../../auth/session";
import type { Db, DbOrTx } from "../../db/client";
import { users } from "../../db/schema/auth";
import { people, townships } from "../../db/schema/org";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing, ServiceError } from "../errors";

/** A user as administrators see it; never the password hash. */
const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  townshipId: users.townshipId,
  personId: users.personId,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt,
};

export interface UserFilter {
  role?: Role;
  q?: string;
  limit: number;
  offset: number;
}

/** The county's users, filtered by role and by a search in user name or display name, paginated. */
export async function listUsers(db: DbOrTx, countyId: number, filter: UserFilter) {
  const conditions: SQL[] = [eq(users.countyId, countyId)];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const match = or(ilike(users.username, pattern), ilike(users.displayName, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        ...publicColumns,
        townshipName: townships.name,
        personName: people.name,
        employeeNo: people.employeeNo,
      })
      .from(users)
      .leftJoin(townships, eq(townships.id, users.townshipId))
      .leftJoin(people, eq(people.id, users.personId))
      .where(where)
      .orderBy(asc(users.role), asc(users.username))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

type PublicUser = NonNullable<Awaited<ReturnType<typeof findUser>>>;

async function findUser(db: DbOrTx, countyId: number, userId: number) {
  const [row] = await db
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.countyId, countyId)));
  return row;
}

interface Scope {
  role: Role;
  townshipId: number | null;
  personId: number | null;
}

/** Role and scope must agree: a township account names a township, a staff account a person, both in the county. */
async function checkScope(db: DbOrTx, countyId: number, scope: Scope): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  if (scope.role === "township" && scope.townshipId === null) {
    problems.push({ path: "townshipId", message: "乡镇账号须指定乡镇 A township account needs a township" });
  }
  if (scope.role !== "township" && scope.townshipId !== null) {
    problems.push({
      path: "townshipId",
      message: "仅乡镇账号可指定乡镇 Only township accounts have a township",
    });
  }
  if (scope.role === "staff" && scope.personId === null) {
    problems.push({ path: "personId", message: "工作人员账号须关联人员 A staff account needs a person" });
  }
  if (scope.townshipId !== null) {
    const [row] = await db
      .select({ id: townships.id })
      .from(townships)
      .where(and(eq(townships.id, scope.townshipId), eq(townships.countyId, countyId)));
    if (!row) problems.push({ path: "townshipId", message: "乡镇不存在 No such township in this county" });
  }
  if (scope.personId !== null) {
    const [row] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, scope.personId), eq(people.countyId, countyId)));
    if (!row) problems.push({ path: "personId", message: "人员不存在 No such person in this county" });
  }
  if (problems.length > 0) throw invalid("角色与范围不一致 Role and scope do not agree", problems);
}

async function checkUnique(db: DbOrTx, username: string | null, personId: number | null, exceptId = 0) {
  if (username !== null) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw conflict("USERNAME_TAKEN", "用户名已被使用 The username is taken", { username });
  }
  if (personId !== null) {
    const [linked] = await db.select({ id: users.id }).from(users).where(eq(users.personId, personId));
    if (linked && linked.id !== exceptId) {
      throw conflict("PERSON_HAS_ACCOUNT", "该人员已有账号 The person already has an account", { personId });
    }
  }
}

function checkNewPassword(password: string, username: string, path: string): void {
  const weakness = checkPasswordPolicy(password, { username });
  if (weakness) throw new ServiceError(400, "WEAK_PASSWORD", weakness, [{ path, message: weakness }]);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  townshipId?: number | null;
  personId?: number | null;
  password: string;
}

/** Creates an account in the admin's county; the password policy applies; audited without the hash. */
export async function createUser(db: Db, actor: SessionUser, input: NewUser): Promise<PublicUser> {
  const scope = { role: input.role, townshipId: input.townshipId ?? null, personId: input.personId ?? null };
  checkNewPassword(input.password, input.username, "password");
  await checkScope(db, actor.countyId, scope);
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction(async (tx) => {
      await checkUnique(tx, input.username, scope.personId);
      const [created] = await tx
        .insert(users)
        .values({
          ...scope,
          countyId: actor.countyId,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
        })
        .returning(publicColumns);
      if (!created) throw new Error("user insert returned nothing");
      await recordAudit(tx, actor, {
        action: "user.create",
        entity: "user",
        entityId: created.id,
        after: auditView(created),
      });
      return created;
    })
    .catch(uniqueViolationToConflict);
}

/** Two admins creating the same account at once: the later one gets the same 409 as a sequential duplicate. */
function uniqueViolationToConflict(error: unknown): never {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const fields = cause as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  if (fields.code !== "23505") throw error;
  const constraint = String(fields.constraint_name ?? fields.constraint ?? "");
  if (constraint.includes("person")) {
    throw conflict("PERSON_HAS_ACCOUNT", "该人员已有账号 The person already has an account");
  }
  throw conflict("USERNAME_TAKEN", "用户名已被使用 The username is taken");
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  townshipId?: number | null;
  personId?: number | null;
  active?: boolean;
}

/** Changes an account; disabling it ends its sessions; an admin cannot lock themself out. */
export async function updateUser(db: Db, actor: SessionUser, userId: number, changes: UserChanges) {
  return db
    .transaction(async (tx) => {
      const before = await findUser(tx, actor.countyId, userId);
      if (!before) throw missing("用户");
      const after = { ...before, ...changes };
      if (userId === actor.id && (after.role !== "admin" || !after.active)) {
        throw invalid("不能停用自己或取消自己的管理员角色 You cannot disable or demote yourself", [
          {
            path: after.active ? "role" : "active",
            message: "不能修改自己的角色或状态 Not for your own account",
          },
        ]);
      }
      await checkScope(tx, actor.countyId, after);
      if (after.personId !== before.personId) await checkUnique(tx, null, after.personId, userId);
      const [updated] = await tx
        .update(users)
        .set(changes)
        .where(eq(users.id, userId))
        .returning(publicColumns);
      if (!updated) throw missing("用户");
      const endedSessions = updated.active ? 0 : await invalidateUserSessions(tx, userId);
      await recordAudit(tx, actor, {
        action: "user.update",
        entity: "user",
        entityId: userId,
        before: auditView(before),
        after: { ...auditView(updated), ...(endedSessions ? { endedSessions } : {}) },
      });
      return updated;
    })
    .catch(uniqueViolationToConflict);
}

/** Sets a new password chosen by an admin: the user must change it at next sign-in; all sessions end. */
export async function resetPassword(db: Db, actor: SessionUser, userId: number, password: string) {
  const target = await findUser(db, actor.countyId, userId);
  if (!target) throw missing("用户");
  if (userId === actor.id) {
    // Resetting one's own password would force a change and end one's own session: /auth/password does it right.
    throw invalid("请在个人设置中修改自己的密码 Change your own password with /auth/password", [
      { path: "id", message: "不能重置自己的密码 Not for your own account" },
    ]);
  }
  checkNewPassword(password, target.username, "password");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.countyId, actor.countyId)))
      .returning(publicColumns);
    if (!updated) throw missing("用户");
    const endedSessions = await invalidateUserSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: "user.password.reset",
      entity: "user",
      entityId: userId,
      before: { mustChangePassword: target.mustChangePassword },
      after: { mustChangePassword: true, endedSessions },
    });
    return { user: updated, endedSessions };
  });
}

/** What the audit log keeps of a user: the account's fields, never a password hash. */
function auditView(user: PublicUser) {
  const { passwordChangedAt: _changed, createdAt: _created, ...rest } = user;
  return rest;
}

import { and, eq } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import { invalidateUserSessions, type SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema/auth";
import { people } from "../../db/schema/org";
import { recordAudit } from "../audit/audit";
import { conflict, missing } from "../errors";
import { inOwnTransaction } from "../transaction";
import { oneTimePassword } from "./staff-account-service";

// A person's sign-in, managed from the person page (admin): create, reset, disable, enable. Passwords are
// one-time, shown once in the answer and never stored in clear; each must be changed at first sign-in.

export type AccountAction = "create" | "reset" | "disable" | "enable";

async function personOf(tx: Tx, actor: SessionUser, personId: number) {
  const [person] = await tx
    .select({ id: people.id, employeeNo: people.employeeNo, name: people.name, active: people.active })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.countyId, actor.countyId)));
  if (!person) throw missing("人员");
  return person;
}

async function accountOf(tx: Tx, personId: number) {
  const [account] = await tx
    .select({ id: users.id, username: users.username, active: users.active })
    .from(users)
    .where(eq(users.personId, personId))
    .for("update");
  return account;
}

/** Carries out one account action for a person; answers the one-time password for create and reset. */
export const changePersonAccount = inOwnTransaction(changePersonAccountInTx);

async function changePersonAccountInTx(tx: Tx, actor: SessionUser, personId: number, action: AccountAction) {
  const person = await personOf(tx, actor, personId);
  const account = await accountOf(tx, personId);
  if (action === "create") {
    if (account) throw conflict("PERSON_HAS_ACCOUNT", "该人员已有账号 The person already has an account");
    if (!person.active)
      throw conflict("PERSON_RETIRED", "离岗人员不能开通账号 A retired person gets no account");
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, person.employeeNo));
    if (taken)
      throw conflict("USERNAME_TAKEN", `用户名 ${person.employeeNo} 已被使用 The username is taken`, {
        username: person.employeeNo,
      });
    const password = oneTimePassword();
    const [created] = await tx
      .insert(users)
      .values({
        countyId: actor.countyId,
        username: person.employeeNo,
        displayName: person.name,
        passwordHash: await hashPassword(password),
        role: "staff",
        personId,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    await recordAudit(tx, actor, {
      action: "user.create",
      entity: "user",
      entityId: created?.id ?? null,
      after: { username: person.employeeNo, role: "staff", personId, oneTimePassword: true },
    });
    return { username: person.employeeNo, password, active: true, endedSessions: 0 };
  }
  if (!account) throw conflict("PERSON_HAS_NO_ACCOUNT", "该人员还没有账号 The person has no account yet");
  if (action === "reset") {
    if (!account.active) throw conflict("ACCOUNT_DISABLED", "账号已停用，请先启用 Enable the account first");
    const password = oneTimePassword();
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      })
      .where(eq(users.id, account.id));
    const endedSessions = await invalidateUserSessions(tx, account.id);
    await recordAudit(tx, actor, {
      action: "user.password.reset",
      entity: "user",
      entityId: account.id,
      before: { personId },
      after: { personId, mustChangePassword: true, oneTimePassword: true, endedSessions },
    });
    return { username: account.username, password, active: true, endedSessions };
  }
  const active = action === "enable";
  if (active && !person.active)
    throw conflict("PERSON_RETIRED", "离岗人员不能启用账号 A retired person's account stays disabled");
  if (account.active === active)
    throw conflict(
      active ? "ACCOUNT_ACTIVE" : "ACCOUNT_DISABLED",
      active
        ? "账号已是启用状态 The account is already enabled"
        : "账号已停用 The account is already disabled",
    );
  await tx.update(users).set({ active }).where(eq(users.id, account.id));
  const endedSessions = active ? 0 : await invalidateUserSessions(tx, account.id);
  await recordAudit(tx, actor, {
    action: "user.update",
    entity: "user",
    entityId: account.id,
    before: { personId, active: account.active },
    after: { personId, active, ...(endedSessions ? { endedSessions } : {}) },
  });
  return { username: account.username, password: null, active, endedSessions };
}

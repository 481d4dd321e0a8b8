import { eq } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import { checkPasswordPolicy } from "../../auth/password-policy";
import type { Db } from "../../db/client";
import { users } from "../../db/schema/auth";
import { counties } from "../../db/schema/org";
import { recordAudit, systemActor } from "../audit/audit";
import { conflict, invalid, ServiceError } from "../errors";

export interface AdminAccountInput {
  countyCode: string;
  /** Needed only when the county does not exist yet. */
  countyName?: string;
  username: string;
  displayName: string;
  password: string;
}

/** The counties there are, for choosing one (`npm run create-admin`). */
export function listCounties(db: Db) {
  return db.select({ id: counties.id, code: counties.code, name: counties.name }).from(counties);
}

/**
 * Creates an admin account for `npm run create-admin`, and its county when there is none with that code;
 * one transaction, audited as the system. The password policy applies: there is no default password.
 */
export async function createAdminAccount(db: Db, input: AdminAccountInput) {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username)) {
    throw invalid("用户名无效 Invalid username", [
      { path: "username", message: "2–64 个字母、数字或 _ . - 2–64 letters, digits, _ . -" },
    ]);
  }
  const weakness = checkPasswordPolicy(input.password, { username: input.username });
  if (weakness)
    throw new ServiceError(400, "WEAK_PASSWORD", weakness, [{ path: "password", message: weakness }]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    let [county] = await tx.select().from(counties).where(eq(counties.code, input.countyCode));
    const countyCreated = !county;
    if (!county) {
      if (!input.countyName?.trim()) {
        throw invalid("新建县须提供名称 A new county needs a name", [
          { path: "countyName", message: "必填 Required" },
        ]);
      }
      [county] = await tx
        .insert(counties)
        .values({ code: input.countyCode, name: input.countyName.trim() })
        .returning();
      if (!county) throw new Error("county insert returned nothing");
    }
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken)
      throw conflict("USERNAME_TAKEN", "用户名已被使用 The username is taken", { username: input.username });
    const [user] = await tx
      .insert(users)
      .values({
        countyId: county.id,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: "admin",
      })
      .returning({ id: users.id, username: users.username, role: users.role });
    if (!user) throw new Error("user insert returned nothing");
    const actor = systemActor(county.id);
    await recordAudit(tx, actor, [
      ...(countyCreated
        ? [{ action: "county.create", entity: "county", entityId: county.id, after: county }]
        : []),
      {
        action: "user.create",
        entity: "user",
        entityId: user.id,
        after: user,
        reason: "npm run create-admin",
      },
    ]);
    return { county: { id: county.id, code: county.code, name: county.name }, countyCreated, user };
  });
}

import { and, eq, inArray, isNull } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import type { SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { users } from "../../db/schema/auth";
import { people, stations, townships } from "../../db/schema/org";
import { recordAudit } from "../audit/audit";
import { conflict, invalid } from "../errors";
import type { ExportTable } from "../excel/export-table";
import { inOwnTransaction } from "../transaction";

// Letters and digits that cannot be mistaken for each other on a printed list (no 0/o, 1/l/i).
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const ONE_TIME_LENGTH = 12;
/** More than a township ever has; keeps one request's hashing bounded (scrypt costs tens of ms each). */
export const MAX_ACCOUNTS_PER_REQUEST = 300;

/** A random one-time password (about 59 bits), to be changed at first sign-in. */
export function oneTimePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ONE_TIME_LENGTH * 2));
  let password = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= 248) continue; // 248 = 8 × 31
    password += ALPHABET[byte % ALPHABET.length];
    if (password.length === ONE_TIME_LENGTH) return password;
  }
  return password.length === ONE_TIME_LENGTH ? password : oneTimePassword();
}

export interface IssuedAccount {
  employeeNo: string;
  name: string;
  username: string;
  password: string;
}

/**
 * Gives every active person of a township who has no sign-in account one (role staff, username = 工号, linked
 * to the person) with a one-time password that must be changed at first sign-in. The passwords are returned
 * once, for the list handed to the township, and never stored in clear. A 工号 already taken as someone
 * else's username is skipped and reported.
 */
export const issueStaffAccounts = inOwnTransaction(issueStaffAccountsInTx);

async function issueStaffAccountsInTx(tx: Tx, actor: SessionUser, townshipId: number) {
  const [township] = await tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(and(eq(townships.id, townshipId), eq(townships.countyId, actor.countyId)));
  if (!township)
    throw invalid("乡镇不存在 Unknown township", [
      { path: "townshipId", message: "no such township in this county" },
    ]);
  const without = await tx
    .select({ personId: people.id, employeeNo: people.employeeNo, name: people.name })
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .leftJoin(users, eq(users.personId, people.id))
    .where(and(eq(stations.townshipId, townshipId), eq(people.active, true), isNull(users.id)))
    .orderBy(people.employeeNo);
  if (without.length > MAX_ACCOUNTS_PER_REQUEST)
    throw conflict(
      "TOO_MANY_ACCOUNTS",
      `一次最多发放 ${MAX_ACCOUNTS_PER_REQUEST} 个账号 At most ${MAX_ACCOUNTS_PER_REQUEST} accounts per request`,
    );
  const taken = new Set(
    (
      await tx
        .select({ username: users.username })
        .from(users)
        .where(inArray(users.username, without.length ? without.map((p) => p.employeeNo) : [""]))
    ).map((u) => u.username),
  );
  const accounts: IssuedAccount[] = [];
  const skipped = without
    .filter((p) => taken.has(p.employeeNo))
    .map((p) => ({ employeeNo: p.employeeNo, name: p.name, reason: "用户名已被使用 username taken" }));
  for (const person of without.filter((p) => !taken.has(p.employeeNo))) {
    const password = oneTimePassword();
    const [user] = await tx
      .insert(users)
      .values({
        countyId: actor.countyId,
        username: person.employeeNo,
        displayName: person.name,
        passwordHash: await hashPassword(password),
        role: "staff",
        personId: person.personId,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    await recordAudit(tx, actor, {
      action: "user.create",
      entity: "user",
      entityId: user?.id ?? person.employeeNo,
      after: { username: person.employeeNo, role: "staff", personId: person.personId, oneTimePassword: true },
      reason: `为${township.name}发放一次性密码 one-time passwords for the township`,
    });
    accounts.push({
      employeeNo: person.employeeNo,
      name: person.name,
      username: person.employeeNo,
      password,
    });
  }
  return { township, accounts, skipped };
}

/** The list handed to the township: who signs in with what, once; skipped people say why. */
export function accountListTable(result: Awaited<ReturnType<typeof issueStaffAccounts>>): ExportTable {
  const text = (header: string, width: number) => ({ header, width, format: "text" as const });
  return {
    title: `${result.township.name}工作人员账号（一次性密码）`,
    sheetName: "账号",
    columns: [
      text("乡镇（街道）", 16),
      text("工号", 12),
      text("姓名", 10),
      text("用户名", 12),
      text("一次性密码", 16),
      text("说明", 36),
    ],
    rows: [
      ...result.accounts.map((a) => [
        result.township.name,
        a.employeeNo,
        a.name,
        a.username,
        a.password,
        "首次登录须修改密码 change at first sign-in",
      ]),
      ...result.skipped.map((s) => [result.township.name, s.employeeNo, s.name, null, null, s.reason]),
    ],
  };
}

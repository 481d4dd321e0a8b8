import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { users } from "../../src/db/schema/auth";
import { counties, townships } from "../../src/db/schema/org";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;
const GOOD_PASSWORD = "Township-Secret-2026";

async function userId(username: string): Promise<number> {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

async function auditOf(id: number) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(id))));
}

describe("listing users", () => {
  it("lists the county's accounts by role and search, without password hashes", async () => {
    const res = await api.call("admin", "GET", "/api/v1/users?role=township&limit=50");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.total).toBe(26);
    expect(body.items[0]).toMatchObject({ role: "township", active: true, townshipName: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
    const search = await json(await api.call("admin", "GET", "/api/v1/users?q=xz2"));
    expect(search.items.map((u: { username: string }) => u.username).sort()).toEqual(
      ["xz20", "xz21", "xz22", "xz23", "xz24", "xz25", "xz26"].sort(),
    );
    const blank = await json(await api.call("admin", "GET", "/api/v1/users?role=&q=&limit=500"));
    expect(blank.total).toBeGreaterThan(26 * 5);
    const staff = await json(await api.call("admin", "GET", "/api/v1/users?q=GYX01"));
    expect(staff.items).toEqual([expect.objectContaining({ role: "staff", employeeNo: "GYX01" })]);
  });

  it("is for admins only, and refuses bad filters with the field named", async () => {
    expect((await api.call("assessor", "GET", "/api/v1/users")).status).toBe(403);
    expect((await api.call("xz01", "GET", "/api/v1/users")).status).toBe(403);
    expect((await api.call(null, "GET", "/api/v1/users")).status).toBe(401);
    const bad = await api.call("admin", "GET", "/api/v1/users?role=king&limit=0");
    expect(bad.status).toBe(400);
    const paths = (await json(bad)).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["limit", "role"]);
  });
});

describe("creating users", () => {
  it("creates a township account that can sign in and sees its township; audited without the hash", async () => {
    const res = await api.call("admin", "POST", "/api/v1/users", {
      username: "xz23-deputy",
      displayName: "杨柳乡副所长",
      role: "township",
      townshipId: await townshipIdOf("杨柳乡"),
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(201);
    const { user } = await json(res);
    expect(user).toMatchObject({ username: "xz23-deputy", role: "township", mustChangePassword: false });
    const { res: login } = await api.signIn("xz23-deputy", GOOD_PASSWORD);
    expect((await json(login)).user.scope.township.name).toBe("杨柳乡");
    const entries = await auditOf(user.id);
    expect(entries.map((e) => e.action)).toEqual(["user.create"]);
    expect(entries[0]?.after).toMatchObject({ username: "xz23-deputy", role: "township" });
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|passwordHash|Township-Secret/);
  });

  it("gives one of two simultaneous creations of the same username a 409, not a 500", async () => {
    const create = () =>
      api.call("admin", "POST", "/api/v1/users", {
        username: "twin",
        displayName: "双胞胎",
        role: "viewer",
        password: GOOD_PASSWORD,
      });
    const statuses = (await Promise.all([create(), create()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it("refuses a role whose scope does not agree, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ role: "township" }, "townshipId"],
      [{ role: "staff" }, "personId"],
      [{ role: "viewer", townshipId: 1 }, "townshipId"],
      [{ role: "township", townshipId: 999_999 }, "townshipId"],
      [{ role: "staff", personId: 999_999 }, "personId"],
    ];
    for (const [scope, path] of cases) {
      const res = await api.call("admin", "POST", "/api/v1/users", {
        username: "scope-test",
        displayName: "范围测试",
        password: GOOD_PASSWORD,
        ...scope,
      });
      expect(res.status, JSON.stringify(scope)).toBe(400);
      expect((await json(res)).error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it("refuses a township of another county", async () => {
    const [county] = await handle.db.insert(counties).values({ code: "OTHER", name: "邻县" }).returning();
    const [other] = await handle.db
      .insert(townships)
      .values({ countyId: county?.id ?? 0, code: "X1", name: "邻县某镇", kind: "town" })
      .returning();
    const res = await api.call("admin", "POST", "/api/v1/users", {
      username: "cross-county",
      displayName: "跨县",
      role: "township",
      townshipId: other?.id,
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0]).toMatchObject({ path: "townshipId" });
  });

  it("refuses a weak password naming the rule, a taken username, a person with an account, a bad username", async () => {
    const base = { displayName: "测试", role: "viewer" };
    const weak = await api.call("admin", "POST", "/api/v1/users", {
      ...base,
      username: "new-viewer",
      password: "short",
    });
    expect(weak.status).toBe(400);
    expect((await json(weak)).error).toMatchObject({
      code: "WEAK_PASSWORD",
      details: [{ path: "password", message: expect.stringContaining("至少 10 个字符") }],
    });
    const named = await api.call("admin", "POST", "/api/v1/users", {
      ...base,
      username: "new-viewer",
      password: "new-viewer-2026",
    });
    expect((await json(named)).error.details[0].message).toContain("用户名");
    const taken = await api.call("admin", "POST", "/api/v1/users", {
      ...base,
      username: "viewer",
      password: GOOD_PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error.code).toBe("USERNAME_TAKEN");
    const person = await api.call("admin", "POST", "/api/v1/users", {
      ...base,
      role: "staff",
      personId: (await json(await api.call("GY0101", "GET", "/api/v1/auth/me"))).user.person.id,
      username: "second-account",
      password: GOOD_PASSWORD,
    });
    expect(person.status).toBe(409);
    expect((await json(person)).error.code).toBe("PERSON_HAS_ACCOUNT");
    const badName = await api.call("admin", "POST", "/api/v1/users", {
      ...base,
      username: "有 空格",
      password: GOOD_PASSWORD,
    });
    expect(badName.status).toBe(400);
    expect((await json(badName)).error.details[0].path).toBe("username");
  });
});

async function townshipIdOf(name: string): Promise<number> {
  const [row] = await handle.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(`no township ${name}`);
  return row.id;
}

describe("changing users", () => {
  it("disables an account: its sessions die at once, sign-in is refused, and re-enabling restores it", async () => {
    const id = await userId("GY0102");
    const { cookie } = await api.signIn("GY0102");
    const res = await api.call("admin", "PATCH", `/api/v1/users/${id}`, { active: false });
    expect(res.status).toBe(200);
    expect((await json(res)).user.active).toBe(false);
    expect((await api.app.request("/api/v1/auth/me", { headers: { cookie } })).status).toBe(401);
    expect((await api.signIn("GY0102")).res.status).toBe(401);
    expect((await api.call("admin", "PATCH", `/api/v1/users/${id}`, { active: true })).status).toBe(200);
    expect((await api.signIn("GY0102")).res.status).toBe(200);
    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, (e.before as { active: boolean }).active])).toEqual([
      ["user.update", true],
      ["user.update", false],
    ]);
    expect(entries[0]?.after).toMatchObject({ active: false, endedSessions: 1 });
  });

  it("moves a person's account to another role and lets the person get a new staff account", async () => {
    const id = await userId("GY0103");
    const personId = (await json(await api.call("GY0103", "GET", "/api/v1/auth/me"))).user.person.id;
    const moved = await api.call("admin", "PATCH", `/api/v1/users/${id}`, {
      role: "viewer",
      personId: null,
      displayName: "改为只读",
    });
    expect(moved.status).toBe(200);
    const created = await api.call("admin", "POST", "/api/v1/users", {
      username: "gy0103-new",
      displayName: "新账号",
      role: "staff",
      personId,
      password: GOOD_PASSWORD,
    });
    expect(created.status).toBe(201);
    // A role change takes effect on the next request: sessions read the role fresh.
    const refused = await api.call("GY0103", "GET", "/api/v1/me/sheets");
    expect([403, 404]).toContain(refused.status);
  });

  it("refuses to let an admin lock themself out, an empty change, unknown fields and unknown users", async () => {
    const self = await userId("admin");
    for (const change of [{ active: false }, { role: "viewer" }]) {
      const res = await api.call("admin", "PATCH", `/api/v1/users/${self}`, change);
      expect(res.status, JSON.stringify(change)).toBe(400);
    }
    expect((await api.call("admin", "PATCH", `/api/v1/users/${self}`, {})).status).toBe(400);
    const unknownField = await api.call("admin", "PATCH", `/api/v1/users/${self}`, { passwordHash: "x" });
    expect(unknownField.status).toBe(400);
    expect((await api.call("admin", "PATCH", "/api/v1/users/999999", { active: false })).status).toBe(404);
    expect((await api.call("admin", "PATCH", "/api/v1/users/abc", { active: false })).status).toBe(400);
  });

  it("does not show or change users of another county", async () => {
    const [county] = await handle.db.insert(counties).values({ code: "FAR", name: "远县" }).returning();
    const [stranger] = await handle.db
      .insert(users)
      .values({
        countyId: county?.id ?? 0,
        username: "far-admin",
        displayName: "远县管理员",
        passwordHash: "scrypt$1$1$1$x$y",
        role: "admin",
      })
      .returning();
    const res = await api.call("admin", "PATCH", `/api/v1/users/${stranger?.id}`, { active: false });
    expect(res.status).toBe(404);
    const reset = await api.call("admin", "POST", `/api/v1/users/${stranger?.id}/reset-password`, {
      password: GOOD_PASSWORD,
    });
    expect(reset.status).toBe(404);
    const list = await json(await api.call("admin", "GET", "/api/v1/users?q=far-admin"));
    expect(list.total).toBe(0);
  });
});

describe("resetting a password", () => {
  it("ends the user's sessions and makes them choose a new password at next sign-in", async () => {
    const id = await userId("GY0104");
    const { cookie } = await api.signIn("GY0104");
    const res = await api.call("admin", "POST", `/api/v1/users/${id}/reset-password`, {
      password: "Temporary-Pass-77",
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ endedSessions: 1, user: { mustChangePassword: true } });
    expect((await api.app.request("/api/v1/auth/me", { headers: { cookie } })).status).toBe(401);
    expect((await api.signIn("GY0104")).res.status).toBe(401);
    const fresh = await api.signIn("GY0104", "Temporary-Pass-77");
    expect(fresh.res.status).toBe(200);
    const periods = await api.app.request("/api/v1/periods", { headers: { cookie: fresh.cookie } });
    expect(periods.status).toBe(403);
    expect((await json(periods)).error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(["user.password.reset"]);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|Temporary-Pass/);
  });

  it("applies the policy and refuses resetting one's own password", async () => {
    const id = await userId("GY0105");
    const weak = await api.call("admin", "POST", `/api/v1/users/${id}/reset-password`, {
      password: "1234567890",
    });
    expect(weak.status).toBe(400);
    expect((await json(weak)).error).toMatchObject({
      code: "WEAK_PASSWORD",
      details: [{ path: "password" }],
    });
    const self = await userId("admin");
    const own = await api.call("admin", "POST", `/api/v1/users/${self}/reset-password`, {
      password: GOOD_PASSWORD,
    });
    expect(own.status).toBe(400);
  });
});

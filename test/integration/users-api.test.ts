import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/audit";
import { users } from "../../src/db/schema/auth";
import { counties, townships } from "../../src/db/schema/org";
import { apiClient, errorOf, json, problemsOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();

const GOOD_PASSWORD = "Township-Secret-2026";

async function userId(username: string): Promise<number> {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

async function auditOf(id: number) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(id))));
}

describe("listing users", () => {
  it("lists the county's accounts by role and search, without password hashes", async () => {
    const { users: routes } = await t.as("admin");
    const res = await routes.$get({ query: { role: "township", limit: "50" } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(26);
    expect(body.items[0]).toMatchObject({ role: "township", active: true, townshipName: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
    const search = await (await routes.$get({ query: { q: "xz2" } })).json();
    expect(search.items.map((u) => u.username).sort()).toEqual(
      ["xz20", "xz21", "xz22", "xz23", "xz24", "xz25", "xz26"].sort(),
    );
    // A form's empty fields, sent as they come, by path.
    const blank = await json<{ total: number }>(
      await t.call("admin", "GET", "/api/v1/users?role=&q=&limit=500"),
    );
    expect(blank.total).toBeGreaterThan(26 * 5);
    const staff = await (await routes.$get({ query: { q: "GYX01" } })).json();
    expect(staff.items).toEqual([expect.objectContaining({ role: "staff", employeeNo: "GYX01" })]);
  });

  it("is for admins only, and refuses bad filters with the field named", async () => {
    expect((await (await t.as("assessor")).users.$get({ query: {} })).status).toBe(403);
    expect((await (await t.as("xz01")).users.$get({ query: {} })).status).toBe(403);
    expect((await (await t.as(null)).users.$get({ query: {} })).status).toBe(401);
    // An unknown role on purpose, which the client's types refuse.
    const bad = await t.call("admin", "GET", "/api/v1/users?role=king&limit=0");
    expect(bad.status).toBe(400);
    const paths = (await problemsOf(bad)).map((d) => d.path).sort();
    expect(paths).toEqual(["limit", "role"]);
  });
});

describe("creating users", () => {
  it("creates a township account that can sign in and sees its township; audited without the hash", async () => {
    const res = await (await t.as("admin")).users.$post({
      json: {
        username: "xz23-deputy",
        displayName: "杨柳乡副所长",
        role: "township",
        townshipId: await townshipIdOf("杨柳乡"),
        password: GOOD_PASSWORD,
      },
    });
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({ username: "xz23-deputy", role: "township", mustChangePassword: false });
    const { res: login } = await t.signIn("xz23-deputy", GOOD_PASSWORD);
    expect(
      (await json<{ user: { scope: { township: { name: string } } } }>(login)).user.scope.township.name,
    ).toBe("杨柳乡");
    const entries = await auditOf(user.id);
    expect(entries.map((e) => e.action)).toEqual(["user.create"]);
    expect(entries[0]?.after).toMatchObject({ username: "xz23-deputy", role: "township" });
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|passwordHash|Township-Secret/);
  });

  it("gives one of two simultaneous creations of the same username a 409, not a 500", async () => {
    const { users: routes } = await t.as("admin");
    const create = () =>
      routes.$post({
        json: { username: "twin", displayName: "双胞胎", role: "viewer", password: GOOD_PASSWORD },
      });
    const statuses = (await Promise.all([create(), create()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it("refuses a role whose scope does not agree, naming the field", async () => {
    // Scopes that disagree with the role, on purpose: sent by path, as the client's types would not.
    const cases: [Record<string, unknown>, string][] = [
      [{ role: "township" }, "townshipId"],
      [{ role: "staff" }, "personId"],
      [{ role: "viewer", townshipId: 1 }, "townshipId"],
      [{ role: "township", townshipId: 999_999 }, "townshipId"],
      [{ role: "staff", personId: 999_999 }, "personId"],
    ];
    for (const [scope, path] of cases) {
      const res = await t.call("admin", "POST", "/api/v1/users", {
        username: "scope-test",
        displayName: "范围测试",
        password: GOOD_PASSWORD,
        ...scope,
      });
      expect(res.status, JSON.stringify(scope)).toBe(400);
      expect((await problemsOf(res)).map((d) => d.path)).toContain(path);
    }
  });

  it("refuses a township of another county", async () => {
    const [county] = await t.db.insert(counties).values({ code: "OTHER", name: "邻县" }).returning();
    const [other] = await t.db
      .insert(townships)
      .values({ countyId: county?.id ?? 0, code: "X1", name: "邻县某镇", kind: "town" })
      .returning();
    const res = await (await t.as("admin")).users.$post({
      json: {
        username: "cross-county",
        displayName: "跨县",
        role: "township",
        townshipId: other?.id,
        password: GOOD_PASSWORD,
      },
    });
    expect(res.status).toBe(400);
    expect((await problemsOf(res))[0]).toMatchObject({ path: "townshipId" });
  });

  it("refuses a weak password naming the rule, a taken username, a person with an account, a bad username", async () => {
    const base = { displayName: "测试", role: "viewer" } as const;
    const { users: routes } = await t.as("admin");
    const weak = await routes.$post({ json: { ...base, username: "new-viewer", password: "short" } });
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).error).toMatchObject({
      code: "WEAK_PASSWORD",
      details: [{ path: "password", message: expect.stringContaining("至少 10 个字符") }],
    });
    const named = await routes.$post({
      json: { ...base, username: "new-viewer", password: "new-viewer-2026" },
    });
    expect((await problemsOf(named))[0]?.message).toContain("用户名");
    const taken = await routes.$post({ json: { ...base, username: "viewer", password: GOOD_PASSWORD } });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).error.code).toBe("USERNAME_TAKEN");
    const person = await routes.$post({
      json: {
        ...base,
        role: "staff",
        personId: await personIdOf("GY0101"),
        username: "second-account",
        password: GOOD_PASSWORD,
      },
    });
    expect(person.status).toBe(409);
    expect((await errorOf(person)).error.code).toBe("PERSON_HAS_ACCOUNT");
    const badName = await routes.$post({ json: { ...base, username: "有 空格", password: GOOD_PASSWORD } });
    expect(badName.status).toBe(400);
    expect((await problemsOf(badName))[0]?.path).toBe("username");
  });
});

/** The person behind a staff account, as that user's own /auth/me says. */
async function personIdOf(username: string): Promise<number> {
  const { user } = await (await (await t.as(username)).auth.me.$get()).json();
  if (!user.person) throw new Error(`${username} has no person`);
  return user.person.id;
}

async function townshipIdOf(name: string): Promise<number> {
  const [row] = await t.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(`no township ${name}`);
  return row.id;
}

describe("changing users", () => {
  it("disables an account: its sessions die at once, sign-in is refused, and re-enabling restores it", async () => {
    const id = await userId("GY0102");
    const { cookie } = await t.signIn("GY0102");
    const user = (await t.as("admin")).users[":id"];
    const param = { id: String(id) };
    const res = await user.$patch({ param, json: { active: false } });
    expect(res.status).toBe(200);
    expect((await res.json()).user.active).toBe(false);
    expect((await apiClient(t.app, { cookie }).auth.me.$get()).status).toBe(401);
    expect((await t.signIn("GY0102")).res.status).toBe(401);
    expect((await user.$patch({ param, json: { active: true } })).status).toBe(200);
    expect((await t.signIn("GY0102")).res.status).toBe(200);
    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, (e.before as { active: boolean }).active])).toEqual([
      ["user.update", true],
      ["user.update", false],
    ]);
    expect(entries[0]?.after).toMatchObject({ active: false, endedSessions: 1 });
  });

  it("moves a person's account to another role and lets the person get a new staff account", async () => {
    const id = await userId("GY0103");
    const personId = await personIdOf("GY0103");
    const { users: routes } = await t.as("admin");
    const moved = await routes[":id"].$patch({
      param: { id: String(id) },
      json: { role: "viewer", personId: null, displayName: "改为只读" },
    });
    expect(moved.status).toBe(200);
    const created = await routes.$post({
      json: {
        username: "gy0103-new",
        displayName: "新账号",
        role: "staff",
        personId,
        password: GOOD_PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    // A role change takes effect on the next request: sessions read the role fresh.
    const refused = await (await t.as("GY0103")).me.sheets.$get();
    expect([403, 404]).toContain(refused.status);
  });

  it("refuses to let an admin lock themself out, an empty change, unknown fields and unknown users", async () => {
    const self = await userId("admin");
    const user = (await t.as("admin")).users[":id"];
    for (const change of [{ active: false }, { role: "viewer" }] as const) {
      const res = await user.$patch({ param: { id: String(self) }, json: change });
      expect(res.status, JSON.stringify(change)).toBe(400);
    }
    expect((await user.$patch({ param: { id: String(self) }, json: {} })).status).toBe(400);
    // A field the body does not have, on purpose: by path, as the client's types refuse it.
    const unknownField = await t.call("admin", "PATCH", `/api/v1/users/${self}`, { passwordHash: "x" });
    expect(unknownField.status).toBe(400);
    expect((await user.$patch({ param: { id: "999999" }, json: { active: false } })).status).toBe(404);
    expect((await user.$patch({ param: { id: "abc" }, json: { active: false } })).status).toBe(400);
  });

  it("does not show or change users of another county", async () => {
    const [county] = await t.db.insert(counties).values({ code: "FAR", name: "远县" }).returning();
    const [stranger] = await t.db
      .insert(users)
      .values({
        countyId: county?.id ?? 0,
        username: "far-admin",
        displayName: "远县管理员",
        passwordHash: "scrypt$1$1$1$x$y",
        role: "admin",
      })
      .returning();
    const { users: routes } = await t.as("admin");
    const param = { id: String(stranger?.id) };
    const res = await routes[":id"].$patch({ param, json: { active: false } });
    expect(res.status).toBe(404);
    const reset = await routes[":id"]["reset-password"].$post({ param, json: { password: GOOD_PASSWORD } });
    expect(reset.status).toBe(404);
    const list = await (await routes.$get({ query: { q: "far-admin" } })).json();
    expect(list.total).toBe(0);
  });
});

describe("resetting a password", () => {
  it("ends the user's sessions and makes them choose a new password at next sign-in", async () => {
    const id = await userId("GY0104");
    const { cookie } = await t.signIn("GY0104");
    const res = await (await t.as("admin")).users[":id"]["reset-password"].$post({
      param: { id: String(id) },
      json: { password: "Temporary-Pass-77" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ endedSessions: 1, user: { mustChangePassword: true } });
    expect((await apiClient(t.app, { cookie }).auth.me.$get()).status).toBe(401);
    expect((await t.signIn("GY0104")).res.status).toBe(401);
    const fresh = await t.signIn("GY0104", "Temporary-Pass-77");
    expect(fresh.res.status).toBe(200);
    const periods = await apiClient(t.app, { cookie: fresh.cookie }).periods.$get();
    expect(periods.status).toBe(403);
    expect((await errorOf(periods)).error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(["user.password.reset"]);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|Temporary-Pass/);
  });

  it("applies the policy and refuses resetting one's own password", async () => {
    const id = await userId("GY0105");
    const reset = (await t.as("admin")).users[":id"]["reset-password"];
    const weak = await reset.$post({ param: { id: String(id) }, json: { password: "1234567890" } });
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).error).toMatchObject({
      code: "WEAK_PASSWORD",
      details: [{ path: "password" }],
    });
    const self = await userId("admin");
    const own = await reset.$post({ param: { id: String(self) }, json: { password: GOOD_PASSWORD } });
    expect(own.status).toBe(400);
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { validateSessionToken } from "../../src/auth/session";
import { auditLog } from "../../src/db/schema/audit";
import { sessions, users } from "../../src/db/schema/auth";
import { TEST_SESSION_POLICY } from "../support/test-app";
import { apiClient, errorOf, json, problemsOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();
const { idleMs, absoluteMs } = TEST_SESSION_POLICY;

/** The typed client with these headers: each test here holds its own fresh sessions (cookie or Bearer). */
const client = (headers: Record<string, string>) => apiClient(t.app, headers);

function me(headers: Record<string, string>) {
  return client(headers).auth.me.$get();
}

describe("session expiry", () => {
  it("ends a session left unused longer than the idle time, and the app then answers 401", async () => {
    const { token, cookie } = await t.signIn("GY0101");
    const later = new Date(Date.now() + idleMs + 60_000);
    expect(await validateSessionToken(t.db, token, TEST_SESSION_POLICY, later)).toBeNull();
    const res = await me({ cookie });
    expect(res.status).toBe(401);
    // The dead cookie is cleared, so the browser stops sending it.
    expect(res.headers.get("set-cookie")).toMatch(/kaohe_session=;.*Max-Age=0/);
  });

  it("extends a session in use, but never past the absolute expiry", async () => {
    const start = Date.now();
    const { token } = await t.signIn("GY0102");
    let at = start;
    let lastValid = start;
    for (;;) {
      at += idleMs * 0.6;
      const session = await validateSessionToken(t.db, token, TEST_SESSION_POLICY, new Date(at));
      if (!session) break;
      expect(session.expiresAt.getTime()).toBeLessThanOrEqual(start + absoluteMs + 5_000);
      lastValid = at;
    }
    // Used every 0.6 × idle time, it lived until the absolute cap and no longer.
    expect(lastValid).toBeGreaterThan(start + absoluteMs - idleMs);
    expect(at).toBeGreaterThanOrEqual(start + absoluteMs - 5_000);
    expect(await validateSessionToken(t.db, token, TEST_SESSION_POLICY)).toBeNull();
  });

  it("refuses unknown and malformed tokens with 401", async () => {
    expect((await me({ authorization: "Bearer abcdefghijklmnopqrstuvwxyz234567" })).status).toBe(401);
    expect((await me({ cookie: "kaohe_session=%00%01" })).status).toBe(401);
    expect((await me({ authorization: "Basic YWRtaW46a2FvaGUtZGVtbw==" })).status).toBe(401);
  });

  it("ends the session of a disabled account at its next request", async () => {
    const { cookie } = await t.signIn("GY0103");
    await t.db.update(users).set({ active: false }).where(eq(users.username, "GY0103"));
    expect((await me({ cookie })).status).toBe(401);
    expect((await t.signIn("GY0103")).res.status).toBe(401);
  });
});

describe("session expiry on the app's clock", () => {
  let now = new Date("2026-06-01T08:00:00+08:00");
  const clocked = useTestApp({ deps: { clock: () => now, sessionPolicy: TEST_SESSION_POLICY } });

  it("judges expiry by the app's clock: a jump past the idle time ends the session, no real waiting", async () => {
    now = new Date("2026-06-01T08:00:00+08:00");
    const { res, cookie } = await clocked.signIn("GY0104");
    // The expiry is counted from the app's clock as well; the cookie says how long it lives (Max-Age).
    expect(new Date((await json<{ expiresAt: string }>(res)).expiresAt).getTime()).toBe(
      now.getTime() + idleMs,
    );
    expect(res.headers.get("set-cookie")).toContain(`Max-Age=${idleMs / 1000}`);
    const meNow = () => apiClient(clocked.app, { cookie }).auth.me.$get();
    now = new Date(now.getTime() + idleMs - 60_000);
    expect((await meNow()).status).toBe(200); // used: extended by a whole idle time
    now = new Date(now.getTime() + idleMs - 60_000);
    expect((await meNow()).status).toBe(200);
    now = new Date(now.getTime() + idleMs + 60_000);
    const expired = await meNow();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("set-cookie")).toMatch(/kaohe_session=;.*Max-Age=0/);
  });

  it("ends a session at its absolute expiry on the app's clock, however often it is used", async () => {
    now = new Date("2026-06-01T08:00:00+08:00");
    const { token } = await clocked.signIn("GY0105");
    const meNow = () => apiClient(clocked.app, { authorization: `Bearer ${token}` }).auth.me.$get();
    const end = now.getTime() + absoluteMs;
    // Every 0.6 × the idle time: past half of it, so each use extends the session.
    while (now.getTime() + idleMs * 0.6 < end) {
      now = new Date(now.getTime() + idleMs * 0.6);
      expect((await meNow()).status, now.toISOString()).toBe(200);
    }
    now = new Date(end);
    expect((await meNow()).status).toBe(401);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, cookie and Bearer alike, and no one else's", async () => {
    const a = await t.signIn("GY0201");
    const b = await t.signIn("GY0201");
    const c = await t.signIn("GY0201");
    const other = await t.signIn("GY0202");
    const res = await client({ cookie: a.cookie }).auth["logout-all"].$post();
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    expect((await res.json()).endedSessions).toBe(3);
    expect((await me({ cookie: a.cookie })).status).toBe(401);
    expect((await me({ cookie: b.cookie })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${c.token}` })).status).toBe(401);
    expect((await me({ cookie: other.cookie })).status).toBe(200);
  });

  it("needs a session", async () => {
    const res = await (await t.as(null)).auth["logout-all"].$post();
    expect(res.status).toBe(401);
  });
});

describe("password change", () => {
  it("keeps this session, ends the others, takes the new password and audits without any hash", async () => {
    const a = await t.signIn("GY0301");
    const b = await t.signIn("GY0301");
    const res = await client({ cookie: a.cookie }).auth.password.$post({
      json: { currentPassword: "kaohe-demo", newPassword: "Stronger-Secret-2026" },
    });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    expect((await res.json()).endedSessions).toBe(1);
    expect((await me({ cookie: a.cookie })).status).toBe(200);
    expect((await me({ cookie: b.cookie })).status).toBe(401);
    expect((await t.signIn("GY0301")).res.status).toBe(401);
    expect((await t.signIn("GY0301", "Stronger-Secret-2026")).res.status).toBe(200);
    const [user] = await t.db.select().from(users).where(eq(users.username, "GY0301"));
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(user?.id))));
    expect(entries.map((e) => e.action)).toEqual(["user.password.change"]);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|passwordHash|Stronger/);
  });

  it.each([
    ["short-pw", "至少 10 个字符"],
    ["gy0302-and-more", "不能包含用户名"],
    ["password123", "过于常见"],
    ["kaohe-demo", "不能与当前密码相同"],
    ["Kaohe-Demo", "过于常见"],
    ["QWERTYUIOP", "过于常见"],
    ["ababababababab", "3 个不同字符"],
  ])("refuses the weak new password %s, naming the rule", async (newPassword, rule) => {
    const { cookie } = await t.signIn("GY0302");
    const res = await client({ cookie }).auth.password.$post({
      json: { currentPassword: "kaohe-demo", newPassword },
    });
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.error.code).toBe("WEAK_PASSWORD");
    expect(body.error.details).toEqual([{ path: "newPassword", message: expect.stringContaining(rule) }]);
  });

  it("refuses a wrong current password and missing fields with the field named", async () => {
    const { cookie } = await t.signIn("GY0303");
    const password = client({ cookie }).auth.password;
    const wrong = await password.$post({
      json: { currentPassword: "not-it", newPassword: "Stronger-Secret-2026" },
    });
    expect(wrong.status).toBe(400);
    expect((await problemsOf(wrong))[0]?.path).toBe("currentPassword");
    // A body missing a field on purpose, which the typed client does not send.
    const missing = await t.app.request("/api/v1/auth/password", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: "kaohe-demo" }),
    });
    expect(missing.status).toBe(400);
    expect((await problemsOf(missing)).map((d) => d.path)).toEqual(["newPassword"]);
    const tooLong = await password.$post({
      json: { currentPassword: "kaohe-demo", newPassword: "x".repeat(300) },
    });
    expect(tooLong.status).toBe(400);
  });
});

describe("a pending password change", () => {
  it("allows only me, password change and sign-out until the password is changed", async () => {
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, "GY0401"));
    const { cookie, res } = await t.signIn("GY0401");
    expect((await json<{ user: { mustChangePassword: boolean } }>(res)).user.mustChangePassword).toBe(true);
    expect((await me({ cookie })).status).toBe(200);
    for (const path of ["/api/v1/periods", "/api/v1/people", "/api/v1/townships"]) {
      // Any route of the list, by path: the same refusal for each.
      const refused = await t.app.request(path, { headers: { cookie } });
      expect(refused.status, path).toBe(403);
      expect((await errorOf(refused)).error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    }
    const changed = await client({ cookie }).auth.password.$post({
      json: { currentPassword: "kaohe-demo", newPassword: "My-Own-Secret-42" },
    });
    expect(changed.status).toBe(200);
    expect((await client({ cookie }).periods.$get()).status).toBe(200);
    const after = await me({ cookie });
    if (after.status !== 200) throw new Error(`me answered ${after.status}`);
    expect((await after.json()).user.mustChangePassword).toBe(false);
  });

  it("still lets the user sign out", async () => {
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, "GY0402"));
    const { cookie } = await t.signIn("GY0402");
    expect((await client({ cookie }).auth.logout.$post()).status).toBe(200);
    expect((await me({ cookie })).status).toBe(401);
  });
});

describe("sessions stored", () => {
  it("stores only the token's hash", async () => {
    const { token } = await t.signIn("GY0403");
    const ids = await t.db.select({ id: sessions.id }).from(sessions);
    expect(ids.some((r) => r.id === token)).toBe(false);
    expect(ids.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LOGIN_THROTTLE, pruneLoginAttempts } from "../../src/auth/login-throttle";
import { loginAttempts } from "../../src/db/schema/auth";
import type { ApiApp } from "../../src/http/app";
import { apiClient, errorOf, problemsOf, useTestApp } from "../support/use-test-app";

// The test app takes the client address from a header, so each test can play several clients.
const t = useTestApp({ deps: { clientAddress: (c) => c.req.header("x-test-address") } });

function login(username: string, password: string, address: string, app: ApiApp = t.app) {
  return apiClient(app, { "x-test-address": address }).auth.login.$post({ json: { username, password } });
}

/** A 429's error, whose details say how long to wait. */
async function throttledOf(res: Response | Awaited<ReturnType<typeof login>>) {
  const { error } = await errorOf(res);
  if (Array.isArray(error.details)) throw new Error(`expected the throttle's details, got field problems`);
  return { error: { ...error, details: error.details as { retryAfterSeconds: number } } };
}

async function failTimes(n: number, username: string, address: (i: number) => string) {
  for (let i = 0; i < n; i++) expect((await login(username, "wrong-password", address(i))).status).toBe(401);
}

async function insertFailures(username: string, address: string, n: number, minutesAgo: number) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  await t.db.insert(loginAttempts).values(
    Array.from({ length: n }, () => ({
      username,
      clientAddress: address,
      success: false,
      attemptedAt: at,
    })),
  );
}

describe("per-account throttling", () => {
  it(`refuses even the right password after ${LOGIN_THROTTLE.perAccount} failures, with a sensible Retry-After`, async () => {
    await failTimes(LOGIN_THROTTLE.perAccount, "GY0102", (i) => `10.0.1.${i}`);
    const res = await login("GY0102", "kaohe-demo", "10.0.1.99");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(LOGIN_THROTTLE.windowMs / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMs / 1000);
    const body = await throttledOf(res);
    expect(body.error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(body.error.message).toMatch(/15 分钟后再试.*try again in 15 minute/);
    expect(body.error.details.retryAfterSeconds).toBe(retryAfter);
    // Other accounts from the same addresses are not affected.
    expect((await login("GY0103", "kaohe-demo", "10.0.1.0")).status).toBe(200);
  });

  it("answers an unknown account exactly like a known one (no enumeration)", async () => {
    await failTimes(LOGIN_THROTTLE.perAccount, "no-such-user", (i) => `10.0.2.${i}`);
    await failTimes(LOGIN_THROTTLE.perAccount, "GY0104", (i) => `10.0.3.${i}`);
    const [unknown, known] = [
      await login("no-such-user", "x", "10.0.2.50"),
      await login("GY0104", "x", "10.0.3.50"),
    ];
    expect([unknown.status, known.status]).toEqual([429, 429]);
    const [a, b] = [await throttledOf(unknown), await throttledOf(known)];
    expect(a.error.code).toBe(b.error.code);
    expect(a.error.message).toBe(b.error.message);
    expect(Math.abs(a.error.details.retryAfterSeconds - b.error.details.retryAfterSeconds)).toBeLessThan(30);
  });

  it("counts failures case-insensitively and does not record refused attempts", async () => {
    await failTimes(LOGIN_THROTTLE.perAccount, "gy0105", (i) => `10.0.4.${i}`);
    const rows = () => t.db.select().from(loginAttempts).where(eq(loginAttempts.username, "gy0601"));
    const before = (await rows()).length;
    expect((await login("GY0105", "kaohe-demo", "10.0.4.60")).status).toBe(429);
    expect((await rows()).length).toBe(before);
  });

  it("forgets failures once a sign-in succeeds", async () => {
    await failTimes(LOGIN_THROTTLE.perAccount - 1, "GY0501", () => "10.0.5.1");
    expect((await login("GY0501", "kaohe-demo", "10.0.5.1")).status).toBe(200);
    await failTimes(LOGIN_THROTTLE.perAccount - 1, "GY0501", () => "10.0.5.1");
    expect((await login("GY0501", "kaohe-demo", "10.0.5.1")).status).toBe(200);
  });

  it("lets failures older than the window lapse, and Retry-After follows the oldest counted failure", async () => {
    await insertFailures("gy0401", "10.0.6.1", LOGIN_THROTTLE.perAccount, 16);
    expect((await login("GY0401", "kaohe-demo", "10.0.6.1")).status).toBe(200);
    await insertFailures("gy0402", "10.0.6.2", LOGIN_THROTTLE.perAccount, 10);
    const res = await login("GY0402", "kaohe-demo", "10.0.6.2");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(290);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect((await errorOf(res)).error.message).toContain("5 分钟");
  });
});

describe("per-address throttling", () => {
  it(`refuses every account from an address after ${LOGIN_THROTTLE.perAddress} failures, but not other addresses`, async () => {
    await insertFailures("someone", "192.0.2.7", LOGIN_THROTTLE.perAddress - 2, 1);
    await failTimes(2, "guess-a", () => "192.0.2.7");
    const refused = await login("GY0201", "kaohe-demo", "192.0.2.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login("GY0201", "kaohe-demo", "192.0.2.8")).status).toBe(200);
  });

  it("is not reset by a success from the address", async () => {
    await insertFailures("someone-else", "192.0.2.9", LOGIN_THROTTLE.perAddress, 2);
    expect((await login("GY0202", "kaohe-demo", "192.0.2.9")).status).toBe(429);
  });
});

describe("per-address throttling without an address from the runtime", () => {
  // The app's own client address (none here, as under app.request), not the test's header.
  const plain = useTestApp();

  it("falls back to Cloudflare's cf-connecting-ip when the runtime gives no address", async () => {
    await apiClient(plain.app, { "cf-connecting-ip": "198.51.100.4" }).auth.login.$post({
      json: { username: "GY0203", password: "wrong-password" },
    });
    const rows = await plain.db.select().from(loginAttempts).where(eq(loginAttempts.username, "gy0203"));
    expect(rows.map((r) => r.clientAddress)).toEqual(["198.51.100.4"]);
  });
});

describe("password change throttling and pruning", () => {
  it("counts wrong current passwords towards the account's throttle", async () => {
    const { cookie } = await t.signIn("GY0301", "kaohe-demo", { "x-test-address": "10.0.7.1" });
    const change = (currentPassword: string) =>
      apiClient(t.app, { cookie, "x-test-address": "10.0.7.1" }).auth.password.$post({
        json: { currentPassword, newPassword: "a-much-better-secret" },
      });
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++) {
      const res = await change("not-my-password");
      expect(res.status).toBe(400);
      expect((await problemsOf(res))[0]?.path).toBe("currentPassword");
    }
    const res = await change("kaohe-demo");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("prunes attempts past the retention period and keeps recent ones", async () => {
    await insertFailures("ancient", "10.9.9.9", 3, (LOGIN_THROTTLE.retentionMs + 3_600_000) / 60_000);
    await insertFailures("recent", "10.9.9.9", 1, 1);
    expect(await pruneLoginAttempts(t.db)).toBeGreaterThanOrEqual(3);
    const left = await t.db.select().from(loginAttempts).where(eq(loginAttempts.clientAddress, "10.9.9.9"));
    expect(left.map((r) => r.username)).toEqual(["recent"]);
  });
});

describe("racing attempts (issue 14, finding 6)", () => {
  it(`50 wrong passwords at once for one account: exactly ${LOGIN_THROTTLE.perAccount} are checked, the rest 429`, async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login("GY0601", "wrong-password", `10.9.0.${i}`)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.perAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LOGIN_THROTTLE.perAccount);
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.username, "gy0601"));
    expect(rows).toHaveLength(LOGIN_THROTTLE.perAccount);
  });

  it(`50 at once from one address over many accounts: at most ${LOGIN_THROTTLE.perAddress} are checked`, async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(`nobody-${i}`, "wrong-password", "10.9.1.1")),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.perAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LOGIN_THROTTLE.perAddress);
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.clientAddress, "10.9.1.1"));
    expect(rows).toHaveLength(LOGIN_THROTTLE.perAddress);
  });
});

describe("the throttle window on the app's clock", () => {
  let now = new Date("2026-06-01T08:00:00+08:00");
  const clocked = useTestApp({
    deps: { clientAddress: (c) => c.req.header("x-test-address"), clock: () => now },
  });

  it("judges the window by the injected clock: no real waiting", async () => {
    now = new Date("2026-06-01T08:00:00+08:00");
    const attempt = (password: string) => login("GY0602", password, "10.9.2.1", clocked.app);
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++)
      expect((await attempt("wrong-password")).status).toBe(401);
    // Retry-After counts from the request clock too: the whole window, then one second before its end.
    const atOnce = await attempt("kaohe-demo");
    expect(atOnce.status).toBe(429);
    expect(Number(atOnce.headers.get("retry-after"))).toBe(LOGIN_THROTTLE.windowMs / 1000);
    now = new Date(now.getTime() + LOGIN_THROTTLE.windowMs - 1_000);
    const refused = await attempt("kaohe-demo");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBe(1);
    now = new Date(now.getTime() + 1_001);
    expect((await attempt("kaohe-demo")).status).toBe(200);
  });
});

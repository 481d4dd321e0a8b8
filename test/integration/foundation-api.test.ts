import { describe, expect, it } from "vitest";
import { apiClient, errorOf, problemsOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();

describe("health", () => {
  it("reports the database kind and that every migration is applied", async () => {
    const res = await (await t.as(null)).health.$get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.database).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.latest).toMatch(/^\d{4}_/);
  });
});

describe("sign-in", () => {
  it("signs in with a session cookie that is HttpOnly and SameSite=Lax, and `me` names the user", async () => {
    const res = await (await t.as(null)).auth.login.$post({
      json: { username: "xz23", password: "kaohe-demo" },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^kaohe_session=[a-z0-9]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await apiClient(t.app, { cookie: cookie.split(";")[0] ?? "" }).auth.me.$get();
    const body = await me.json();
    expect(body.user).toMatchObject({
      username: "xz23",
      role: "township",
      scope: { township: { name: "杨柳乡" } },
    });
  });

  it("links a staff account to its person", async () => {
    const me = await (await (await t.as("GYX02")).auth.me.$get()).json();
    expect(me.user.role).toBe("staff");
    expect(me.user.person).toMatchObject({ employeeNo: "GYX02", category: "reassigned" });
  });

  it("accepts the returned token as a Bearer token", async () => {
    const anonymous = await t.as(null);
    const login = await anonymous.auth.login.$post({ json: { username: "viewer", password: "kaohe-demo" } });
    const { token } = await login.json();
    const res = await apiClient(t.app, { authorization: `Bearer ${token}` }).auth.me.$get();
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe("viewer");
  });

  it("gives one message for a wrong password and for an unknown user", async () => {
    const { login } = (await t.as(null)).auth;
    const wrong = await login.$post({ json: { username: "admin", password: "nope-nope" } });
    const unknown = await login.$post({ json: { username: "nobody", password: "nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual(b);
    expect(a.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("ends the session on logout", async () => {
    const login = await (await t.as(null)).auth.login.$post({
      json: { username: "assessor", password: "kaohe-demo" },
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const signedIn = apiClient(t.app, { cookie });
    const out = await signedIn.auth.logout.$post();
    expect(out.status).toBe(200);
    const me = await signedIn.auth.me.$get();
    expect(me.status).toBe(401);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 JSON", async () => {
    // Not JSON at all, which the typed client cannot send.
    const res = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{username:",
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error.code).toBeTypeOf("string");
  });

  it("names the missing field", async () => {
    // A body the client's types refuse: sent by path.
    const res = await t.call(null, "POST", "/api/v1/auth/login", { username: "admin" });
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details).toEqual([expect.objectContaining({ path: "password" })]);
  });

  it("answers unknown routes with 404 JSON", async () => {
    const res = await t.call("admin", "GET", "/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).error.code).toBe("NOT_FOUND");
  });

  it.each(["/api/v1/townships", "/api/v1/stations", "/api/v1/people", "/api/v1/periods", "/api/v1/auth/me"])(
    "refuses %s without a session",
    async (path) => {
      const res = await t.call(null, "GET", path);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).error.code).toBe("UNAUTHENTICATED");
    },
  );

  it("refuses a bad page size with the field named", async () => {
    const res = await (await t.as("admin")).people.$get({ query: { limit: "100000" } });
    expect(res.status).toBe(400);
    expect((await problemsOf(res))[0]?.path).toBe("limit");
  });
});

describe("lists", () => {
  it("lists the 26 townships with their stations", async () => {
    const viewer = await t.as("viewer");
    const body = await (await viewer.townships.$get()).json();
    expect(body.items).toHaveLength(26);
    expect(body.items.map((township) => township.name)).toEqual(expect.arrayContaining(["杨柳乡", "浩塘镇"]));
    expect(body.items.every((township) => township.stationName?.endsWith("计生服务所"))).toBe(true);
    const stations = await (await viewer.stations.$get()).json();
    expect(stations.items).toHaveLength(26);
  });

  it("lists people county-wide for the admin, paginated", async () => {
    const { people } = await t.as("admin");
    const first = await (await people.$get({ query: { limit: "50" } })).json();
    expect(first.items).toHaveLength(50);
    expect(first.total).toBeGreaterThanOrEqual(26 * 5 + 6);
    const reassigned = await (await people.$get({ query: { category: "reassigned" } })).json();
    expect(reassigned.total).toBe(6);
  });

  it("shows a township account only its own township's people", async () => {
    const body = await (await (await t.as("xz19")).people.$get({ query: { townshipId: "1" } })).json();
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.items.map((p) => p.townshipName))).toEqual(new Set(["浩塘镇"]));
  });

  it("shows a staff member only themself", async () => {
    const body = await (await (await t.as("GY0101")).people.$get({ query: {} })).json();
    expect(body.items.map((p) => p.employeeNo)).toEqual(["GY0101"]);
  });

  it("lists the 2025 and 2026 periods with their scheme, and the 2026 campaign", async () => {
    const body = await (await (await t.as("GY0101")).periods.$get({ query: {} })).json();
    expect(body.items.map((p) => [p.year, p.kind, p.status])).toEqual([
      [2026, "annual", "open"],
      [2026, "campaign", "final"],
      [2025, "annual", "published"],
    ]);
    expect(body.items[0]?.scheme?.code).toBe("GY-2025-STAFF");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// Response bodies are checked field by field below; a loose type keeps those checks readable.
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;

describe("health", () => {
  it("reports the database kind and that every migration is applied", async () => {
    const res = await api.call(null, "GET", "/api/v1/health");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.database).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.latest).toMatch(/^\d{4}_/);
  });
});

describe("sign-in", () => {
  it("signs in with a session cookie that is HttpOnly and SameSite=Lax, and `me` names the user", async () => {
    const res = await api.call(null, "POST", "/api/v1/auth/login", {
      username: "xz23",
      password: "kaohe-demo",
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^kaohe_session=[a-z0-9]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await api.app.request("/api/v1/auth/me", { headers: { cookie: cookie.split(";")[0] ?? "" } });
    const body = await json(me);
    expect(body.user).toMatchObject({
      username: "xz23",
      role: "township",
      scope: { township: { name: "杨柳乡" } },
    });
  });

  it("links a staff account to its person", async () => {
    const me = await json(await api.call("GYX02", "GET", "/api/v1/auth/me"));
    expect(me.user.role).toBe("staff");
    expect(me.user.person).toMatchObject({ employeeNo: "GYX02", category: "reassigned" });
  });

  it("accepts the returned token as a Bearer token", async () => {
    const login = await json(
      await api.call(null, "POST", "/api/v1/auth/login", { username: "viewer", password: "kaohe-demo" }),
    );
    const res = await api.app.request("/api/v1/auth/me", {
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).user.role).toBe("viewer");
  });

  it("gives one message for a wrong password and for an unknown user", async () => {
    const wrong = await api.call(null, "POST", "/api/v1/auth/login", {
      username: "admin",
      password: "nope-nope",
    });
    const unknown = await api.call(null, "POST", "/api/v1/auth/login", {
      username: "nobody",
      password: "nope-nope",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await json(wrong), await json(unknown)];
    expect(a).toEqual(b);
    expect(a.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("ends the session on logout", async () => {
    const login = await api.call(null, "POST", "/api/v1/auth/login", {
      username: "assessor",
      password: "kaohe-demo",
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const out = await api.app.request("/api/v1/auth/logout", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(200);
    const me = await api.app.request("/api/v1/auth/me", { headers: { cookie } });
    expect(me.status).toBe(401);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 JSON", async () => {
    const res = await api.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{username:",
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBeTypeOf("string");
  });

  it("names the missing field", async () => {
    const res = await api.call(null, "POST", "/api/v1/auth/login", { username: "admin" });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details).toEqual([expect.objectContaining({ path: "password" })]);
  });

  it("answers unknown routes with 404 JSON", async () => {
    const res = await api.call("admin", "GET", "/api/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("NOT_FOUND");
  });

  it.each(["/api/v1/townships", "/api/v1/stations", "/api/v1/people", "/api/v1/periods", "/api/v1/auth/me"])(
    "refuses %s without a session",
    async (path) => {
      const res = await api.call(null, "GET", path);
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe("UNAUTHENTICATED");
    },
  );

  it("refuses a bad page size with the field named", async () => {
    const res = await api.call("admin", "GET", "/api/v1/people?limit=100000");
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("limit");
  });
});

describe("lists", () => {
  it("lists the 26 townships with their stations", async () => {
    const body = await json(await api.call("viewer", "GET", "/api/v1/townships"));
    expect(body.items).toHaveLength(26);
    expect(body.items.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["杨柳乡", "浩塘镇"]),
    );
    expect(body.items.every((t: { stationName: string }) => t.stationName.endsWith("计生服务所"))).toBe(true);
    const stations = await json(await api.call("viewer", "GET", "/api/v1/stations"));
    expect(stations.items).toHaveLength(26);
  });

  it("lists people county-wide for the admin, paginated", async () => {
    const first = await json(await api.call("admin", "GET", "/api/v1/people?limit=50"));
    expect(first.items).toHaveLength(50);
    expect(first.total).toBeGreaterThanOrEqual(26 * 5 + 6);
    const reassigned = await json(await api.call("admin", "GET", "/api/v1/people?category=reassigned"));
    expect(reassigned.total).toBe(6);
  });

  it("shows a township account only its own township's people", async () => {
    const body = await json(await api.call("xz19", "GET", "/api/v1/people?townshipId=1"));
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.items.map((p: { townshipName: string }) => p.townshipName))).toEqual(
      new Set(["浩塘镇"]),
    );
  });

  it("shows a staff member only themself", async () => {
    const body = await json(await api.call("GY0101", "GET", "/api/v1/people"));
    expect(body.items.map((p: { employeeNo: string }) => p.employeeNo)).toEqual(["GY0101"]);
  });

  it("lists the 2025 and 2026 periods with their scheme, and the 2026 campaign", async () => {
    const body = await json(await api.call("GY0101", "GET", "/api/v1/periods"));
    type Listed = { year: number; status: string; kind: string };
    expect(body.items.map((p: Listed) => [p.year, p.kind, p.status])).toEqual([
      [2026, "annual", "open"],
      [2026, "campaign", "final"],
      [2025, "annual", "published"],
    ]);
    expect(body.items[0].scheme.code).toBe("GY-2025-STAFF");
  });
});

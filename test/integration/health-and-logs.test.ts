import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { configureLog } from "../../src/log";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;

describe("health", () => {
  it("is 200 ok on a migrated database", async () => {
    const handle = await openTestDb({ demo: false });
    try {
      const res = await createTestApp(handle).app.request("/api/v1/health");
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.status).toBe("ok");
      expect(body.migrations.applied).toBe(body.migrations.expected);
    } finally {
      await handle.close();
    }
  });

  it("is 503 degraded while a migration is pending", async () => {
    const handle = await openTestDb({ demo: false });
    try {
      await handle.db.execute(
        sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
      );
      const res = await createTestApp(handle).app.request("/api/v1/health");
      expect(res.status).toBe(503);
      const body = await json(res);
      expect(body.status).toBe("degraded");
      expect(body.migrations.applied).toBe(body.migrations.expected - 1);
    } finally {
      await handle.close();
    }
  });

  it("is 503 degraded when the database does not answer", async () => {
    const handle = await openTestDb({ demo: false });
    const api = createTestApp(handle);
    await handle.close();
    const res = await api.app.request("/api/v1/health");
    expect(res.status).toBe(503);
    expect(await json(res)).toMatchObject({ status: "degraded", databaseReachable: false });
  });
});

describe("access log", () => {
  let handle: DbHandle;
  let lines: string[] = [];
  beforeAll(async () => {
    handle = await openTestDb({ demo: true });
  });
  afterAll(() => handle.close());
  afterEach(() => configureLog({ format: "pretty", level: "info", write: (line) => console.log(line) }));

  it("writes one JSON line per request with the route pattern and the user, never a password or token", async () => {
    lines = [];
    configureLog({ format: "json", level: "info", write: (line) => lines.push(line) });
    const api = createTestApp(handle, { accessLog: true });
    const password = "kaohe-demo";
    const signIn = await api.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password }),
    });
    const { token, user } = await json(signIn);
    const people = await api.app.request("/api/v1/users/999999", {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "x" }),
    });
    expect(people.status).toBe(404);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      level: "info",
      method: "POST",
      route: "/api/v1/auth/login",
      status: 200,
      userId: null,
    });
    expect(entries[1]).toMatchObject({
      method: "PATCH",
      route: "/api/v1/users/:id",
      status: 404,
      userId: user.id,
    });
    for (const entry of entries) {
      expect(typeof entry.ms).toBe("number");
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    }
    const all = lines.join("\n");
    expect(all).not.toContain(password);
    expect(all).not.toContain(token);
    expect(all).not.toContain("999999");
  });

  it("drops lines below LOG_LEVEL", async () => {
    lines = [];
    configureLog({ format: "pretty", level: "warn", write: (line) => lines.push(line) });
    const api = createTestApp(handle, { accessLog: true });
    expect((await api.app.request("/api/v1/health")).status).toBe(200);
    expect(lines).toEqual([]);
  });
});

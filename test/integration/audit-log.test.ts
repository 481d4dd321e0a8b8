import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { users } from "../../src/db/schema/auth";
import { recordAudit, systemActor } from "../../src/services/audit/audit";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let countyId: number;
let adminId: number;
let staff: { id: number; personId: number };

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
  const rows = await handle.db.select().from(users);
  const admin = rows.find((u) => u.username === "admin");
  const gy = rows.find((u) => u.username === "GY0201");
  if (!admin || !gy?.personId) throw new Error("demo users missing");
  countyId = admin.countyId;
  adminId = admin.id;
  staff = { id: gy.id, personId: gy.personId };
  // Some history: an admin change about GY0201's account, a person entry, and another county's entry.
  expect(
    (await api.call("admin", "PATCH", `/api/v1/users/${staff.id}`, { displayName: "改名" })).status,
  ).toBe(200);
  await recordAudit(handle.db, systemActor(countyId), {
    action: "person.move",
    entity: "person",
    entityId: staff.personId,
    after: { stationId: 2 },
  });
  await recordAudit(handle.db, systemActor(countyId + 1000), {
    action: "x",
    entity: "user",
    entityId: staff.id,
  });
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;

async function readAudit(query: string, as = "admin") {
  const res = await api.call(as, "GET", `/api/v1/audit${query}`);
  expect(res.status, query).toBe(200);
  return json(res);
}

describe("the audit log is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const [row] = await handle.db.select({ id: auditLog.id }).from(auditLog).limit(1);
    expect(row).toBeDefined();
    const id = row?.id ?? 0;
    await expect(
      handle.db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.id, id)),
    ).rejects.toThrow();
    await expect(handle.db.delete(auditLog).where(eq(auditLog.id, id))).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await handle.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(still?.reason).toBeNull();
  });

  it("says why", async () => {
    const error = await handle.db
      .delete(auditLog)
      .then(() => null)
      .catch((e: unknown) => e);
    const messages = [String(error), String((error as { cause?: unknown })?.cause)].join(" ");
    expect(messages).toContain("append-only");
  });
});

describe("reading the audit log", () => {
  it("shows the county's entries newest first, never another county's", async () => {
    const body = await readAudit("?limit=200");
    expect(body.total).toBeGreaterThanOrEqual(3);
    const times = body.items.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.items.every((e: { countyId: number }) => e.countyId === countyId)).toBe(true);
    expect(body.items[0]).toMatchObject({ action: "person.move", entity: "person" });
  });

  it("filters by entity and id, by user, and by person", async () => {
    const byEntity = await readAudit(`?entity=user&entityId=${staff.id}`);
    expect(byEntity.items.map((e: { action: string }) => e.action)).toEqual(["user.update"]);
    expect(byEntity.items[0].before.displayName).not.toBe("改名");
    expect(byEntity.items[0].after.displayName).toBe("改名");
    const byUser = await readAudit(`?userId=${adminId}`);
    expect(byUser.items.every((e: { userId: number }) => e.userId === adminId)).toBe(true);
    expect(byUser.total).toBeGreaterThanOrEqual(1);
    const byPerson = await readAudit(`?personId=${staff.personId}`);
    expect(byPerson.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "person.move",
      "user.update",
    ]);
  });

  it("filters by date, a bare date being a whole day in China Standard Time", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 16 * 3_600_000).toISOString().slice(0, 10);
    expect((await readAudit(`?from=${today}&to=${today}`)).total).toBeGreaterThanOrEqual(3);
    expect((await readAudit(`?from=${tomorrow}`)).total).toBe(0);
    expect((await readAudit(`?to=${yesterday}`)).total).toBe(0);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect((await readAudit(`?from=${encodeURIComponent(since)}`)).total).toBeGreaterThanOrEqual(3);
  });

  it("treats empty filters as absent, as a form sends them", async () => {
    const all = await readAudit("?limit=200");
    expect((await readAudit("?entity=&entityId=&userId=&personId=&from=&to=&limit=200")).total).toBe(
      all.total,
    );
  });

  it("pages with limit and offset", async () => {
    const all = await readAudit("?limit=200");
    const second = await readAudit("?limit=1&offset=1");
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).toBe(all.items[1].id);
    expect(second.total).toBe(all.total);
  });

  it("lets the assessor read it, and nobody else", async () => {
    expect((await readAudit("", "assessor")).total).toBeGreaterThan(0);
    for (const who of ["viewer", "xz01", "GY0101"]) {
      expect((await api.call(who, "GET", "/api/v1/audit")).status, who).toBe(403);
    }
    expect((await api.call(null, "GET", "/api/v1/audit")).status).toBe(401);
  });

  it("refuses bad filters, naming each field", async () => {
    const res = await api.call("admin", "GET", "/api/v1/audit?limit=201&from=yesterday&userId=x");
    expect(res.status).toBe(400);
    const paths = (await json(res)).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["from", "limit", "userId"]);
    const reversed = await api.call("admin", "GET", "/api/v1/audit?from=2026-03-02&to=2026-03-01");
    expect(reversed.status).toBe(400);
    expect((await json(reversed)).error.details[0].path).toBe("to");
  });
});

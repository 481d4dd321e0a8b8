import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/audit";
import { users } from "../../src/db/schema/auth";
import { recordAudit, systemActor } from "../../src/services/audit/audit";
import { type ApiClient, problemsOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();
let countyId: number;
let adminId: number;
let staff: { id: number; personId: number };

beforeAll(async () => {
  const rows = await t.db.select().from(users);
  const admin = rows.find((u) => u.username === "admin");
  const gy = rows.find((u) => u.username === "GY0201");
  if (!admin || !gy?.personId) throw new Error("demo users missing");
  countyId = admin.countyId;
  adminId = admin.id;
  staff = { id: gy.id, personId: gy.personId };
  // Some history: an admin change about GY0201's account, a person entry, and another county's entry.
  const changed = await (await t.as("admin")).users[":id"].$patch({
    param: { id: String(staff.id) },
    json: { displayName: "改名" },
  });
  expect(changed.status).toBe(200);
  await recordAudit(t.db, systemActor(countyId), {
    action: "person.move",
    entity: "person",
    entityId: staff.personId,
    after: { stationId: 2 },
  });
  await recordAudit(t.db, systemActor(countyId + 1000), {
    action: "x",
    entity: "user",
    entityId: staff.id,
  });
});

type AuditQuery = Parameters<ApiClient["audit"]["$get"]>[0]["query"];

async function readAudit(query: AuditQuery, as = "admin") {
  const res = await (await t.as(as)).audit.$get({ query });
  expect(res.status, JSON.stringify(query)).toBe(200);
  return res.json();
}

describe("the audit log is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const [row] = await t.db.select({ id: auditLog.id }).from(auditLog).limit(1);
    expect(row).toBeDefined();
    const id = row?.id ?? 0;
    await expect(
      t.db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.id, id)),
    ).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.id, id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await t.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(still?.reason).toBeNull();
  });

  it("says why", async () => {
    const error = await t.db
      .delete(auditLog)
      .then(() => null)
      .catch((e: unknown) => e);
    const messages = [String(error), String((error as { cause?: unknown })?.cause)].join(" ");
    expect(messages).toContain("append-only");
  });
});

describe("reading the audit log", () => {
  it("shows the county's entries newest first, never another county's", async () => {
    const body = await readAudit({ limit: "200" });
    expect(body.total).toBeGreaterThanOrEqual(3);
    const times = body.items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.items.every((e) => e.countyId === countyId)).toBe(true);
    expect(body.items[0]).toMatchObject({ action: "person.move", entity: "person" });
  });

  it("filters by entity and id, by user, and by person", async () => {
    const byEntity = await readAudit({ entity: "user", entityId: String(staff.id) });
    expect(byEntity.items.map((e) => e.action)).toEqual(["user.update"]);
    expect(byEntity.items[0]?.before).not.toMatchObject({ displayName: "改名" });
    expect(byEntity.items[0]?.after).toMatchObject({ displayName: "改名" });
    const byUser = await readAudit({ userId: String(adminId) });
    expect(byUser.items.every((e) => e.userId === adminId)).toBe(true);
    expect(byUser.total).toBeGreaterThanOrEqual(1);
    const byPerson = await readAudit({ personId: String(staff.personId) });
    expect(byPerson.items.map((e) => e.action).sort()).toEqual(["person.move", "user.update"]);
  });

  it("filters by date, a bare date being a whole day in China Standard Time", async () => {
    // Counted from the entries' own times, not the clock: the demo seed wrote most of them when the suite's
    // global setup ran, which on a slow run may be over an hour (or a day in China) before this test.
    const chinaDay = (at: string) => new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
    const shift = (day: string, days: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const all = await readAudit({ limit: "1" });
    const [newest] = all.items;
    const [oldest] = (await readAudit({ limit: "1", offset: String(all.total - 1) })).items;
    if (!newest || !oldest) throw new Error("the demo county has no audit entries");
    const day = chinaDay(newest.at);
    const onDay = await readAudit({ from: day, to: day, limit: "200" });
    expect(onDay.total).toBeGreaterThanOrEqual(1);
    expect(onDay.items.every((e) => chinaDay(e.at) === day)).toBe(true);
    expect((await readAudit({ from: shift(day, 1) })).total).toBe(0);
    expect((await readAudit({ to: shift(chinaDay(oldest.at), -1) })).total).toBe(0);
    const since = new Date(Date.parse(newest.at) - 1).toISOString();
    const recent = await readAudit({ from: since, limit: "200" });
    expect(recent.total).toBeGreaterThanOrEqual(1);
    expect(recent.items.every((e) => Date.parse(e.at) >= Date.parse(since))).toBe(true);
  });

  it("treats empty filters as absent, as a form sends them", async () => {
    const all = await readAudit({ limit: "200" });
    const blank = { entity: "", entityId: "", userId: "", personId: "", from: "", to: "", limit: "200" };
    expect((await readAudit(blank)).total).toBe(all.total);
  });

  it("pages with limit and offset", async () => {
    const all = await readAudit({ limit: "200" });
    const second = await readAudit({ limit: "1", offset: "1" });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).toBe(all.items[1]?.id);
    expect(second.total).toBe(all.total);
  });

  it("lets the assessor read it, and nobody else", async () => {
    expect((await readAudit({}, "assessor")).total).toBeGreaterThan(0);
    for (const who of ["viewer", "xz01", "GY0101"]) {
      expect((await (await t.as(who)).audit.$get({ query: {} })).status, who).toBe(403);
    }
    expect((await (await t.as(null)).audit.$get({ query: {} })).status).toBe(401);
  });

  it("refuses bad filters, naming each field", async () => {
    const { audit } = await t.as("admin");
    const res = await audit.$get({ query: { limit: "201", from: "yesterday", userId: "x" } });
    expect(res.status).toBe(400);
    const paths = (await problemsOf(res)).map((d) => d.path).sort();
    expect(paths).toEqual(["from", "limit", "userId"]);
    const reversed = await audit.$get({ query: { from: "2026-03-02", to: "2026-03-01" } });
    expect(reversed.status).toBe(400);
    expect((await problemsOf(reversed))[0]?.path).toBe("to");
  });
});

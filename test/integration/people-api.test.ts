import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { people, personMoves, townships } from "../../src/db/schema/org";
import { sheets } from "../../src/db/schema/sheet";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// People (人员) one at a time, as the county office keeps them: add, edit, move, retire, and the sign-in.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => new Date("2026-06-15T10:00:00+08:00") });
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;

async function townshipId(name: string): Promise<number> {
  const [row] = await handle.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(`no township ${name}`);
  return row.id;
}

async function personId(employeeNo: string): Promise<number> {
  const [row] = await handle.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.employeeNo, employeeNo));
  if (!row) throw new Error(`no person ${employeeNo}`);
  return row.id;
}

async function auditActions(entityId: number) {
  const rows = await handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "person"), eq(auditLog.entityId, String(entityId))))
    .orderBy(auditLog.id);
  return rows;
}

const NEW_PERSON = {
  employeeNo: "GY0199",
  name: "测试新人",
  gender: "female",
  category: "station",
  position: "专干",
  phone: "0735-1234567",
};

describe("adding and editing a person", () => {
  it("adds a person to a township, lists and shows them, audited", async () => {
    const res = await api.call("admin", "POST", "/api/v1/people", {
      ...NEW_PERSON,
      townshipId: await townshipId("龙潭街道"),
    });
    expect(res.status).toBe(201);
    const { person } = await json(res);
    expect(person).toMatchObject({ employeeNo: "GY0199", phone: "0735-1234567", active: true });
    const list = await json(await api.call("admin", "GET", "/api/v1/people?q=GY0199"));
    expect(list.items).toEqual([expect.objectContaining({ name: "测试新人", townshipName: "龙潭街道" })]);
    const detail = await json(await api.call("admin", "GET", `/api/v1/people/${person.id}`));
    expect(detail).toMatchObject({ person: { townshipName: "龙潭街道" }, moves: [], account: null });
    const [entry] = await auditActions(person.id);
    expect(entry).toMatchObject({ action: "person.create", username: "admin" });
    expect(entry?.after).toMatchObject({ employeeNo: "GY0199", name: "测试新人" });
  });

  it("refuses bad fields naming each in Chinese then English, and writes nothing", async () => {
    const res = await api.call("admin", "POST", "/api/v1/people", {
      employeeNo: "GY 01",
      name: "",
      category: "reassigned",
      position: "专干",
      examScore: 120,
      phone: "call me",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(res.status).toBe(400);
    const details = (await json(res)).error.details as { path: string; message: string }[];
    const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(Object.keys(byPath).sort()).toEqual(["employeeNo", "examScore", "name", "phone"]);
    // Chinese first, then English (an empty text gets the shared validation wording).
    expect(byPath.name).toMatch(/^[\u4e00-\u9fff].* [a-z]/);
    expect(byPath.examScore).toMatch(/^examScore.*100/);
    expect(byPath.phone).toMatch(/联系电话.*Phone/);
    // 选调人员 without origin unit, exam score and date: each named.
    const reassigned = await api.call("admin", "POST", "/api/v1/people", {
      ...NEW_PERSON,
      employeeNo: "GYX99",
      category: "reassigned",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(reassigned.status).toBe(400);
    const paths = (await json(reassigned)).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["examScore", "originUnit", "reassignedOn"]);
    const taken = await api.call("admin", "POST", "/api/v1/people", {
      ...NEW_PERSON,
      employeeNo: "GY0101",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(taken.status).toBe(400);
    expect((await json(taken)).error.details[0]).toMatchObject({ path: "employeeNo" });
    const rows = await handle.db.select().from(people).where(eq(people.employeeNo, "GYX99"));
    expect(rows).toEqual([]);
  });

  it("edits a person: only what changed is audited, before → after with the reason", async () => {
    const id = await personId("GY0199");
    const res = await api.call("admin", "PATCH", `/api/v1/people/${id}`, {
      name: "测试新人",
      position: "副所长",
      phone: "",
      reason: "任命副所长",
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.changed.sort()).toEqual(["phone", "position"]);
    expect(body.person).toMatchObject({ position: "副所长", phone: null });
    const entry = (await auditActions(id)).at(-1);
    expect(entry).toMatchObject({ action: "person.update", reason: "任命副所长" });
    expect(entry?.before).toMatchObject({ position: "专干", phone: "0735-1234567" });
    expect(entry?.after).toMatchObject({ position: "副所长", phone: null });
    expect(entry?.before).not.toHaveProperty("name");
    const nothing = await api.call("admin", "PATCH", `/api/v1/people/${id}`, { reason: "无" });
    expect(nothing.status).toBe(400);
  });
});

describe("moving a person (调动)", () => {
  it("moves GY0102 from a date: recorded, audited, the open period's sheet keeps its township", async () => {
    const id = await personId("GY0102");
    const [before] = await handle.db.select().from(sheets).where(eq(sheets.personId, id));
    const res = await api.call("admin", "POST", `/api/v1/people/${id}/move`, {
      townshipId: await townshipId("太和镇"),
      movedOn: "2026-06-01",
      reason: "工作需要",
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ to: "太和镇", movedOn: "2026-06-01" });
    expect(body.keptSheets.length).toBeGreaterThan(0);
    expect(body.keptSheets[0].townshipName).toBe(body.from);
    const moves = await handle.db.select().from(personMoves).where(eq(personMoves.personId, id));
    expect(moves).toEqual([expect.objectContaining({ movedOn: "2026-06-01", reason: "工作需要" })]);
    const after = await handle.db.select().from(sheets).where(eq(sheets.personId, id));
    expect(after.map((s) => s.townshipId)).toEqual(
      (await handle.db.select().from(sheets).where(eq(sheets.personId, id))).map((s) => s.townshipId),
    );
    expect(after.find((s) => s.id === before?.id)?.townshipId).toBe(before?.townshipId);
    const detail = await json(await api.call("admin", "GET", `/api/v1/people/${id}`));
    expect(detail.person.townshipName).toBe("太和镇");
    expect(detail.moves[0]).toMatchObject({ to: "太和镇", movedOn: "2026-06-01" });
    const entry = (await auditActions(id)).at(-1);
    expect(entry).toMatchObject({ action: "person.move", reason: "工作需要" });
    expect(entry?.after).toMatchObject({ township: "太和镇", movedOn: "2026-06-01" });
  });

  it("refuses a move to the same township, an unknown township and a missing reason", async () => {
    const id = await personId("GY0102");
    const same = await api.call("admin", "POST", `/api/v1/people/${id}/move`, {
      townshipId: await townshipId("太和镇"),
      movedOn: "2026-06-02",
      reason: "再调",
    });
    expect(same.status).toBe(400);
    expect((await json(same)).error.details[0].path).toBe("townshipId");
    const bad = await api.call("admin", "POST", `/api/v1/people/${id}/move`, {
      townshipId: 999999,
      movedOn: "2026-13-01",
      reason: " ",
    });
    expect(bad.status).toBe(400);
    const paths = (await json(bad)).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["movedOn", "reason"]);
  });
});

describe("sign-in from the person page, and retiring", () => {
  it("creates a one-time account, resets it, disables and enables it; each audited", async () => {
    const id = await personId("GY0199");
    const created = await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "create" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const first = await json(created);
    expect(first).toMatchObject({ username: "GY0199", active: true });
    expect(first.password).toMatch(/^[a-z2-9]{12}$/);
    const { res: login } = await api.signIn("GY0199", first.password);
    expect((await json(login)).user.mustChangePassword).toBe(true);
    const again = await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "create" });
    expect((await json(again)).error.code).toBe("PERSON_HAS_ACCOUNT");
    const reset = await json(
      await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "reset" }),
    );
    expect(reset.password).not.toBe(first.password);
    expect(reset.endedSessions).toBe(1);
    const disabled = await json(
      await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "disable" }),
    );
    expect(disabled).toMatchObject({ active: false, password: null });
    const { res: refused } = await api.signIn("GY0199", reset.password);
    expect(refused.status).toBe(401);
    const enabled = await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "enable" });
    expect((await json(enabled)).active).toBe(true);
    const detail = await json(await api.call("admin", "GET", `/api/v1/people/${id}`));
    expect(detail.account).toMatchObject({ username: "GY0199", active: true, mustChangePassword: true });
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(detail.account.id))));
    expect(entries.map((e) => e.action)).toEqual([
      "user.create",
      "user.password.reset",
      "user.update",
      "user.update",
    ]);
    expect(JSON.stringify(entries)).not.toContain(first.password);
  });

  it("retires a person: their sign-in is disabled; reinstating needs a reason too", async () => {
    const id = await personId("GY0199");
    const res = await api.call("admin", "POST", `/api/v1/people/${id}/retire`, { reason: "退休" });
    expect(await json(res)).toEqual({ active: false, accountDisabled: true });
    const twice = await api.call("admin", "POST", `/api/v1/people/${id}/retire`, { reason: "退休" });
    expect((await json(twice)).error.code).toBe("PERSON_RETIRED");
    const enable = await api.call("admin", "POST", `/api/v1/people/${id}/account`, { action: "enable" });
    expect((await json(enable)).error.code).toBe("PERSON_RETIRED");
    const listed = await json(await api.call("admin", "GET", "/api/v1/people?q=GY0199&active=false"));
    expect(listed.total).toBe(1);
    const noReason = await api.call("admin", "POST", `/api/v1/people/${id}/reinstate`, {});
    expect(noReason.status).toBe(400);
    const back = await api.call("admin", "POST", `/api/v1/people/${id}/reinstate`, { reason: "返聘" });
    expect(await json(back)).toEqual({ active: true, accountDisabled: false });
    expect((await auditActions(id)).map((e) => e.action).slice(-2)).toEqual([
      "person.retire",
      "person.reinstate",
    ]);
  });
});

describe("who may do what", () => {
  it("admin writes county-wide; a township account reads its own people only; others are refused", async () => {
    const own = await personId("GY0101");
    const other = await personId("GY0201");
    expect((await api.call("xz01", "GET", `/api/v1/people/${own}`)).status).toBe(200);
    const ownDetail = await json(await api.call("xz01", "GET", `/api/v1/people/${own}`));
    expect(ownDetail.account.id).toBeNull();
    expect((await api.call("xz01", "GET", `/api/v1/people/${other}`)).status).toBe(404);
    for (const user of ["xz01", "assessor", "viewer", "GY0101"])
      expect((await api.call(user, "PATCH", `/api/v1/people/${own}`, { position: "所长" })).status).toBe(403);
    expect((await api.call("assessor", "GET", `/api/v1/people/${own}`)).status).toBe(403);
    expect((await api.call(null, "POST", `/api/v1/people/${own}/retire`, { reason: "x" })).status).toBe(401);
    expect((await api.call("admin", "GET", "/api/v1/people/99999999")).status).toBe(404);
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/audit";
import { people, personMoves, townships } from "../../src/db/schema/org";
import { sheets } from "../../src/db/schema/sheet";
import { errorOf, json, problemsOf, useTestApp } from "../support/use-test-app";

// People (人员) one at a time, as the county office keeps them: add, edit, move, retire, and the sign-in.

const t = useTestApp({ deps: { clock: () => new Date("2026-06-15T10:00:00+08:00") } });

/** One person's routes (/people/:id…) as `user`, and the id as their path parameter. */
async function personRoutes(user: string | null, id: number) {
  return { routes: (await t.as(user)).people[":id"], param: { id: String(id) } };
}

async function townshipId(name: string): Promise<number> {
  const [row] = await t.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(`no township ${name}`);
  return row.id;
}

async function personId(employeeNo: string): Promise<number> {
  const [row] = await t.db.select({ id: people.id }).from(people).where(eq(people.employeeNo, employeeNo));
  if (!row) throw new Error(`no person ${employeeNo}`);
  return row.id;
}

async function auditActions(entityId: number) {
  const rows = await t.db
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
} as const;

describe("adding and editing a person", () => {
  it("adds a person to a township, lists and shows them, audited", async () => {
    const { people: routes } = await t.as("admin");
    const res = await routes.$post({ json: { ...NEW_PERSON, townshipId: await townshipId("龙潭街道") } });
    expect(res.status).toBe(201);
    const { person } = await res.json();
    expect(person).toMatchObject({ employeeNo: "GY0199", phone: "0735-1234567", active: true });
    const list = await (await routes.$get({ query: { q: "GY0199" } })).json();
    expect(list.items).toEqual([expect.objectContaining({ name: "测试新人", townshipName: "龙潭街道" })]);
    const detail = await (await routes[":id"].$get({ param: { id: String(person.id) } })).json();
    expect(detail).toMatchObject({ person: { townshipName: "龙潭街道" }, moves: [], account: null });
    const [entry] = await auditActions(person.id);
    expect(entry).toMatchObject({ action: "person.create", username: "admin" });
    expect(entry?.after).toMatchObject({ employeeNo: "GY0199", name: "测试新人" });
  });

  it("refuses bad fields naming each in Chinese then English, and writes nothing", async () => {
    // Bodies the client's types refuse (an empty name, a score over 100, an unknown township) go by path.
    const res = await t.call("admin", "POST", "/api/v1/people", {
      employeeNo: "GY 01",
      name: "",
      category: "reassigned",
      position: "专干",
      examScore: 120,
      phone: "call me",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(res.status).toBe(400);
    const details = await problemsOf(res);
    const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(Object.keys(byPath).sort()).toEqual(["employeeNo", "examScore", "name", "phone"]);
    // Chinese first, then English (an empty text gets the shared validation wording).
    expect(byPath.name).toMatch(/^[\u4e00-\u9fff].* [a-z]/);
    expect(byPath.examScore).toMatch(/^examScore.*100/);
    expect(byPath.phone).toMatch(/联系电话.*Phone/);
    // 选调人员 without origin unit, exam score and date: each named.
    const reassigned = await t.call("admin", "POST", "/api/v1/people", {
      ...NEW_PERSON,
      employeeNo: "GYX99",
      category: "reassigned",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(reassigned.status).toBe(400);
    const paths = (await problemsOf(reassigned)).map((d) => d.path).sort();
    expect(paths).toEqual(["examScore", "originUnit", "reassignedOn"]);
    const taken = await t.call("admin", "POST", "/api/v1/people", {
      ...NEW_PERSON,
      employeeNo: "GY0101",
      townshipId: await townshipId("龙潭街道"),
    });
    expect(taken.status).toBe(400);
    expect((await problemsOf(taken))[0]).toMatchObject({ path: "employeeNo" });
    const rows = await t.db.select().from(people).where(eq(people.employeeNo, "GYX99"));
    expect(rows).toEqual([]);
  });

  it("edits a person: only what changed is audited, before → after with the reason", async () => {
    const id = await personId("GY0199");
    const { routes, param } = await personRoutes("admin", id);
    const res = await routes.$patch({
      param,
      json: { name: "测试新人", position: "副所长", phone: "", reason: "任命副所长" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.changed.sort()).toEqual(["phone", "position"]);
    expect(body.person).toMatchObject({ position: "副所长", phone: null });
    const entry = (await auditActions(id)).at(-1);
    expect(entry).toMatchObject({ action: "person.update", reason: "任命副所长" });
    expect(entry?.before).toMatchObject({ position: "专干", phone: "0735-1234567" });
    expect(entry?.after).toMatchObject({ position: "副所长", phone: null });
    expect(entry?.before).not.toHaveProperty("name");
    const nothing = await routes.$patch({ param, json: { reason: "无" } });
    expect(nothing.status).toBe(400);
  });
});

describe("moving a person (调动)", () => {
  it("moves GY0102 from a date: recorded, audited, the open period's sheet keeps its township", async () => {
    const id = await personId("GY0102");
    const [before] = await t.db.select().from(sheets).where(eq(sheets.personId, id));
    const { routes, param } = await personRoutes("admin", id);
    const res = await routes.move.$post({
      param,
      json: { townshipId: await townshipId("太和镇"), movedOn: "2026-06-01", reason: "工作需要" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ to: "太和镇", movedOn: "2026-06-01" });
    expect(body.keptSheets.length).toBeGreaterThan(0);
    expect(body.keptSheets[0]?.townshipName).toBe(body.from);
    const moves = await t.db.select().from(personMoves).where(eq(personMoves.personId, id));
    expect(moves).toEqual([expect.objectContaining({ movedOn: "2026-06-01", reason: "工作需要" })]);
    const after = await t.db.select().from(sheets).where(eq(sheets.personId, id));
    expect(after.map((s) => s.townshipId)).toEqual(
      (await t.db.select().from(sheets).where(eq(sheets.personId, id))).map((s) => s.townshipId),
    );
    expect(after.find((s) => s.id === before?.id)?.townshipId).toBe(before?.townshipId);
    const detail = await (await routes.$get({ param })).json();
    expect(detail.person.townshipName).toBe("太和镇");
    expect(detail.moves[0]).toMatchObject({ to: "太和镇", movedOn: "2026-06-01" });
    const entry = (await auditActions(id)).at(-1);
    expect(entry).toMatchObject({ action: "person.move", reason: "工作需要" });
    expect(entry?.after).toMatchObject({ township: "太和镇", movedOn: "2026-06-01" });
  });

  it("refuses a move to the same township, an unknown township and a missing reason", async () => {
    const id = await personId("GY0102");
    const { routes, param } = await personRoutes("admin", id);
    const same = await routes.move.$post({
      param,
      json: { townshipId: await townshipId("太和镇"), movedOn: "2026-06-02", reason: "再调" },
    });
    expect(same.status).toBe(400);
    expect((await problemsOf(same))[0]?.path).toBe("townshipId");
    const bad = await routes.move.$post({
      param,
      json: { townshipId: 999999, movedOn: "2026-13-01", reason: " " },
    });
    expect(bad.status).toBe(400);
    const paths = (await problemsOf(bad)).map((d) => d.path).sort();
    expect(paths).toEqual(["movedOn", "reason"]);
  });
});

describe("sign-in from the person page, and retiring", () => {
  it("creates a one-time account, resets it, disables and enables it; each audited", async () => {
    const id = await personId("GY0199");
    const { routes, param } = await personRoutes("admin", id);
    const account = (action: "create" | "reset" | "disable" | "enable") =>
      routes.account.$post({ param, json: { action } });
    const created = await account("create");
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const first = await created.json();
    expect(first).toMatchObject({ username: "GY0199", active: true });
    expect(first.password).toMatch(/^[a-z2-9]{12}$/);
    const { res: login } = await t.signIn("GY0199", first.password ?? "");
    expect((await json<{ user: { mustChangePassword: boolean } }>(login)).user.mustChangePassword).toBe(true);
    const again = await account("create");
    expect((await errorOf(again)).error.code).toBe("PERSON_HAS_ACCOUNT");
    const reset = await (await account("reset")).json();
    expect(reset.password).not.toBe(first.password);
    expect(reset.endedSessions).toBe(1);
    const disabled = await (await account("disable")).json();
    expect(disabled).toMatchObject({ active: false, password: null });
    const { res: refused } = await t.signIn("GY0199", reset.password ?? "");
    expect(refused.status).toBe(401);
    const enabled = await account("enable");
    expect((await enabled.json()).active).toBe(true);
    const detail = await (await routes.$get({ param })).json();
    expect(detail.account).toMatchObject({ username: "GY0199", active: true, mustChangePassword: true });
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(detail.account?.id))));
    expect(entries.map((e) => e.action)).toEqual([
      "user.create",
      "user.password.reset",
      "user.update",
      "user.update",
    ]);
    expect(JSON.stringify(entries)).not.toContain(first.password ?? "no password was shown");
  });

  it("retires a person: their sign-in is disabled; reinstating needs a reason too", async () => {
    const id = await personId("GY0199");
    const { routes, param } = await personRoutes("admin", id);
    const res = await routes.retire.$post({ param, json: { reason: "退休" } });
    expect(await res.json()).toEqual({ active: false, accountDisabled: true });
    const twice = await routes.retire.$post({ param, json: { reason: "退休" } });
    expect((await errorOf(twice)).error.code).toBe("PERSON_RETIRED");
    const enable = await routes.account.$post({ param, json: { action: "enable" } });
    expect((await errorOf(enable)).error.code).toBe("PERSON_RETIRED");
    const { people: list } = await t.as("admin");
    const listed = await (await list.$get({ query: { q: "GY0199", active: "false" } })).json();
    expect(listed.total).toBe(1);
    // No reason at all, which the client's types refuse: by path.
    const noReason = await t.call("admin", "POST", `/api/v1/people/${id}/reinstate`, {});
    expect(noReason.status).toBe(400);
    const back = await routes.reinstate.$post({ param, json: { reason: "返聘" } });
    expect(await back.json()).toEqual({ active: true, accountDisabled: false });
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
    const township = await personRoutes("xz01", own);
    expect((await township.routes.$get({ param: township.param })).status).toBe(200);
    const ownDetail = await (await township.routes.$get({ param: township.param })).json();
    expect(ownDetail.account?.id).toBeNull();
    expect((await township.routes.$get({ param: { id: String(other) } })).status).toBe(404);
    for (const user of ["xz01", "assessor", "viewer", "GY0101"]) {
      const { routes, param } = await personRoutes(user, own);
      expect((await routes.$patch({ param, json: { position: "所长" } })).status).toBe(403);
    }
    const assessor = await personRoutes("assessor", own);
    expect((await assessor.routes.$get({ param: assessor.param })).status).toBe(403);
    const anonymous = await personRoutes(null, own);
    expect(
      (await anonymous.routes.retire.$post({ param: anonymous.param, json: { reason: "x" } })).status,
    ).toBe(401);
    const admin = await personRoutes("admin", 99999999);
    expect((await admin.routes.$get({ param: admin.param })).status).toBe(404);
  });
});

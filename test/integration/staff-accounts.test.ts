import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { upload } from "../fixtures/excel-api";
import { buildWorkbook, readWorkbook } from "../fixtures/workbooks";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { expectStatus, type Json, json } from "../support/year-walk";

// Issue 13, situation 4: people imported from the roster get sign-in accounts with one-time passwords that
// must be changed at first sign-in, delivered to the township as an .xlsx list.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

async function issue(townshipId: unknown, as = "admin") {
  return api.call(as, "POST", "/api/v1/users/staff-accounts", { townshipId });
}

describe("4. imported people get sign-in accounts", () => {
  it("issues staff accounts with one-time passwords as an xlsx list; they must be changed at first sign-in", async () => {
    const townships = (await json(await api.call("admin", "GET", "/api/v1/townships"))).items;
    const township = townships[4];
    const roster = await buildWorkbook([
      {
        name: "人员",
        rows: [
          ["工号", "姓名", "性别", "乡镇（街道）", "人员类别", "职务"],
          ["GYN901", "新来一", "女", township.name, "所内人员", "技术服务员"],
          ["GYN902", "新来二", "男", township.name, "所内人员", "技术服务员"],
        ],
      },
    ]);
    const imported = await upload(api, "admin", "people", roster, { reason: "七月新进人员" });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);

    const res = await issue(township.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const sheet = (await readWorkbook(await res.arrayBuffer())).get("账号") ?? [];
    expect(sheet[0]).toEqual(["乡镇（街道）", "工号", "姓名", "用户名", "一次性密码", "说明"]);
    const rows = sheet.slice(1).filter((r) => r[1] === "GYN901" || r[1] === "GYN902");
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      [township.name, "GYN901", "新来一", "GYN901"],
      [township.name, "GYN902", "新来二", "GYN902"],
    ]);
    expect(Number(res.headers.get("x-accounts-created"))).toBe(sheet.length - 1);
    const [password] = rows.map((r) => String(r[4]));
    expect(password).toMatch(/^[a-z2-9]{12}$/);
    expect(rows[0]?.[4]).not.toBe(rows[1]?.[4]);

    // The one-time password signs in, and nothing else works until it is changed.
    const signIn = await api.signIn("GYN901", password);
    expect(signIn.res.status).toBe(200);
    const me = await json(await api.app.request("/api/v1/auth/me", { headers: { cookie: signIn.cookie } }));
    expect(me.user).toMatchObject({ role: "staff", mustChangePassword: true });
    const blocked = await api.app.request("/api/v1/me/sheets", { headers: { cookie: signIn.cookie } });
    expect(blocked.status).toBe(403);
    expect((await json(blocked)).error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    // Stored only as a hash; audited without it; a second request issues nothing to the same people.
    const [stored] = await handle.db.select().from(users).where(eq(users.username, "GYN901"));
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(password);
    const audit = await json(await api.call("admin", "GET", `/api/v1/audit?entityId=${stored?.id}&limit=10`));
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: "user.create",
        username: "admin",
        after: expect.objectContaining({ username: "GYN901", oneTimePassword: true }),
      }),
    ]);
    expect(JSON.stringify(audit.items)).not.toContain(password);
    const again = await issue(township.id);
    expect(again.headers.get("x-accounts-created")).toBe("0");
    const rerun = (await readWorkbook(await again.arrayBuffer())).get("账号") ?? [];
    expect(rerun.slice(1).map((r) => r[1])).not.toContain("GYN901");
  });

  it("refuses unknown townships and anyone but the admin", async () => {
    const bad = await expectStatus(await issue(2147483000), 400);
    expect(bad.error.details).toMatchObject([{ path: "townshipId", message: expect.any(String) }]);
    await expectStatus(await issue("x"), 400);
    for (const caller of ["assessor", "xz01", "GY0101", "viewer"])
      await expectStatus(await issue(1, caller), 403);
    const none: Json = await expectStatus(
      await api.call(null, "POST", "/api/v1/users/staff-accounts", {}),
      401,
    );
    expect(none.error.code).toBeDefined();
  });
});

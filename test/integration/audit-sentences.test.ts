import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { people } from "../../src/db/schema/org";
import { readWorkbook } from "../fixtures/workbook-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The audit log as sentences (issue 18): who, what, about whom, before → after, why; filters by kind and user;
// exportable.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => new Date("2026-03-02T14:05:00+08:00") });
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<Record<string, any>>;

describe("the audit log as sentences", () => {
  it("tells a change as a sentence with before → after and the reason", async () => {
    const [person] = await handle.db.select().from(people).where(eq(people.employeeNo, "GY0101"));
    const res = await api.call("admin", "PATCH", `/api/v1/people/${person?.id}`, {
      position: "副所长",
      reason: "岗位调整",
    });
    expect(res.status).toBe(200);
    const body = await json(
      await api.call("assessor", "GET", `/api/v1/audit?personId=${person?.id}&kind=person`),
    );
    const [entry] = body.items;
    expect(entry.sentence).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 系统管理员 系统管理员 将 GY0101 周琼秀 职务由 所长 改为 副所长（修改人员信息），理由：岗位调整$/,
    );
    expect(entry.changes).toEqual([{ field: "职务", before: "所长", after: "副所长" }]);
    expect(entry).toMatchObject({ actionLabel: "修改人员信息", subject: "GY0101 周琼秀" });
  });

  it("filters by kind and by user from the pickers, and refuses a bad kind naming the field", async () => {
    const filters = await json(await api.call("assessor", "GET", "/api/v1/audit/filters"));
    expect(filters.kinds).toContainEqual({ kind: "sheet", label: "考核表" });
    const [admin] = await handle.db.select().from(users).where(eq(users.username, "admin"));
    expect(filters.users).toContainEqual({ id: admin?.id, username: "admin" });
    const personOnly = await json(await api.call("admin", "GET", "/api/v1/audit?kind=person&limit=200"));
    expect(personOnly.total).toBeGreaterThan(0);
    for (const e of personOnly.items) expect(e.action.startsWith("person.")).toBe(true);
    const none = await json(await api.call("admin", "GET", "/api/v1/audit?kind=person.retire"));
    expect(none.total).toBe(0);
    const byAdmin = await json(await api.call("admin", "GET", `/api/v1/audit?userId=${admin?.id}`));
    for (const e of byAdmin.items) expect(e.userId).toBe(admin?.id);
    const bad = await api.call("admin", "GET", "/api/v1/audit?kind=DROP%20TABLE");
    expect(bad.status).toBe(400);
    const detail = (await json(bad)).error.details[0];
    expect(detail.path).toBe("kind");
    expect(detail.message).toMatch(/变更类别.*kind/);
    expect((await api.call("viewer", "GET", "/api/v1/audit/filters")).status).toBe(403);
  });

  it("exports the filtered log as .xlsx sentences that LibreOffice reads back", async () => {
    const res = await api.call("admin", "GET", "/api/v1/audit/export?kind=person");
    expect(res.status).toBe(200);
    const rows = (await readWorkbook(await res.arrayBuffer())).get("审计日志") ?? [];
    expect(rows[0]).toEqual(["时间", "操作人", "操作", "对象", "记录", "修改前", "修改后", "理由"]);
    const change = rows.find((row) => row[3] === "GY0101 周琼秀" && row[2] === "修改人员信息");
    expect(change?.slice(5)).toEqual(["职务：所长", "职务：副所长", "岗位调整"]);
    expect((await api.call(null, "GET", "/api/v1/audit/export")).status).toBe(401);
    expect((await api.call("xz01", "GET", "/api/v1/audit/export")).status).toBe(403);
  });
});

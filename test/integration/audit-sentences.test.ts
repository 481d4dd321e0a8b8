import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/auth";
import { people } from "../../src/db/schema/org";
import { readWorkbook } from "../fixtures/workbook-read";
import { problemsOf, useTestApp } from "../support/use-test-app";

// The audit log as sentences (issue 18): who, what, about whom, before → after, why; filters by kind and user;
// exportable.

const t = useTestApp({ deps: { clock: () => new Date("2026-03-02T14:05:00+08:00") } });

describe("the audit log as sentences", () => {
  it("tells a change as a sentence with before → after and the reason", async () => {
    const [person] = await t.db.select().from(people).where(eq(people.employeeNo, "GY0101"));
    const id = String(person?.id);
    const res = await (await t.as("admin")).people[":id"].$patch({
      param: { id },
      json: { position: "副所长", reason: "岗位调整" },
    });
    expect(res.status).toBe(200);
    const audit = (await t.as("assessor")).audit;
    const body = await (await audit.$get({ query: { personId: id, kind: "person" } })).json();
    const [entry] = body.items;
    expect(entry?.sentence).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 系统管理员 系统管理员 将 GY0101 周琼秀 职务由 所长 改为 副所长（修改人员信息），理由：岗位调整$/,
    );
    expect(entry?.changes).toEqual([{ field: "职务", before: "所长", after: "副所长" }]);
    expect(entry).toMatchObject({ actionLabel: "修改人员信息", subject: "GY0101 周琼秀" });
  });

  it("filters by kind and by user from the pickers, and refuses a bad kind naming the field", async () => {
    const filters = await (await (await t.as("assessor")).audit.filters.$get()).json();
    expect(filters.kinds).toContainEqual({ kind: "sheet", label: "考核表" });
    const [admin] = await t.db.select().from(users).where(eq(users.username, "admin"));
    expect(filters.users).toContainEqual({ id: admin?.id, username: "admin" });
    const audit = (await t.as("admin")).audit;
    const personOnly = await (await audit.$get({ query: { kind: "person", limit: "200" } })).json();
    expect(personOnly.total).toBeGreaterThan(0);
    for (const e of personOnly.items) expect(e.action.startsWith("person.")).toBe(true);
    const none = await (await audit.$get({ query: { kind: "person.retire" } })).json();
    expect(none.total).toBe(0);
    const byAdmin = await (await audit.$get({ query: { userId: String(admin?.id) } })).json();
    for (const e of byAdmin.items) expect(e.userId).toBe(admin?.id);
    const bad = await audit.$get({ query: { kind: "DROP TABLE" } });
    expect(bad.status).toBe(400);
    const [detail] = await problemsOf(bad);
    expect(detail?.path).toBe("kind");
    expect(detail?.message).toMatch(/变更类别.*kind/);
    expect((await (await t.as("viewer")).audit.filters.$get()).status).toBe(403);
  });

  it("exports the filtered log as .xlsx sentences that LibreOffice reads back", async () => {
    const res = await (await t.as("admin")).audit.export.$get({ query: { kind: "person" } });
    expect(res.status).toBe(200);
    const rows = (await readWorkbook(await res.arrayBuffer())).get("审计日志") ?? [];
    expect(rows[0]).toEqual(["时间", "操作人", "操作", "对象", "记录", "修改前", "修改后", "理由"]);
    const change = rows.find((row) => row[3] === "GY0101 周琼秀" && row[2] === "修改人员信息");
    expect(change?.slice(5)).toEqual(["职务：所长", "职务：副所长", "岗位调整"]);
    expect((await (await t.as(null)).audit.export.$get({ query: {} })).status).toBe(401);
    expect((await (await t.as("xz01")).audit.export.$get({ query: {} })).status).toBe(403);
  });
});

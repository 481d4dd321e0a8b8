import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { people, townships } from "../../src/db/schema/org";
import { periods } from "../../src/db/schema/period";
import { sheets } from "../../src/db/schema/sheet";
import { readWorkbook } from "../fixtures/workbook-read";
import { problemsOf, useTestApp } from "../support/use-test-app";

// Period control (issue 18): progress per township, the 催报 list with what is missing and the days left, its
// .xlsx, the township's own view, and the to-do counts in each role's navigation.

// Two days after the 2026 period's self-report deadline (2027-01-10).
const NOW = new Date("2027-01-12T10:00:00+08:00");

const t = useTestApp({ deps: { clock: () => NOW } });
let periodId: number;
/** The period's id as its path parameter. */
const param = () => ({ id: String(periodId) });

beforeAll(async () => {
  const [period] = await t.db
    .select()
    .from(periods)
    .where(and(eq(periods.year, 2026), eq(periods.kind, "annual")));
  if (!period) throw new Error("no 2026 period");
  periodId = period.id;
});

async function townshipId(name: string) {
  const [row] = await t.db.select({ id: townships.id }).from(townships).where(eq(townships.name, name));
  if (!row) throw new Error(name);
  return row.id;
}

async function personIdOf(employeeNo: string) {
  const [row] = await t.db.select({ id: people.id }).from(people).where(eq(people.employeeNo, employeeNo));
  if (!row) throw new Error(employeeNo);
  return row.id;
}

describe("period control", () => {
  it("counts each township's sheets, late ones apart, and lists who has to act with days left", async () => {
    const yangliu = await townshipId("杨柳乡");
    // 杨柳乡 got ten more days; GY0102 has submitted (the township has to review); GY0101 has a phone.
    const admin = await t.as("admin");
    const extension = await admin.periods[":id"].extensions.$post({
      param: param(),
      json: {
        townshipId: yangliu,
        selfReportDeadline: "2027-01-20",
        reviewDeadline: "2027-01-25",
        reason: "山区乡镇，网络中断",
      },
    });
    expect(extension.status).toBe(201);
    await t.db
      .update(sheets)
      .set({ status: "submitted", submittedAt: NOW })
      .where(and(eq(sheets.periodId, periodId), eq(sheets.personId, await personIdOf("GY0102"))));
    const gy0101 = await personIdOf("GY0101");
    await admin.people[":id"].$patch({ param: { id: String(gy0101) }, json: { phone: "13900000101" } });

    const res = await admin.periods[":id"].control.$get({ param: param(), query: {} });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.today).toBe("2027-01-12");
    expect(body.townships).toHaveLength(26);
    const first = body.townships[0];
    expect(first).toMatchObject({ submitted: 1, reviewed: 0, scored: 0, exempt: 0 });
    expect(first?.overdueSubmit).toBe((first?.total ?? 0) - 1);
    const yang = body.townships.find((township) => township.townshipId === yangliu);
    expect(yang?.overdueSubmit).toBe(0);

    const reminder = (employeeNo: string) => {
      const found = body.reminders.find((r) => r.employeeNo === employeeNo);
      if (!found) throw new Error(`no reminder for ${employeeNo}`);
      return found;
    };
    expect(reminder("GY0101")).toMatchObject({
      stage: "submit",
      phone: "13900000101",
      deadline: "2027-01-10",
      daysLeft: -2,
    });
    expect(reminder("GY0101").missingValues + reminder("GY0101").missingEvidence).toBeGreaterThan(0);
    expect(reminder("GY0101").missing[0]).toMatch(/（未填报）|（缺佐证）/);
    expect(reminder("GY0102")).toMatchObject({ stage: "review", deadline: "2027-01-20", daysLeft: 8 });
    const yangliuPeople = body.reminders.filter((r) => r.townshipId === yangliu);
    expect(yangliuPeople.length).toBeGreaterThan(0);
    for (const r of yangliuPeople) expect(r).toMatchObject({ deadline: "2027-01-20", daysLeft: 8 });
  });

  it("gives a township account its own township only, whatever it asks for", async () => {
    const other = await townshipId("杨柳乡");
    const control = async (user: string) => (await t.as(user)).periods[":id"].control;
    const res = await (await control("xz01")).$get({ param: param(), query: { townshipId: String(other) } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.townships.map((township) => township.name)).toEqual(["龙潭街道"]);
    expect(new Set(body.reminders.map((r) => r.townshipName))).toEqual(new Set(["龙潭街道"]));
    expect((await (await control("viewer")).$get({ param: param(), query: {} })).status).toBe(403);
    expect((await (await control("GY0101")).$get({ param: param(), query: {} })).status).toBe(403);
    const missing = await (await control("admin")).$get({ param: { id: "999999" }, query: {} });
    expect(missing.status).toBe(404);
    const bad = await (await control("admin")).$get({ param: param(), query: { townshipId: "x" } });
    expect((await problemsOf(bad))[0]?.path).toBe("townshipId");
  });

  it("exports the 催报 list as .xlsx that LibreOffice reads back", async () => {
    const res = await (await t.as("xz01")).periods[":id"].control.export.$get({ param: param(), query: {} });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("龙潭街道_催报名单");
    const rows = (await readWorkbook(await res.arrayBuffer())).get("催报名单") ?? [];
    expect(rows[0]).toEqual([
      "乡镇（街道）",
      "工号",
      "姓名",
      "联系电话",
      "待办",
      "未填项数",
      "缺佐证项数",
      "缺少内容",
      "截止日期",
      "剩余天数",
    ]);
    const gy0101 = rows.find((row) => row[1] === "GY0101");
    expect(gy0101?.slice(0, 5)).toEqual([
      "龙潭街道",
      "GY0101",
      expect.any(String),
      "13900000101",
      "填报并提交",
    ]);
    expect(gy0101?.at(-1)).toBe("-2");
    expect(rows.find((row) => row[1] === "GY0102")?.[4]).toBe("乡镇审核");
  });
});

describe("to-do counts", () => {
  it("counts what waits for each role", async () => {
    const todo = async (user: string) => (await (await (await t.as(user)).me.todo.$get()).json()).items;
    expect(await todo("GY0101")).toEqual([{ key: "selfReport", count: 1, href: "/staff/self-report" }]);
    expect(await todo("GY0102")).toEqual([]);
    expect(await todo("xz01")).toEqual([{ key: "review", count: 1, href: "/township/sheets" }]);
    expect(await todo("xz02")).toEqual([]);
    // 2025 has an open 复核 and 申诉 (so it cannot be archived yet); 2026 is open past its self-report
    // deadline: starting the assessment is due.
    expect(await todo("admin")).toEqual([
      { key: "recheck", count: 1, href: "/assessor/requests" },
      { key: "appeal", count: 1, href: "/assessor/requests" },
      { key: "periodSteps", count: 1, href: "/admin/periods" },
    ]);
    expect(await todo("assessor")).toEqual([{ key: "recheck", count: 1, href: "/assessor/requests" }]);
    expect(await todo("viewer")).toEqual([]);
    expect((await (await t.as(null)).me.todo.$get()).status).toBe(401);
  });
});

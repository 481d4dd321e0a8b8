import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { counties, people } from "../../src/db/schema/org";
import { progressEntries } from "../../src/db/schema/period";
import { upload } from "../fixtures/excel-api";
import { buildWorkbook } from "../fixtures/workbooks";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import {
  createSmallPeriod,
  expectStatus,
  fillAndSubmit,
  type Json,
  json,
  review,
  type SmallPeriod,
  score,
} from "../support/year-walk";

// Issue 13, situations 4 (pro-rated targets), 5 (targets and progress), 7 and 8: the list of open 复核/申诉 and decisions that
// answer the sheet; target writes by 工号 with refusals that name people; no target or progress value
// silently rounded.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let now = new Date("2040-06-01T10:00:00+08:00");
let schemeId: number;

const at = (iso: string) => {
  now = new Date(`${iso}T10:00:00+08:00`);
};

/** The demo scheme with D4 bound to the exam score and B1 (visits, a count) whole and pro-rated for late arrivals. */
async function createScheme(): Promise<number> {
  const list = await json(await api.call("admin", "GET", "/api/v1/schemes"));
  const demo = await json(await api.call("admin", "GET", `/api/v1/schemes/${list.items.at(-1).id}`));
  const document = structuredClone(demo.document);
  document.code = "GY-REQ";
  for (const category of document.categories)
    for (const indicator of category.indicators) {
      if (indicator.code === "D4") indicator.prefill = "examScore";
      if (indicator.code === "B1") Object.assign(indicator, { decimals: 0, proRate: true });
    }
  const created = await expectStatus(await api.call("admin", "POST", "/api/v1/schemes", document), 201);
  return created.scheme.id;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  schemeId = await createScheme();
});
afterAll(() => handle.close());

/** Walks a small period to 公示: everyone reports, is passed, scored; then publishes. */
async function publishedPeriod(year: number, township: string): Promise<SmallPeriod> {
  at(`${year}-12-01`);
  const period = await createSmallPeriod(api, {
    year,
    schemeId,
    township,
    deadlines: [`${year + 1}-01-10`, `${year + 1}-01-20`, `${year + 1}-02-15`, `${year + 1}-02-28`],
  });
  for (const [i, member] of period.members.entries()) {
    await fillAndSubmit(api, member, i);
    await review(api, period, member.sheetId, "pass");
  }
  at(`${year + 1}-01-21`);
  const path = `/api/v1/periods/${period.periodId}`;
  await expectStatus(await api.call("admin", "POST", `${path}/start-assessing`, { confirm: true }), 200);
  for (const member of period.members) await score(api, member.sheetId);
  await expectStatus(await api.call("admin", "POST", `${path}/publish`), 200);
  return period;
}

async function openList(as: string, query = ""): Promise<Json> {
  return expectStatus(await api.call(as, "GET", `/api/v1/requests${query}`), 200);
}

/** A second county with its own assessor, to show the list stays within the caller's county. */
async function foreignAssessor(): Promise<string> {
  const [county] = await handle.db.insert(counties).values({ code: "NEIGHBOUR", name: "邻县" }).returning();
  await handle.db.insert(users).values({
    countyId: county?.id ?? 0,
    username: "neighbour-assessor",
    displayName: "邻县考核组",
    passwordHash: await hashPassword("kaohe-demo"),
    role: "assessor",
  });
  return "neighbour-assessor";
}

describe("7. open 复核 and 申诉 are listed for assessors and admins", () => {
  it("lists each open request with person, 工号, township, item, filed at and deadline; filters; decisions answer the sheet", async () => {
    const period = await publishedPeriod(2040, "xz03");
    const other = await publishedPeriod(2042, "xz04");
    const [first, second] = period.members;
    const [stranger] = other.members;
    if (!first || !second || !stranger) throw new Error("too few members");
    at("2041-02-01");
    const filed = await expectStatus(
      await api.call(first.employeeNo, "POST", `/api/v1/sheets/${first.sheetId}/recheck`, {
        reason: "随访人次漏计 6 人次",
        indicatorCode: "B1",
      }),
      201,
    );
    at("2041-02-02");
    await expectStatus(
      await api.call(second.employeeNo, "POST", `/api/v1/sheets/${second.sheetId}/recheck`, {
        reason: "总分有误",
      }),
      201,
    );
    at("2043-02-03");
    await expectStatus(
      await api.call(stranger.employeeNo, "POST", `/api/v1/sheets/${stranger.sheetId}/recheck`, {
        reason: "请复核",
      }),
      201,
    );
    at("2041-02-05");
    const all = await openList("assessor", `?periodId=${period.periodId}`);
    const [person] = await handle.db.select().from(people).where(eq(people.id, first.personId));
    expect(all.total).toBe(2);
    expect(all.items).toEqual([
      expect.objectContaining({
        id: filed.request.id,
        kind: "recheck",
        sheetId: first.sheetId,
        periodId: period.periodId,
        personId: first.personId,
        employeeNo: first.employeeNo,
        name: person?.name,
        townshipId: period.townshipId,
        townshipName: expect.any(String),
        indicatorCode: "B1",
        indicatorName: "随访服务人次",
        reason: "随访人次漏计 6 人次",
        filedAt: expect.stringMatching(/^2041-02-01T/),
        decideBy: "2041-02-28", // a recheck is answered by the appeal deadline, so an appeal stays possible
        overdue: false,
      }),
      expect.objectContaining({ sheetId: second.sheetId, indicatorCode: null, indicatorName: null }),
    ]);
    // Filters: period, kind, township; the admin sees the same list; the county bounds it.
    // The demo county's own period has open requests of its own: the county-wide list holds ours among them.
    const county = await openList("admin");
    expect(county.items.map((r: Json) => r.sheetId)).toEqual(
      expect.arrayContaining([first.sheetId, second.sheetId, stranger.sheetId]),
    );
    expect(county.total).toBe(county.items.length);
    expect(
      (await openList("assessor", `?townshipId=${other.townshipId}&periodId=${other.periodId}`)).items,
    ).toEqual([expect.objectContaining({ sheetId: stranger.sheetId, employeeNo: stranger.employeeNo })]);
    expect((await openList("assessor", `?kind=appeal&periodId=${period.periodId}`)).items).toEqual([]);
    const one = await openList("assessor", "?limit=1");
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(county.total);
    expect((await openList(await foreignAssessor())).items).toEqual([]);
    await expectStatus(await api.call("assessor", "GET", "/api/v1/requests?kind=review"), 400);
    for (const caller of [first.employeeNo, period.townshipUser, "viewer"])
      await expectStatus(await api.call(caller, "GET", "/api/v1/requests"), 403);
    at("2041-03-01");
    expect((await openList("assessor", `?periodId=${period.periodId}`)).items[0].overdue).toBe(true);

    // A decision answers the updated sheet.
    at("2041-02-10");
    const kept = await expectStatus(
      await api.call("assessor", "POST", `/api/v1/requests/${filed.request.id}/decide`, {
        outcome: "kept",
        reason: "随访台账已核，维持原核定",
      }),
      200,
    );
    expect(kept.sheet).toMatchObject({ id: first.sheetId, status: "published" });
    expect(kept.requests).toEqual([
      expect.objectContaining({
        kind: "recheck",
        outcome: "kept",
        decisionReason: "随访台账已核，维持原核定",
      }),
    ]);
    const appeal = await expectStatus(
      await api.call(first.employeeNo, "POST", `/api/v1/sheets/${first.sheetId}/appeal`, {
        reason: "不服复核结果",
        indicatorCode: "B1",
      }),
      201,
    );
    const appeals = await openList("admin", `?kind=appeal&periodId=${period.periodId}`);
    expect(appeals.items).toEqual([
      expect.objectContaining({ id: appeal.request.id, kind: "appeal", decideBy: null, overdue: false }),
    ]);
    const b1 = kept.items.find((i: Json) => i.code === "B1");
    const upheld = await expectStatus(
      await api.call("admin", "POST", `/api/v1/requests/${appeal.request.id}/decide`, {
        outcome: "upheld",
        reason: "申诉成立，补计 6 人次",
        items: [{ code: "B1", value: (b1.verifiedValue ?? b1.selfValue) + 6 }],
      }),
      200,
    );
    expect(upheld.sheet.status).toBe("published");
    expect(upheld.items.find((i: Json) => i.code === "B1")).toMatchObject({
      verifiedValue: (b1.verifiedValue ?? b1.selfValue) + 6,
      changeReason: "申诉成立，补计 6 人次",
    });
    expect((await openList("admin", `?kind=appeal&periodId=${period.periodId}`)).items).toEqual([]);
  }, 180_000); // two periods walked to 公示 through the API on a loaded machine
});

describe("8. target writes name people by 工号", () => {
  let period: SmallPeriod;
  beforeAll(async () => {
    at("2044-06-01");
    period = await createSmallPeriod(api, {
      year: 2044,
      schemeId,
      township: "xz05",
      deadlines: ["2045-01-10", "2045-01-20", "2045-02-15", "2045-02-28"],
    });
  });

  async function targetOf(personId: number, code: string) {
    const res = await json(
      await api.call("admin", "GET", `/api/v1/periods/${period.periodId}/targets?personId=${personId}`),
    );
    return res.items.find((t: Json) => t.indicatorCode === code)?.value;
  }

  it("accepts employeeNo as well as personId, exactly one of them", async () => {
    const [a, b] = period.members;
    if (!a || !b) throw new Error("too few members");
    const path = `/api/v1/periods/${period.periodId}/targets`;
    await expectStatus(
      await api.call("admin", "PUT", path, {
        reason: "按辖区人口调整",
        items: [
          { employeeNo: a.employeeNo, indicatorCode: "B1", value: 260 },
          { personId: b.personId, indicatorCode: "B1", value: 230 },
        ],
      }),
      200,
    );
    expect(await targetOf(a.personId, "B1")).toBe(260);
    expect(await targetOf(b.personId, "B1")).toBe(230);
    const both = await expectStatus(
      await api.call("admin", "PUT", path, {
        reason: "x",
        items: [
          { personId: a.personId, employeeNo: a.employeeNo, indicatorCode: "B1", value: 1 },
          { indicatorCode: "B1", value: 1 },
        ],
      }),
      400,
    );
    expect(both.error.details.map((d: Json) => d.path)).toEqual(["items[0].personId", "items[1].personId"]);
    expect(await targetOf(a.personId, "B1")).toBe(260);
  });

  it("refuses unknown people, people without a sheet and people of another township, naming them by 工号 and name", async () => {
    const [a] = period.members;
    if (!a) throw new Error("no members");
    const [outsider] = await handle.db.select().from(people).where(eq(people.employeeNo, "GY0101"));
    if (!outsider) throw new Error("no GY0101 in the demo county");
    const [insider] = await handle.db
      .select({ name: people.name })
      .from(people)
      .where(eq(people.id, a.personId));
    const path = `/api/v1/periods/${period.periodId}/targets`;
    const refused = await expectStatus(
      await api.call("admin", "PUT", path, {
        reason: "调整",
        items: [
          { employeeNo: "GY9999", indicatorCode: "B1", value: 200 },
          { employeeNo: outsider.employeeNo, indicatorCode: "B1", value: 200 },
          { employeeNo: a.employeeNo, indicatorCode: "C2", value: 80 },
        ],
      }),
      400,
    );
    const category = period.members[0]?.category;
    expect(refused.error.details).toEqual([
      { path: "items[0].employeeNo", message: expect.stringContaining("GY9999") },
      {
        path: "items[1].employeeNo",
        message: expect.stringContaining(`${outsider.employeeNo} ${outsider.name}`),
      },
      ...(category === "reassigned"
        ? [
            {
              path: "items[2].indicatorCode",
              message: expect.stringContaining(`${a.employeeNo} ${insider?.name}`),
            },
          ]
        : []),
    ]);
    const crossTownship = await expectStatus(
      await api.call("xz06", "PUT", path, {
        reason: "调整",
        items: [{ employeeNo: a.employeeNo, indicatorCode: "B1", value: 200 }],
      }),
      400,
    );
    expect(crossTownship.error.details).toEqual([
      { path: "items[0].employeeNo", message: expect.stringContaining(`${a.employeeNo} ${insider?.name}`) },
    ]);
  });
});

describe("5. targets and progress keep exactly what was entered", () => {
  let period: SmallPeriod;
  beforeAll(async () => {
    at("2046-06-15");
    period = await createSmallPeriod(api, {
      year: 2046,
      schemeId,
      township: "xz07",
      deadlines: ["2047-01-10", "2047-01-20", "2047-02-15", "2047-02-28"],
    });
  });

  it("refuses a target with more decimals than the indicator takes (JSON and Excel), naming the field or row", async () => {
    const [a] = period.members;
    if (!a) throw new Error("no members");
    const path = `/api/v1/periods/${period.periodId}/targets`;
    const refused = await expectStatus(
      await api.call("admin", "PUT", path, {
        reason: "调整",
        items: [
          { personId: a.personId, indicatorCode: "A1", value: 95.5 },
          { personId: a.personId, indicatorCode: "A3", value: 97.12345 },
          { personId: a.personId, indicatorCode: "B1", value: 240.5 }, // B1 takes whole visits
        ],
      }),
      400,
    );
    expect(refused.error.details).toEqual([
      { path: "items[1].value", message: expect.stringContaining("2") },
      { path: "items[2].value", message: expect.stringContaining("0") },
    ]);
    await expectStatus(
      await api.call("admin", "PUT", path, {
        reason: "调整",
        items: [{ personId: a.personId, indicatorCode: "A3", value: 97.25 }],
      }),
      200,
    );
    const a3 = (await json(await api.call("admin", "GET", `${path}?personId=${a.personId}`))).items.find(
      (t: Json) => t.indicatorCode === "A3",
    );
    expect(a3.value).toBe(97.25);

    const township = await expectStatus(
      await api.call("admin", "PUT", `/api/v1/periods/${period.periodId}/township-targets`, {
        townshipId: period.townshipId,
        indicatorCode: "B1",
        value: 1500.5,
      }),
      400,
    );
    expect(township.error.details).toEqual([{ path: "value", message: expect.stringContaining("0") }]);

    const file = await buildWorkbook([
      {
        name: "目标",
        rows: [
          ["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"],
          [a.employeeNo, null, "A1", null, 96.123, null],
          [a.employeeNo, null, "B1", null, 250, null],
        ],
      },
    ]);
    const excel = await upload(api, "admin", "targets", file, {
      periodId: period.periodId,
      reason: "年中调整",
    });
    expect(excel.status).toBe(400);
    expect(excel.body.error.details).toEqual([
      { path: "row 2, 目标值", message: expect.stringContaining("2") },
    ]);
  });

  it("refuses progress with more decimals (JSON and Excel); what is stored equals what was entered", async () => {
    const [a] = period.members;
    if (!a) throw new Error("no members");
    const path = `/api/v1/periods/${period.periodId}/progress`;
    const refused = await expectStatus(
      await api.call(a.employeeNo, "PUT", path, {
        entries: [
          { indicatorCode: "A1", month: 3, value: 81.99999 },
          { indicatorCode: "B1", month: 3, value: 60.5 },
          { indicatorCode: "A3", month: 3, value: 90.25 },
        ],
      }),
      400,
    );
    expect(refused.error.details).toEqual([
      { path: "entries[0].value", message: expect.stringContaining("5") },
      { path: "entries[1].value", message: expect.stringContaining("0") },
    ]);
    await expectStatus(
      await api.call(a.employeeNo, "PUT", path, {
        entries: [
          { indicatorCode: "A1", month: 3, value: 81.99 },
          { indicatorCode: "B1", month: 3, value: 61 },
        ],
      }),
      200,
    );
    const stored = await handle.db
      .select({ value: progressEntries.value })
      .from(progressEntries)
      .where(and(eq(progressEntries.periodId, period.periodId), eq(progressEntries.personId, a.personId)));
    expect(stored.map((s) => s.value).sort()).toEqual([61, 81.99]);

    const file = await buildWorkbook([
      {
        name: "进度",
        rows: [
          ["工号", "姓名", "指标编码", "指标名称", "月份", "累计完成值", "备注"],
          [a.employeeNo, null, "A1", null, 4, 82.5, null],
          [a.employeeNo, null, "B1", null, 4, 120.25, null],
        ],
      },
    ]);
    const excel = await upload(api, "admin", "progress", file, { periodId: period.periodId });
    expect(excel.status).toBe(400);
    expect(excel.body.error.details).toEqual([
      { path: "row 3, 累计完成值", message: expect.stringContaining("0") },
    ]);
  });
});

describe("4. a late arrival's targets are pro-rated where the scheme asks", () => {
  it("gives a July arrival 6/12 of a pro-rated target, rounded to its decimals; rates keep theirs; audited", async () => {
    at("2048-06-01");
    const period = await createSmallPeriod(api, {
      year: 2048,
      schemeId,
      township: "xz08",
      deadlines: ["2049-01-10", "2049-01-20", "2049-02-15", "2049-02-28"],
    });
    const [resident] = period.members;
    if (!resident) throw new Error("no members");
    const [newcomer] = await handle.db.select().from(people).where(eq(people.employeeNo, "GY0101"));
    if (!newcomer) throw new Error("no GY0101");
    const targetsOf = async (personId: number) =>
      Object.fromEntries(
        (
          await json(
            await api.call("admin", "GET", `/api/v1/periods/${period.periodId}/targets?personId=${personId}`),
          )
        ).items.map((t: Json) => [t.indicatorCode, t]),
      );
    const full = await targetsOf(resident.personId);
    at("2048-07-15");
    const added = await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/people`, { personId: newcomer.id }),
      201,
    );
    const share = Math.round((full.B1.value * 6) / 12); // B1 takes whole numbers; half-up
    expect(added.proRated).toEqual([{ code: "B1", target: full.B1.value, value: share, months: 6 }]);
    const mine = await targetsOf(newcomer.id);
    expect(mine.B1).toMatchObject({ value: share, source: "override", reason: expect.stringContaining("6") });
    expect(mine.A1).toMatchObject({ value: full.A1.value, source: "default" }); // a rate is not pro-rated
    const audit = await json(
      await api.call("admin", "GET", `/api/v1/audit?entityId=${added.sheetId}&limit=10`),
    );
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: "period.add_person",
        after: expect.objectContaining({ proRated: added.proRated }),
      }),
    ]);
  });
});

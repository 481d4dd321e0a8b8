import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { periodDataVersions } from "../../src/db/schema/report-cache";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import {
  createExamBoundScheme,
  createSmallPeriod,
  expectStatus,
  fillAndSubmit,
  type Json,
  review,
  type SmallPeriod,
  score,
  sheetOf,
} from "../support/year-walk";

// Reports computed once per change (docs/decisions/21-01-report-cache.md): a cached answer is served until the
// period's data change, and every kind of write that changes what a report shows changes the next answer.
// Each write below is made between two reads of the same report by the same reader (the first read stores
// the answer in the cache, so a stale cache would answer the second read with it).

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let small: SmallPeriod;
const NOW = new Date("2030-11-29T10:00:00+08:00");

const reports = (periodId: number) => `/api/v1/reports/periods/${periodId}`;

/** Reads a report twice: the second answer comes from the cache and must be the same, with the same ETag. */
async function read(who: string, path: string): Promise<{ body: Json; etag: string }> {
  const first = await api.call(who, "GET", path);
  const body = await expectStatus(first, 200);
  const again = await api.call(who, "GET", path);
  expect(await again.json()).toEqual(body);
  const etag = first.headers.get("etag") ?? "";
  expect(etag).not.toBe("");
  expect(again.headers.get("etag")).toBe(etag);
  return { body, etag };
}

const member = (index: number) => {
  const found = small.members[index];
  if (!found) throw new Error(`no member ${index}`);
  return found;
};
const dashboard = () => read("admin", `${reports(small.periodId)}/dashboard`);
const personal = (index: number, who = "admin") =>
  read(who, `${reports(small.periodId)}/people/${member(index).personId}`);
const itemOf = (report: Json, code: string) => report.items.find((item: Json) => item.code === code);

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => NOW });
  const schemeId = await createExamBoundScheme(api, "GY-CACHE");
  small = await createSmallPeriod(api, {
    year: 2030,
    schemeId,
    township: "xz02",
    deadlines: ["2030-12-01", "2030-12-15", "2031-01-15", "2031-02-15"],
  });
  expect(small.members.length).toBeGreaterThanOrEqual(3);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("cached reports", () => {
  it("answer 304 to a reader who holds the current answer, and 200 with a new ETag after a change", async () => {
    const m0 = member(0);
    const path = `${reports(small.periodId)}/people/${m0.personId}`;
    const { etag } = await personal(0);
    const cookie = await api.cookieFor("admin");
    const repeat = await api.app.request(path, { headers: { cookie, "if-none-match": etag } });
    expect(repeat.status).toBe(304);
    expect(await repeat.text()).toBe("");
    expect(repeat.headers.get("etag")).toBe(etag);
    expect(repeat.headers.get("cache-control")).toBe("private, no-cache");

    const view = await sheetOf(api, m0.sheetId, m0.employeeNo);
    await expectStatus(
      await api.call(m0.employeeNo, "PATCH", `/api/v1/sheets/${m0.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "B1", value: 7 }],
      }),
      200,
    );
    const changed = await api.app.request(path, { headers: { cookie, "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(itemOf(await changed.json(), "B1").selfValue).toBe(7);
  });

  it("a self-report save changes the personal report", async () => {
    const m0 = member(0);
    const before = await personal(0);
    const view = await sheetOf(api, m0.sheetId, m0.employeeNo);
    await expectStatus(
      await api.call(m0.employeeNo, "PATCH", `/api/v1/sheets/${m0.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "B1", value: 4321 }],
      }),
      200,
    );
    const after = await personal(0);
    expect(itemOf(before.body, "B1").selfValue).not.toBe(4321);
    expect(itemOf(after.body, "B1").selfValue).toBe(4321);
    expect(after.etag).not.toBe(before.etag);
  });

  it("a submission changes the dashboard's progress", async () => {
    const before = await dashboard();
    await fillAndSubmit(api, member(0), 0);
    const after = await dashboard();
    expect(after.body.progress.submitted).toBe(before.body.progress.submitted + 1);
  });

  it("a township review changes the dashboard's progress", async () => {
    const before = await dashboard();
    await review(api, small, member(0).sheetId, "pass");
    const after = await dashboard();
    expect(after.body.progress.reviewed).toBe(before.body.progress.reviewed + 1);
  });

  it("monthly progress changes the personal report and the dashboard's trend", async () => {
    const m1 = member(1);
    const before = await personal(1);
    const trendBefore = await dashboard();
    await expectStatus(
      await api.call(m1.employeeNo, "PUT", `/api/v1/periods/${small.periodId}/progress`, {
        entries: [{ indicatorCode: "B1", month: 3, value: 55 }],
      }),
      200,
    );
    const after = await personal(1);
    const series = after.body.progress.find((row: Json) => row.code === "B1");
    expect(series.months).toEqual([expect.objectContaining({ month: 3, value: 55 })]);
    expect(before.body.progress.find((row: Json) => row.code === "B1")).toBeUndefined();
    const trendAfter = await dashboard();
    expect(trendAfter.body.trend).not.toEqual(trendBefore.body.trend);
  });

  it("a target changes the personal report", async () => {
    const before = await personal(1);
    await expectStatus(
      await api.call("admin", "PUT", `/api/v1/periods/${small.periodId}/targets`, {
        reason: "缓存测试：调整目标",
        items: [{ personId: member(1).personId, indicatorCode: "B1", value: 987 }],
      }),
      200,
    );
    const after = await personal(1);
    expect(itemOf(before.body, "B1").target).not.toBe(987);
    expect(itemOf(after.body, "B1").target).toBe(987);
  });

  it("an exemption (不参加本期考核) changes the dashboard's counts", async () => {
    const before = await dashboard();
    const m2 = member(2);
    const view = await sheetOf(api, m2.sheetId);
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${m2.sheetId}/exempt`, {
        version: view.sheet.version,
        category: "sick_leave",
        reason: "病假",
      }),
      200,
    );
    const after = await dashboard();
    expect(after.body.progress.total).toBe(before.body.progress.total - 1);
  });

  it("a period transition changes the dashboard", async () => {
    const before = await dashboard();
    expect(before.body.period.status).toBe("open");
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${small.periodId}/start-assessing`, { confirm: true }),
      200,
    );
    const after = await dashboard();
    expect(after.body.period.status).toBe("assessing");
  });

  it("scoring (the period's recomputation) changes the provisional ranking and the dashboard", async () => {
    const before = await dashboard();
    const rankingBefore = await read("admin", `${reports(small.periodId)}/townships`);
    await score(api, member(0).sheetId);
    const after = await dashboard();
    expect(after.body.progress.scored).toBe(before.body.progress.scored + 1);
    const rankingAfter = await read("admin", `${reports(small.periodId)}/townships`);
    expect(rankingBefore.body.items).toEqual([]);
    expect(rankingAfter.body.items.map((row: Json) => row.townshipId)).toEqual([small.townshipId]);
  });

  it("a 预否决 decision moves the period's data version (the published ranking shows it)", async () => {
    // Before 公示 the ranking is provisional and shows no 预否决, so the decision is seen through the version
    // the cache is keyed by (drizzle/0012_township_report_version.sql).
    const version = async () => {
      const [row] = await handle.db
        .select({ version: periodDataVersions.version })
        .from(periodDataVersions)
        .where(eq(periodDataVersions.periodId, small.periodId));
      return Number(row?.version ?? 0);
    };
    const ranking = await read("admin", `${reports(small.periodId)}/townships`);
    const row = ranking.body.items.find((item: Json) => item.townshipId === small.townshipId);
    expect(row).toBeDefined();
    const before = await version();
    const list = await api.call("admin", "GET", `/api/v1/periods/${small.periodId}/pre-veto`);
    const proposed = (await expectStatus(list, 200)).items.find(
      (item: Json) => item.townshipId === small.townshipId,
    );
    // Whatever the engine proposed for the only ranked township, the admin decides the other way.
    const decision = proposed.proposed ? "remove" : "add";
    const decided = await api.call("admin", "POST", `/api/v1/periods/${small.periodId}/pre-veto`, {
      townshipId: small.townshipId,
      decision,
      reason: "领导小组研究决定",
    });
    expect((await expectStatus(decided, 200)).item.decided).toBe(!proposed.proposed);
    expect(await version()).toBeGreaterThan(before);
  });

  it("a deadline change changes the dashboard's late lists", async () => {
    const before = await dashboard();
    await expectStatus(
      await api.call("admin", "PATCH", `/api/v1/periods/${small.periodId}/deadlines`, {
        appealDeadline: "2031-03-31",
        reviewDeadline: "2030-12-20",
        reason: "缓存测试：延长",
      }),
      200,
    );
    const after = await dashboard();
    expect(before.body.progress.overdue.review.deadline).toBe("2030-12-15");
    expect(after.body.progress.overdue.review.deadline).toBe("2030-12-20");
  });

  it("an account rename changes the reviewer named in the personal report", async () => {
    const before = await personal(0);
    const users = await expectStatus(await api.call("admin", "GET", "/api/v1/users?limit=500"), 200);
    const township = users.items.find((user: Json) => user.username === small.townshipUser);
    await expectStatus(
      await api.call("admin", "PATCH", `/api/v1/users/${township.id}`, { displayName: "缓存测试审核人" }),
      200,
    );
    const after = await personal(0);
    expect(before.body.reviews.map((r: Json) => r.reviewer)).not.toContain("缓存测试审核人");
    expect(after.body.reviews.map((r: Json) => r.reviewer)).toContain("缓存测试审核人");
  });

  it("a decision on a 复核 changes the personal report", async () => {
    const open = await expectStatus(await api.call("assessor", "GET", "/api/v1/requests?kind=recheck"), 200);
    const request = open.items[0];
    expect(request).toBeDefined();
    const path = `/api/v1/reports/periods/${request.periodId}/people/${request.personId}`;
    const before = await read("admin", path);
    await expectStatus(
      await api.call("assessor", "POST", `/api/v1/requests/${request.id}/decide`, {
        outcome: "kept",
        reason: "缓存测试：维持原评分",
      }),
      200,
    );
    const after = await read("admin", path);
    const outcomes = (body: Json) => body.requests.map((r: Json) => r.outcome);
    expect(outcomes(before.body)).toContain(null);
    expect(outcomes(after.body)).toContain("kept");
    expect(outcomes(after.body)).not.toContain(null);
  });
});

describe("cached reports keep their scope", () => {
  it("a township account never gets another township's cached person ranking or township report", async () => {
    const periods = await expectStatus(await api.call("admin", "GET", "/api/v1/periods"), 200);
    const published = periods.items.find((p: Json) => p.status === "published" && p.kind === "annual").id;
    const own = async (username: string) =>
      (await expectStatus(await api.call(username, "GET", "/api/v1/auth/me"), 200)).user.scope.township.id;
    const [t02, t03] = [await own("xz02"), await own("xz03")];
    const first = await read("xz02", `${reports(published)}/people`);
    const second = await read("xz03", `${reports(published)}/people`);
    expect(new Set(first.body.items.map((row: Json) => row.townshipId))).toEqual(new Set([t02]));
    expect(new Set(second.body.items.map((row: Json) => row.townshipId))).toEqual(new Set([t03]));
    // Asking for the other township is refused, whatever the cache holds.
    await read("xz02", `${reports(published)}/townships/${t02}`);
    await expectStatus(await api.call("xz03", "GET", `${reports(published)}/townships/${t02}`), 403);
    await expectStatus(await api.call("xz03", "GET", `${reports(published)}/people?townshipId=${t02}`), 403);
  });

  it("staff never get another person's cached personal report", async () => {
    await personal(0, member(0).employeeNo);
    await expectStatus(
      await api.call(member(1).employeeNo, "GET", `${reports(small.periodId)}/people/${member(0).personId}`),
      404,
    );
  });

  it("a reader who may not see provisional results never gets the assessors' cached answer", async () => {
    const assessors = await read("admin", `${reports(small.periodId)}/dashboard`);
    expect(assessors.body.results).toBe("provisional");
    const viewer = await read("viewer", `${reports(small.periodId)}/dashboard`);
    expect(viewer.body.results).toBe("none");
    expect(viewer.body.townships).toBeNull();
    await expectStatus(await api.call("viewer", "GET", `${reports(small.periodId)}/townships`), 403);
  });
});

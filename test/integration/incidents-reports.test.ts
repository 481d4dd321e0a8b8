import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { download } from "../fixtures/excel-api";
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
  sheetOf,
} from "../support/year-walk";

// 多类扣分 after the sheet is filled in: monthly progress takes the cases to date, and the person report, the
// township report and the 考核明细 export show each kind's cases and deduction, through the API on both databases.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2030-12-01T10:00:00+08:00");
let period: SmallPeriod;

// 10 points: 错报 2 a case (上级查出 ×2), 迟报 0.2 a month late and at most 2 a case.
const c4 = {
  code: "C4",
  name: "流动人口信息通报",
  points: 10,
  appliesTo: ["station", "reassigned"],
  source: "self",
  rule: {
    type: "incidents",
    kinds: [
      { label: "错报", per: 2 },
      { label: "迟报", per: 0.2, maxPerCase: 2 },
    ],
    foundAboveFactor: 2,
  },
};

// Member 0: 错报 1 (−2) + 迟报 3 and 12 months (−0.6, −2 capped) → 5.4; the others: 错报 1 found above (−4) → 6.
const counts = (index: number) => (index === 0 ? { 错报: 1, 迟报: [3, 12] } : { "错报@上级": 1 });

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  const list = await json(await api.call("admin", "GET", "/api/v1/schemes"));
  const demo = await json(await api.call("admin", "GET", `/api/v1/schemes/${list.items.at(-1).id}`));
  const document = structuredClone(demo.document);
  document.code = "GY-INCIDENTS";
  document.categories[2].indicators.push(c4);
  const created = await expectStatus(await api.call("admin", "POST", "/api/v1/schemes", document), 201);
  period = await createSmallPeriod(api, {
    year: 2030,
    schemeId: created.scheme.id,
    township: "xz05",
    deadlines: ["2031-01-10", "2031-01-20", "2031-02-15", "2031-02-28"],
  });
});
afterAll(() => handle.close());

describe("incident kinds in monthly progress", () => {
  it("takes the cases to date of all kinds as one monthly figure", async () => {
    const member = period.members[0];
    if (!member) throw new Error("no members");
    await expectStatus(
      await api.call(member.employeeNo, "PUT", `/api/v1/periods/${period.periodId}/progress`, {
        entries: [{ indicatorCode: "C4", month: 6, value: 2 }],
      }),
      200,
    );
    const progress = await json(
      await api.call(member.employeeNo, "GET", `/api/v1/periods/${period.periodId}/progress`),
    );
    expect(progress.items.find((p: Json) => p.indicatorCode === "C4")).toMatchObject({ month: 6, value: 2 });
  });
});

describe("incident kinds in reports and exports", () => {
  beforeAll(async () => {
    for (const [i, member] of period.members.entries()) {
      const view = await sheetOf(api, member.sheetId, member.employeeNo);
      await expectStatus(
        await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
          version: view.sheet.version,
          items: [{ code: "C4", value: counts(i) }],
        }),
        200,
      );
      await fillAndSubmit(api, member, i);
      await review(api, period, member.sheetId, "pass");
    }
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/start-assessing`, {
        confirm: true,
      }),
      200,
    );
    for (const member of period.members) await score(api, member.sheetId);
  });

  it("shows each kind's cases and deduction in the person report", async () => {
    const member = period.members[0];
    if (!member) throw new Error("no members");
    const report = await expectStatus(
      await api.call(
        "assessor",
        "GET",
        `/api/v1/reports/periods/${period.periodId}/people/${member.personId}`,
      ),
      200,
    );
    const item = report.items.find((i: Json) => i.code === "C4");
    expect(item).toMatchObject({
      selfValue: { 错报: 1, 迟报: [3, 12] },
      score: 5.4,
      changed: false,
      incidents: [
        { kind: "错报", cases: 1, foundAbove: 0, deduction: 2 },
        { kind: "迟报", cases: 2, foundAbove: 0, deduction: 2.6 },
      ],
    });
  });

  it("adds up the township's cases and deductions per kind", async () => {
    const report = await expectStatus(
      await api.call(
        "assessor",
        "GET",
        `/api/v1/reports/periods/${period.periodId}/townships/${period.townshipId}`,
      ),
      200,
    );
    const others = period.members.length - 1;
    expect(report.indicators.find((i: Json) => i.code === "C4").incidents).toEqual([
      { kind: "错报", cases: 1, foundAbove: others, deduction: 2 + 4 * others },
      { kind: "迟报", cases: 2, foundAbove: 0, deduction: 2.6 },
    ]);
  });

  it("writes the kinds with their deductions into the 考核明细 workbook", async () => {
    const { res, bytes } = await download(api, "assessor", `/exports/periods/${period.periodId}/scores`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet("考核明细");
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const first = period.members[0]?.employeeNo;
    const second = period.members[1]?.employeeNo;
    const c4Row = (no: string | undefined) => rows.find((r) => r[0] === no && r[5] === "C4");
    // 核定值 stays empty where the assessor kept the reported value, as for every other indicator.
    expect(c4Row(first)?.slice(10, 13)).toEqual(["错报 1 例 扣 2、迟报 2 例 扣 2.6", undefined, 5.4]);
    expect(c4Row(second)?.slice(10, 13)).toEqual(["错报 上级查出 1 例 扣 4", undefined, 6]);
  });
});

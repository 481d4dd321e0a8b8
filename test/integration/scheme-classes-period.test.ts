import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// 分类考核 in a real period (the unit class recorded per sheet, edited by the admin with a reason and audited)
// and per-case caps (每例最高扣) through 试算 and a real sheet, on PGlite and (with DATABASE_URL) PostgreSQL.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<any>;

// 10 points. 一类: 错报 2 per case; 迟报 0.2 per month, at most 2 per case. 二类: 错报 1; 迟报 0.1, at most 1.
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
  },
  byClass: {
    二类: {
      rule: {
        type: "incidents",
        kinds: [
          { label: "错报", per: 1 },
          { label: "迟报", per: 0.1, maxPerCase: 1 },
        ],
      },
    },
  },
};

describe("每例最高扣 in 试算", () => {
  it("caps each listed case and names a count given for a capped kind", async () => {
    const scheme = structuredClone(demoScheme) as Record<string, unknown> & {
      categories: { code: string; name: string; indicators: unknown[] }[];
    };
    scheme.unitClasses = ["一类", "二类"];
    scheme.categories = [{ code: "C", name: "通报", indicators: [c4] }];
    const person = (no: string, unitClass: string, value: unknown) => ({
      employeeNo: no,
      name: no,
      township: "甲乡",
      category: "station",
      unitClass,
      values: { C4: value },
    });
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme,
      people: [
        // 10 − 2 − (0.6 + min(2.4, 2)) = 5.4
        person("P1", "一类", { 错报: 1, 迟报: [3, 12] }),
        // 10 − 1 − (0.3 + min(1.2, 1)) = 7.7
        person("P2", "二类", { 错报: 1, 迟报: [3, 12] }),
      ],
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.people.map((p: { items: unknown[] }) => p.items)).toEqual([
      [{ code: "C4", score: 5.4 }],
      [{ code: "C4", score: 7.7 }],
    ]);
    const refused = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme,
      people: [person("P1", "一类", { 迟报: 2 })],
    });
    expect(refused.status).toBe(400);
    const detail = (await json(refused)).error.details[0];
    expect(detail.path).toBe("people[0].values.C4");
    expect(detail.message).toContain("指标 C4 流动人口信息通报");
    expect(detail.message).toContain("应逐例填写数量");
  });
});

describe("quarters combined into the year in 试算", () => {
  const yearly = (quarters: number[]) => {
    const scheme = structuredClone(demoScheme) as Record<string, unknown>;
    scheme.composition = { yearFrom: { own: 0.6, quarters } };
    return scheme;
  };
  const person = (no: string, quarterTotals: (number | null)[]) => ({
    employeeNo: no,
    township: "甲乡",
    category: "reassigned",
    quarterTotals,
    values: {},
  });

  it("weighs this period's total with the quarters the person has, and reports the own total beside it", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme: yearly([0.1, 0.1, 0.1, 0.1]),
      people: [person("Q1", [80, 85, 95, 100]), person("Q2", [null, null, null, null])],
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    const [q1, q2] = body.people;
    // Nothing reported: own total 0. Q1: 0.6 × 0 + 0.1 × 360 = 36; Q2 has no quarter: its own total alone.
    expect([q1.ownTotal, q1.total]).toEqual([0, 36]);
    expect([q2.ownTotal, q2.total]).toEqual([0, 0]);
  });

  it("refuses weights that do not add up to 1, naming the field in Chinese first", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme: yearly([0.1, 0.1, 0.1, 0.2]),
      people: [],
    });
    expect(res.status).toBe(400);
    const detail = (await json(res)).error.details.find(
      (d: { code: string }) => d.code === "YEAR_WEIGHTS_SUM",
    );
    expect(detail.path).toBe("scheme.composition.yearFrom");
    expect(detail.message).toMatch(/^全年合成的权重/);
  });
});

describe("unit classes recorded on a period's sheets", () => {
  let periodId = 0;
  let sheetId = 0;

  beforeAll(async () => {
    const doc = structuredClone(demoScheme) as Record<string, unknown> & {
      code: string;
      categories: { indicators: unknown[] }[];
    };
    doc.code = "GY-2033-CLASSES";
    doc.unitClasses = ["一类", "二类"];
    doc.categories[2]?.indicators.push(c4);
    const imported = await api.call("admin", "POST", "/api/v1/schemes", doc);
    expect(imported.status).toBe(201);
    const created = await api.call("admin", "POST", "/api/v1/periods", {
      year: 2033,
      name: "2033年度",
      schemeId: (await json(imported)).scheme.id,
      selfReportDeadline: "2099-01-10",
      reviewDeadline: "2099-01-20",
      recheckDeadline: "2099-02-15",
      appealDeadline: "2099-02-28",
    });
    expect(created.status).toBe(201);
    periodId = (await json(created)).period.id;
    expect((await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`)).status).toBe(200);
    const mine = (await json(await api.call("GY0101", "GET", "/api/v1/me/sheets"))).items;
    sheetId = mine.find((s: { year: number }) => s.year === 2033).id;
    const view = await json(await api.call("GY0101", "GET", `/api/v1/sheets/${sheetId}`));
    const saved = await api.call("GY0101", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
      version: view.sheet.version,
      items: [{ code: "C4", value: { 错报: 1, 迟报: [3, 12] } }],
    });
    expect(saved.status).toBe(200);
  });

  const selfScore = async () => {
    const view = await json(await api.call("admin", "GET", `/api/v1/sheets/${sheetId}`));
    return view.items.find((i: { code: string }) => i.code === "C4");
  };

  it("lists the scheme's classes and no class at first, scoring with the base parameters", async () => {
    const res = await api.call("admin", "GET", `/api/v1/periods/${periodId}/unit-classes`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.classes).toEqual(["一类", "二类"]);
    expect(body.items.find((i: { employeeNo: string }) => i.employeeNo === "GY0101")).toMatchObject({
      unitClass: null,
    });
    expect((await selfScore()).selfScore).toBe(5.4);
  });

  it("records a class with a reason, audited, and the sheet scores with that class's parameters", async () => {
    const res = await api.call("admin", "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
      reason: "乡镇分类文件（2033）",
      items: [{ employeeNo: "GY0101", unitClass: "二类" }],
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ updated: 1 });
    expect((await selfScore()).selfScore).toBe(7.7);
    const audit = await json(
      await api.call("admin", "GET", `/api/v1/audit?entity=sheet&entityId=${sheetId}`),
    );
    expect(audit.items[0]).toMatchObject({
      action: "sheet.unit_class",
      before: { unitClass: null },
      after: { unitClass: "二类" },
      reason: "乡镇分类文件（2033）",
    });
  });

  it("refuses an unknown class, a missing reason, a stranger and a non-admin, naming the field", async () => {
    const unknown = await api.call("admin", "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
      reason: "x",
      items: [
        { employeeNo: "GY0101", unitClass: "三类" },
        { employeeNo: "NOBODY", unitClass: "一类" },
      ],
    });
    expect(unknown.status).toBe(400);
    const details = (await json(unknown)).error.details;
    expect(details).toEqual([
      { path: "items[0].unitClass", message: expect.stringContaining("一类、二类") },
      { path: "items[1].employeeNo", message: expect.stringContaining("不在本考核周期") },
    ]);
    const noReason = await api.call("admin", "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
      reason: " ",
      items: [{ employeeNo: "GY0101", unitClass: "一类" }],
    });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).error.details[0].path).toBe("reason");
    for (const who of ["assessor", "GY0101"])
      expect(
        (
          await api.call(who, "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
            reason: "x",
            items: [{ employeeNo: "GY0101", unitClass: "一类" }],
          })
        ).status,
      ).toBe(403);
    expect((await selfScore()).selfScore).toBe(7.7);
  });

  it("recomputes the stored scores when the class changes while assessing", async () => {
    const started = await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, {
      confirm: true,
    });
    expect(started.status).toBe(200);
    const res = await api.call("admin", "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
      reason: "复查后改为一类",
      items: [{ employeeNo: "GY0101", unitClass: "一类" }],
    });
    expect(res.status).toBe(200);
    expect(await selfScore()).toMatchObject({ selfScore: 5.4, score: 5.4 });
    const cleared = await api.call("admin", "PUT", `/api/v1/periods/${periodId}/unit-classes`, {
      reason: "取消分类",
      items: [{ employeeNo: "GY0101", unitClass: null }],
    });
    expect(await json(cleared)).toEqual({ updated: 1 });
    expect(await selfScore()).toMatchObject({ selfScore: 5.4, score: 5.4 });
  });
});

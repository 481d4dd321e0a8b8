import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The rule kinds and options of published 考核细则 through 试算 (POST /api/v1/schemes/preview), and the
// office-language validation and warnings, on PGlite and (with DATABASE_URL) PostgreSQL.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<any>;

const all = ["station", "reassigned"];
const scheme = {
  code: "NK-2024",
  name: "新计分方式试算方案",
  year: 2024,
  gradeBands: [
    { grade: "excellent", label: "优秀", min: 90 },
    { grade: "pass", label: "合格", min: 75 },
    { grade: "fail", label: "不合格", min: 0 },
  ],
  excellentQuota: 0.25,
  preVetoBottomN: 1,
  bonusCap: 3,
  vetoTotalBelow: 60,
  categories: [
    {
      code: "K",
      name: "新计分方式",
      indicators: [
        {
          code: "K1",
          name: "人口信息报告",
          points: 6,
          appliesTo: all,
          source: "assessor",
          rule: {
            type: "incidents",
            kinds: [
              { label: "错报", per: 2 },
              { label: "瞒报", per: 3 },
              { label: "虚报", per: 0 },
            ],
            foundAboveFactor: 2,
          },
          zeroIf: { kinds: ["虚报"] },
        },
        {
          code: "K2",
          name: "政策符合率",
          unit: "%",
          points: 10,
          target: 95,
          appliesTo: all,
          source: "self",
          rule: { type: "shortfall", direction: "higher", step: 1, deduct: 1, steps: "floor" },
          beyond: { step: 1, add: 0.1, cap: 1 },
        },
        {
          code: "K3",
          name: "出生缺陷发生率",
          points: 4,
          target: 5,
          appliesTo: all,
          source: "self",
          rule: { type: "shortfall", direction: "lower", step: 1, deduct: 2, steps: "prorata" },
          negative: { floor: -4 },
        },
        {
          code: "K4",
          name: "项目验收得分",
          points: 5,
          target: 90,
          appliesTo: all,
          source: "assessor",
          rule: { type: "threshold", direction: "atLeast" },
          zeroIf: { below: 60 },
        },
        {
          code: "K5",
          name: "违纪扣分",
          points: 5,
          appliesTo: all,
          source: "assessor",
          rule: { type: "deduction", per: 3 },
          negative: {},
        },
      ],
    },
  ],
};

const person = (employeeNo: string, township: string, values: Record<string, unknown>) => ({
  employeeNo,
  name: employeeNo,
  township,
  category: "station",
  values,
});

const people = [
  // K1 6 − 2 = 4; K2 gap 1.5 → ⌊1.5⌋ = 1 → 9; K3 gap 1.5 → 1.5 × 2 = 3 → 1; K4 5; K5 5 − 3 = 2.
  // base 21 / 30 = 70.00; total 70.00
  person("P1", "甲乡", { K1: { 错报: 1 }, K2: 93.5, K3: 6.5, K4: 95, K5: 1 }),
  // K1 6 − 2×2 − 3 = −1 → 0 (扣完为止); K2 10, beyond ⌈3.5⌉ × 0.1 = 0.4; K3 4 − 10 → floor −4;
  // K4 55 < 60 → 0 (该项不得分); K5 5 − 9 = −4 (可负分). base 2/30 = 6.67, bonus 0.4, total 7.07 < 60 → vetoed
  person("P2", "甲乡", { K1: { "错报@上级": 1, 瞒报: 1 }, K2: 98.5, K3: 10, K4: 55, K5: 3 }),
  // K1 虚报 → 0; K2 10; K3 4; K4 5; K5 5 → base 24/30 = 80.00
  person("P3", "乙镇", { K1: { 虚报: 1, 错报: 0 }, K2: 95, K3: 4, K4: 90, K5: 0 }),
  // all full; K2 beyond 25 steps × 0.1 = 2.5 → item cap 1 → base 100, bonus 1, total 101
  person("P4", "乙镇", { K1: {}, K2: 120, K3: 5, K4: 100, K5: 0 }),
];

describe("试算 with the published-rule kinds", () => {
  it("scores incidents, step modes, negative items, zeroing, beyond-target bonus and the total veto exactly", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", { scheme, people });
    expect(res.status).toBe(200);
    const body = await json(res);
    const byNo = Object.fromEntries(body.people.map((p: { employeeNo: string }) => [p.employeeNo, p]));
    expect(byNo.P1).toMatchObject({ base: 70, bonus: 0, total: 70, vetoed: false, grade: "fail", rank: 3 });
    expect(byNo.P1.items).toEqual([
      { code: "K1", score: 4 },
      { code: "K2", score: 9 },
      { code: "K3", score: 1 },
      { code: "K4", score: 5 },
      { code: "K5", score: 2 },
    ]);
    expect(byNo.P2).toMatchObject({
      base: 6.67,
      bonus: 0.4,
      total: 7.07,
      vetoed: true,
      grade: "fail",
      rank: 4,
    });
    expect(byNo.P2.items).toEqual([
      { code: "K1", score: 0 },
      { code: "K2", score: 10, extra: 0.4 },
      { code: "K3", score: -4 },
      { code: "K4", score: 0 },
      { code: "K5", score: -4 },
    ]);
    expect(byNo.P3).toMatchObject({ base: 80, total: 80, grade: "pass", rank: 2 });
    expect(byNo.P4).toMatchObject({ base: 100, bonus: 1, total: 101, grade: "excellent", rank: 1 });
    expect(body.townships).toEqual([
      expect.objectContaining({ name: "乙镇", composite: 90.5, rank: 1, preVeto: false }),
      // (70 + 7.07) / 2 = 38.535 → 38.54
      expect.objectContaining({ name: "甲乡", composite: 38.54, rank: 2, preVeto: true }),
    ]);
    expect(body.warnings).toEqual([]);
  });

  it("refuses counts of an unknown kind, naming the indicator and the kinds it takes", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme,
      people: [person("P1", "甲乡", { K1: { 漏报: 1 } })],
    });
    expect(res.status).toBe(400);
    const detail = (await json(res)).error.details.find(
      (d: { path: string }) => d.path === "people[0].values.K1",
    );
    expect(detail.message).toContain("指标 K1 人口信息报告：没有“漏报”这一类");
    expect(detail.message).toContain("错报@上级");
  });
});

const withIndicator = (patch: Record<string, unknown>) => {
  const copy = structuredClone(demoScheme) as { categories: { indicators: Record<string, unknown>[] }[] };
  const a4 = copy.categories[0]?.indicators[3];
  if (a4) Object.assign(a4, patch);
  return copy;
};

describe("validation in the office's language", () => {
  it("names the indicator and hints 0.9 for a rate band edge typed as 90, with scheme and value problems together", async () => {
    const bad = withIndicator({ rule: { type: "bands", on: "rate", bands: [{ min: 90, fraction: 1 }] } });
    const res = await api.call("admin", "POST", "/api/v1/schemes/preview", {
      scheme: { ...bad, excellentQuota: 20 },
      people: [{ ...person("P1", "甲乡", { A1: "94" }) }],
    });
    expect(res.status).toBe(400);
    const details: { path: string; message: string; code: string }[] = (await json(res)).error.details;
    const byPath = new Map(details.map((d) => [d.path, d]));
    expect(byPath.get("scheme.categories[0].indicators[3].rule.bands[0].min")?.message).toMatch(
      /^指标 A4 孕前优生健康检查目标人群覆盖率：分档下限 90 大于 1，比率应写成 0\.9 /,
    );
    expect(byPath.get("scheme.excellentQuota")).toMatchObject({
      code: "PERCENT_AS_FRACTION",
      message: expect.stringContaining("优秀比例 20 大于 1，比率应写成 0.2"),
    });
    expect(byPath.get("people[0].values.A1")?.message).toContain("指标 A1 政策符合率：应填数字");
  });

  it("answers a valid JSON body with a wrong category field by field, never 'Invalid json'", async () => {
    const res = await api.call("admin", "POST", "/api/v1/schemes/preview", {
      scheme: demoScheme,
      people: [{ ...person("P1", "甲乡", {}), category: "boss" }],
    });
    expect(res.status).toBe(400);
    const error = (await json(res)).error;
    expect(error.message).not.toContain("Invalid json");
    expect(error.details).toEqual([
      expect.objectContaining({
        path: "people[0].category",
        message: expect.stringMatching(
          /^人员类别只能是 station、reassigned expected one of station, reassigned$/,
        ),
      }),
    ]);
  });

  it("makes the admin confirm the silent mistakes before saving, and reports them in 试算", async () => {
    const risky = {
      ...withIndicator({ target: 0.8, unit: "%" }),
      code: "RISKY-2024",
      excellentQuota: 0,
      bonusCap: 0,
    };
    const preview = await json(
      await api.call("admin", "POST", "/api/v1/schemes/preview", { scheme: risky, people: [] }),
    );
    expect(preview.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      "BONUS_CAP_ZERO",
      "EXCELLENT_QUOTA_ZERO",
      "FRACTION_AS_PERCENT",
    ]);
    const refused = await api.call("admin", "POST", "/api/v1/schemes", risky);
    expect(refused.status).toBe(422);
    const error = (await json(refused)).error;
    expect(error.code).toBe("SCHEME_WARNINGS");
    expect(error.details.find((d: { code: string }) => d.code === "FRACTION_AS_PERCENT").message).toContain(
      "指标 A4 孕前优生健康检查目标人群覆盖率：单位是 %，目标值 0.8 应写成 80",
    );
    const accepted = await api.call("admin", "POST", "/api/v1/schemes?acceptWarnings=true", risky);
    expect(accepted.status).toBe(201);
  });
});

describe("counts per incident kind on a sheet (多类扣分)", () => {
  it("stores a staff member's counts per kind whole, scores them, and refuses an unknown kind", async () => {
    const doc = structuredClone(demoScheme) as { code: string; categories: { indicators: unknown[] }[] };
    doc.code = "GY-2031-INCIDENTS";
    doc.categories[2]?.indicators.push({
      code: "C4",
      name: "全员人口信息报告",
      points: 6,
      appliesTo: ["station", "reassigned"],
      source: "self",
      rule: {
        type: "incidents",
        kinds: [
          { label: "错报", per: 2 },
          { label: "瞒报", per: 3 },
        ],
        foundAboveFactor: 2,
      },
      negative: {},
    });
    const imported = await api.call("admin", "POST", "/api/v1/schemes", doc);
    expect(imported.status).toBe(201);
    const schemeId = (await json(imported)).scheme.id;
    const created = await api.call("admin", "POST", "/api/v1/periods", {
      year: 2031,
      name: "2031年度",
      schemeId,
      selfReportDeadline: "2099-01-10",
      reviewDeadline: "2099-01-20",
      recheckDeadline: "2099-02-15",
      appealDeadline: "2099-02-28",
    });
    expect(created.status).toBe(201);
    const periodId = (await json(created)).period.id;
    expect((await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`)).status).toBe(200);

    const mine = (await json(await api.call("GY0101", "GET", "/api/v1/me/sheets"))).items;
    const sheetId = mine.find((s: { year: number }) => s.year === 2031).id;
    const before = await json(await api.call("GY0101", "GET", `/api/v1/sheets/${sheetId}`));
    const counts = { 错报: 1, "瞒报@上级": 0, "错报@上级": 2 };
    const saved = await api.call("GY0101", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
      version: before.sheet.version,
      items: [{ code: "C4", value: counts }],
    });
    expect(saved.status).toBe(200);
    const after = await json(await api.call("GY0101", "GET", `/api/v1/sheets/${sheetId}`));
    const item = after.items.find((i: { code: string }) => i.code === "C4");
    // 6 − 2 × 1 − 2 × 2 × 2 = −4 (该项可负分)
    expect(item).toMatchObject({ selfValue: counts, selfScore: -4, valueKind: "counts" });
    expect(after.liveScore.base).toBeLessThan(before.liveScore.base);

    const refused = await api.call("GY0101", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
      version: after.sheet.version,
      items: [{ code: "C4", value: { 漏报: 1 } }],
    });
    expect(refused.status).toBe(400);
    const detail = (await json(refused)).error.details[0];
    expect(detail).toMatchObject({ path: "items[0].value" });
    expect(detail.message).toContain("没有“漏报”这一类");
  });
});

describe("试算 with composition (组合)", () => {
  it("applies the group share, rank adjustments, the weighted total and 优秀 quotas per township", async () => {
    const composed = {
      ...scheme,
      composition: {
        groupShare: 0.4,
        rankAdjust: { top: { count: 1, add: 5 }, bottom: { count: 1, add: -5 } },
        weightInTotal: 0.13,
        townshipQuota: 0.5,
      },
    };
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", { scheme: composed, people });
    expect(res.status).toBe(200);
    const body = await json(res);
    const pick = (p: Record<string, unknown>) => ({
      employeeNo: p.employeeNo,
      ownTotal: p.ownTotal,
      total: p.total,
      weighted: p.weighted,
      grade: p.grade,
      rank: p.rank,
    });
    // Township means of own totals: 甲 (70 + 7.07) / 2 = 38.54, 乙 (80 + 101) / 2 = 90.5.
    expect(body.people.map(pick)).toEqual([
      // 0.6 × 70 + 0.4 × 38.54 = 57.42, last of the non-vetoed → −5
      { employeeNo: "P1", ownTotal: 70, total: 52.42, weighted: 6.81, grade: "fail", rank: 3 },
      // 0.6 × 7.07 + 0.4 × 38.54 = 19.66; vetoed (own total < 60): no rank adjustment
      { employeeNo: "P2", ownTotal: 7.07, total: 19.66, weighted: 2.56, grade: "fail", rank: 4 },
      { employeeNo: "P3", ownTotal: 80, total: 84.2, weighted: 10.95, grade: "pass", rank: 2 },
      // 0.6 × 101 + 0.4 × 90.5 = 96.8, first → +5
      { employeeNo: "P4", ownTotal: 101, total: 101.8, weighted: 13.23, grade: "excellent", rank: 1 },
    ]);
    expect(body.townships).toEqual([
      expect.objectContaining({ name: "乙镇", composite: 93, rank: 1, preVeto: false }),
      expect.objectContaining({ name: "甲乡", composite: 36.04, rank: 2, preVeto: true }),
    ]);
  });
});

describe("试算 with parameters by unit class (一类村 / 二、三类村)", () => {
  const classed = {
    ...scheme,
    unitClasses: ["一类", "二类"],
    categories: [
      {
        code: "K",
        name: "分类",
        indicators: [
          {
            code: "K1",
            name: "人口信息报告",
            points: 6,
            appliesTo: all,
            source: "assessor",
            rule: { type: "incidents", kinds: [{ label: "错报", per: 2 }] },
            byClass: { 二类: { rule: { type: "incidents", kinds: [{ label: "错报", per: 1 }] } } },
          },
        ],
      },
    ],
  };

  it("scores each person with their class's parameters", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme: classed,
      people: [
        { ...person("C1", "甲乡", { K1: { 错报: 2 } }), unitClass: "一类" },
        { ...person("C2", "甲乡", { K1: { 错报: 2 } }), unitClass: "二类" },
      ],
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    // 一类: 6 − 2 × 2 = 2 → 33.33; 二类: 6 − 1 × 2 = 4 → 66.67
    expect(body.people.map((p: { total: number }) => p.total)).toEqual([33.33, 66.67]);
  });

  it("refuses an unknown class and a class rule of another type, naming them", async () => {
    const bad = structuredClone(classed);
    const k1 = bad.categories[0]?.indicators[0] as { byClass: Record<string, unknown> };
    k1.byClass = { 二类: { rule: { type: "deduction", per: 1 } }, 三类: { points: 3 } };
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme: bad,
      people: [{ ...person("C1", "甲乡", {}), unitClass: "四类" }],
    });
    expect(res.status).toBe(400);
    const details: { path: string; code: string; message: string }[] = (await json(res)).error.details;
    expect(details.map((d) => [d.path, d.code])).toEqual(
      expect.arrayContaining([
        ["scheme.categories[0].indicators[0].byClass.二类.rule.type", "CLASS_RULE_TYPE"],
        ["scheme.categories[0].indicators[0].byClass.三类", "UNKNOWN_CLASS"],
      ]),
    );
    const good = await api.call("assessor", "POST", "/api/v1/schemes/preview", {
      scheme: classed,
      people: [{ ...person("C1", "甲乡", {}), unitClass: "四类" }],
    });
    const detail = (await json(good)).error.details[0];
    expect(detail).toMatchObject({ path: "people[0].unitClass", code: "UNKNOWN_CLASS" });
  });
});

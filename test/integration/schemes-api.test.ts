import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { schemes } from "../../src/db/schema/scheme";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<any>;

const station1Values = {
  A1: 94.85, // gap 0.15 → ⌈1.5⌉ = 2 steps × 0.3 → 10 − 0.6 = 9.40
  A2: 109.5, // gap 2.5 → 3 steps × 2 → 8 − 6 = 2.00
  A3: 97, // 8 × 97/98 = 7.918… → 7.92
  A4: 76, // 76/80 = 0.95 → band ≥ 0.9 → 8 × 0.8 = 6.40
  A5: 80, // 80/90 ≥ 0.6 → 6 × 0.888… = 5.33
  B1: 200, // target 240 (override) → 10 × 0.8333… = 8.33
  B2: 94, // below 95 → 6 × 0.5 = 3.00
  B3: 95, // 4.00
  B4: 91, // band ≥ 90 → 10 × 0.9 = 9.00
  C1: 100, // 5.00
  C2: 85, // 5.00
  C3: 1, // 5 − 1 = 4.00
  D1: 1.5, // 5 − 0.75 = 4.25
  D2: 40, // 5.00
  D3: "良", // 5 × 0.85 = 4.25
  E1: 3, // bonus min(4, 6) = 4
  V1: false,
}; // base = 82.88 / 100 × 100 = 82.88; total 86.88

const reassignedValues = {
  A1: 95,
  A2: 107,
  A3: 98,
  A4: 80,
  B1: 240,
  B3: 95,
  B4: 95,
  C1: 100,
  C3: 0,
  D1: 0,
  D2: 45,
  D3: "优",
  D4: 85, // band ≥ 80 → 10 × 0.85 = 8.50
  E1: 0,
  V1: false,
}; // 91.5 of 93 points → 98.387… → 98.39

const people = [
  {
    employeeNo: "S1",
    name: "甲一",
    township: "甲乡",
    category: "station",
    values: station1Values,
    targets: { B1: 240 },
  },
  { employeeNo: "R1", name: "乙一", township: "乙镇", category: "reassigned", values: reassignedValues },
  {
    employeeNo: "S2",
    name: "乙二",
    township: "乙镇",
    category: "station",
    values: { ...station1Values, V1: true },
  },
];

describe("POST /api/v1/schemes/preview (试算)", () => {
  it("needs sign-in, and the admin or assessor role", async () => {
    const body = { scheme: demoScheme, people };
    expect((await api.call(null, "POST", "/api/v1/schemes/preview", body)).status).toBe(401);
    for (const user of ["viewer", "xz01", "GY0101"])
      expect((await api.call(user, "POST", "/api/v1/schemes/preview", body)).status, user).toBe(403);
    for (const user of ["admin", "assessor"])
      expect((await api.call(user, "POST", "/api/v1/schemes/preview", body)).status, user).toBe(200);
  });

  it("scores the demo scheme exactly, with quota, veto, ranks and township composites", async () => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", { scheme: demoScheme, people });
    expect(res.status).toBe(200);
    const body = await json(res);
    const [s1, r1, s2] = body.people;
    expect(s1.items.find((i: { code: string }) => i.code === "A1").score).toBe(9.4);
    expect(s1.items.find((i: { code: string }) => i.code === "A3").score).toBe(7.92);
    expect(s1.items.map((i: { code: string }) => i.code)).not.toContain("D4");
    expect(s1).toMatchObject({ base: 82.88, bonus: 4, total: 86.88, vetoed: false, grade: "pass", rank: 2 });
    expect(r1.items.map((i: { code: string }) => i.code)).not.toContain("A5");
    // 98.39 would be 优秀, but floor(3 × 0.2) = 0 excellent places: the next band.
    expect(r1).toMatchObject({ base: 98.39, bonus: 0, total: 98.39, vetoed: false, grade: "pass", rank: 1 });
    // …and the answer says so, so the 试算 can write 合格（优秀名额已满）; 86.88 earns 合格 by its total alone.
    expect(r1).toMatchObject({ quotaDemoted: true, vetoedBy: [] });
    expect(s1).toMatchObject({ quotaDemoted: false, vetoedBy: [] });
    expect(s2).toMatchObject({ total: 86.88, vetoed: true, grade: "fail", rank: 3, quotaDemoted: false });
    expect(s2.vetoedBy).toEqual(["V1"]);
    expect(body.townships).toEqual([
      // (98.39 + 86.88) / 2 = 92.635 → 92.64 (half up)
      expect.objectContaining({ name: "乙镇", composite: 92.64, rank: 1, preVeto: true }),
      expect.objectContaining({ name: "甲乡", composite: 86.88, rank: 2, preVeto: true }),
    ]);
  });

  it("stores nothing", async () => {
    const counts = async () => [
      (await handle.db.select({ n: count() }).from(schemes))[0]?.n,
      (await handle.db.select({ n: count() }).from(auditLog))[0]?.n,
    ];
    const before = await counts();
    await api.call("admin", "POST", "/api/v1/schemes/preview", { scheme: demoScheme, people });
    expect(await counts()).toEqual(before);
  });

  const badCases: [string, () => unknown, string][] = [
    ["a missing scheme", () => ({ people }), "scheme"],
    [
      "an unknown rule type",
      () => ({ scheme: withRule(0, 0, { type: "magic" }), people: [] }),
      "scheme.categories[0].indicators[0].rule.type",
    ],
    [
      "a missing rule parameter",
      () => ({ scheme: withRule(0, 0, { type: "shortfall", direction: "higher", deduct: 0.3 }), people: [] }),
      "scheme.categories[0].indicators[0].rule.step",
    ],
    [
      "a rating label not among the levels",
      () => ({ scheme: demoScheme, people: [withValue("D3", "很好")] }),
      "people[0].values.D3",
    ],
    [
      "an unknown indicator code",
      () => ({ scheme: demoScheme, people: [withValue("ZZ9", 1)] }),
      "people[0].values.ZZ9",
    ],
    [
      "a boolean where a number is needed",
      () => ({ scheme: demoScheme, people: [withValue("A1", true)] }),
      "people[0].values.A1",
    ],
    [
      "a bad category",
      () => ({ scheme: demoScheme, people: [{ ...people[0], category: "boss" }] }),
      "people[0].category",
    ],
  ];

  it.each(badCases)("answers %s with 400 naming the path", async (_name, body, path) => {
    const res = await api.call("admin", "POST", "/api/v1/schemes/preview", body());
    expect(res.status).toBe(400);
    const error = (await json(res)).error;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("answers a non-JSON body with 400, never 500", async () => {
    const res = await api.app.request("/api/v1/schemes/preview", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await api.cookieFor("admin") },
      body: '{"scheme": [1,',
    });
    expect(res.status).toBe(400);
  });
});

describe("scheme import and export", () => {
  it("exports the demo scheme exactly as imported, and re-imports it unchanged as a new version", async () => {
    const list = await json(await api.call("admin", "GET", "/api/v1/schemes"));
    const demo = list.items.find((s: { code: string }) => s.code === "GY-2025-STAFF");
    const exported = await (await api.call("admin", "GET", `/api/v1/schemes/${demo.id}/export`)).text();
    expect(exported).toBe(JSON.stringify(demoScheme));

    const imported = await api.call("admin", "POST", "/api/v1/schemes", JSON.parse(exported));
    expect(imported.status).toBe(201);
    const { scheme } = await json(imported);
    expect(scheme.version).toBe(demo.version + 1);
    const again = await json(await api.call("assessor", "GET", `/api/v1/schemes/${scheme.id}`));
    expect(JSON.stringify(again.document)).toBe(exported);
  });

  it("lets only the admin import, and refuses an invalid scheme with the paths", async () => {
    expect((await api.call("assessor", "POST", "/api/v1/schemes", demoScheme)).status).toBe(403);
    const res = await api.call("admin", "POST", "/api/v1/schemes", {
      ...demoScheme,
      excellentQuota: 1.5,
      categories: [],
    });
    expect(res.status).toBe(400);
    const paths = (await json(res)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["excellentQuota", "categories"]));
  });

  it("answers an unknown scheme id with 404 and a bad one with 400", async () => {
    expect((await api.call("admin", "GET", "/api/v1/schemes/999999")).status).toBe(404);
    expect((await api.call("admin", "GET", "/api/v1/schemes/abc")).status).toBe(400);
  });
});

function withRule(category: number, indicator: number, rule: unknown) {
  const copy = structuredClone(demoScheme) as { categories: { indicators: { rule: unknown }[] }[] };
  const target = copy.categories[category]?.indicators[indicator];
  if (target) target.rule = rule;
  return copy;
}

function withValue(code: string, value: unknown) {
  return { ...people[0], values: { ...station1Values, [code]: value } };
}

import { expect, it } from "vitest";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { callAs } from "./support/worker-client";

// One station member on the demo scheme; every score is worked out by hand (as in the Node suite), so the
// exact decimal arithmetic is proven inside workerd too.
const person = {
  employeeNo: "S1",
  name: "甲一",
  township: "甲乡",
  category: "station",
  targets: { B1: 240 },
  values: {
    A1: 94.85, // gap 0.15 → 2 steps × 0.3 → 9.40
    A2: 109.5, // gap 2.5 → 3 steps × 2 → 2.00
    A3: 97, // 8 × 97/98 → 7.92
    A4: 76, // 0.95 → band ≥ 0.9 → 6.40
    A5: 80, // 6 × 80/90 → 5.33
    B1: 200, // 10 × 200/240 → 8.33
    B2: 94, // below 95 → 3.00
    B3: 95, // 4.00
    B4: 91, // band ≥ 90 → 9.00
    C1: 100, // 5.00
    C2: 85, // 5.00
    C3: 1, // 4.00
    D1: 1.5, // 4.25
    D2: 40, // 5.00
    D3: "良", // 4.25
    E1: 3, // bonus min(4, 6) = 4
    V1: false,
  },
};

it("scores a person on the demo scheme exactly (试算)", async () => {
  const res = await callAs("assessor", "POST", "/api/v1/schemes/preview", {
    scheme: demoScheme,
    people: [person],
  });
  expect(res.status).toBe(200);
  const body = await res.json<{
    people: { items: { code: string; score: number }[] }[];
    townships: unknown;
  }>();
  const [scored] = body.people;
  expect(scored?.items.find((item) => item.code === "A1")?.score).toBe(9.4);
  // A pool of one has floor(1 × 0.2) = 0 excellent places; 86.88 is 合格 anyway.
  expect(scored).toMatchObject({
    base: 82.88,
    bonus: 4,
    total: 86.88,
    vetoed: false,
    grade: "pass",
    rank: 1,
  });
  expect(body.townships).toEqual([
    expect.objectContaining({ name: "甲乡", composite: 86.88, rank: 1, preVeto: true }),
  ]);
});

it("refuses a malformed scheme with 400 naming the path", async () => {
  const res = await callAs("admin", "POST", "/api/v1/schemes/preview", { people: [] });
  expect(res.status).toBe(400);
  const body = await res.json<{ error: { code: string; details: { path: string }[] } }>();
  expect(body.error.code).toBe("VALIDATION_FAILED");
  expect(body.error.details.map((detail) => detail.path)).toContain("scheme");
});

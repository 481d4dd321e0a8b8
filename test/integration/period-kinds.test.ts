import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Periods of several kinds (年度 / 季度 / 专项活动) in one county and year, through the HTTP API on PGlite and
// (with DATABASE_URL) PostgreSQL: what each kind needs, which clash, and like-with-like comparisons.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<any>;

const deadlines = {
  selfReportDeadline: "2031-01-10",
  reviewDeadline: "2031-01-20",
  recheckDeadline: "2031-02-15",
  appealDeadline: "2031-02-28",
};

async function create(body: Record<string, unknown>) {
  const schemes = await json(await api.call("admin", "GET", "/api/v1/schemes"));
  const townships = await json(await api.call("admin", "GET", "/api/v1/townships"));
  return api.call("admin", "POST", "/api/v1/periods", {
    schemeId: schemes.items.find((s: { code: string }) => s.code === "GY-2025-STAFF").id,
    townshipIds: [townships.items[0].id],
    ...deadlines,
    ...body,
  });
}

describe("period kinds", () => {
  it("holds an annual period, two quarters and two campaigns in one year; refuses the same one twice", async () => {
    const made = [
      { year: 2030, name: "2030年度目标管理考核" },
      { year: 2030, name: "2030年第一季度考核", kind: "quarter", quarter: 1 },
      { year: 2030, name: "2030年第二季度考核", kind: "quarter", quarter: 2 },
      {
        year: 2030,
        name: "春季集中宣传优质服务活动",
        kind: "campaign",
        startsOn: "2030-03-01",
        endsOn: "2030-04-30",
      },
      {
        year: 2030,
        name: "秋季集中服务活动",
        kind: "campaign",
        startsOn: "2030-09-01",
        endsOn: "2030-10-15",
      },
    ];
    for (const body of made) expect((await create(body)).status, body.name).toBe(201);
    const clashes = [
      { year: 2030, name: "另一个年度考核" },
      { year: 2030, name: "又一个第一季度", kind: "quarter", quarter: 1 },
      {
        year: 2030,
        name: "春季集中宣传优质服务活动",
        kind: "campaign",
        startsOn: "2030-05-01",
        endsOn: "2030-05-30",
      },
    ];
    for (const body of clashes) {
      const res = await create(body);
      expect(res.status, body.name).toBe(409);
      expect((await json(res)).error.code).toBe("PERIOD_EXISTS");
    }
    const list = await json(await api.call("viewer", "GET", "/api/v1/periods"));
    const of2030 = list.items.filter((p: { year: number }) => p.year === 2030);
    expect(of2030.map((p: { kind: string; quarter: number | null }) => [p.kind, p.quarter])).toEqual([
      ["annual", null],
      ["quarter", 1],
      ["quarter", 2],
      ["campaign", null],
      ["campaign", null],
    ]);
    const campaign = of2030.find((p: { name: string }) => p.name === "春季集中宣传优质服务活动");
    expect([campaign.startsOn, campaign.endsOn]).toEqual(["2030-03-01", "2030-04-30"]);
  });

  it("names the field a kind needs or forbids", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "quarter" }, "quarter"],
      [{ kind: "quarter", quarter: 5 }, "quarter"],
      [{ quarter: 2 }, "quarter"],
      [{ kind: "campaign", endsOn: "2032-04-01" }, "startsOn"],
      [{ kind: "campaign", startsOn: "2032-04-01", endsOn: "2032-03-01" }, "endsOn"],
      [{ kind: "weekly" }, "kind"],
    ];
    for (const [body, path] of cases) {
      const res = await create({ year: 2032, name: "错误的周期", ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await json(res)).error;
      expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it("compares like with like: an annual period and a campaign are not compared", async () => {
    const list = await json(await api.call("admin", "GET", "/api/v1/periods"));
    const annual = list.items.find(
      (p: { kind: string; status: string }) => p.kind === "annual" && p.status === "published",
    );
    const campaign = await json(
      await create({
        year: 2033,
        name: "夏季活动",
        kind: "campaign",
        startsOn: "2033-06-01",
        endsOn: "2033-06-30",
      }),
    );
    const townships = await json(await api.call("admin", "GET", "/api/v1/townships"));
    const res = await api.call(
      "admin",
      "GET",
      `/api/v1/reports/compare?townshipId=${townships.items[0].id}&periods=${annual.id},${campaign.period.id}`,
    );
    expect(res.status).toBe(400);
    const error = (await json(res)).error;
    expect(error.message).toMatch(/同一种类/);
    expect(error.details[0].path).toBe("periods");
  });
});

import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { townshipResults } from "../../src/db/schema/sheet";
import { DEMO_CAMPAIGN_NAME, DEMO_NOTICE_NUMBER } from "../../src/services/demo/seed-demo-campaign";
import { recomputePeriod } from "../../src/services/scoring/scoring-service";
import { readDocx, readingsOf } from "../fixtures/docx-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The demo county's 2026 spring campaign (the minutes, item 一), as the admin and the county leaders find it
// in the demo: a published township period whose bottom two, 杨柳乡 and 浩塘镇, are under 预否决 as the admin
// decided, with the penalties recorded and the 通报 ready to download.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let periodId: number;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
  const list = await (await api.call("admin", "GET", "/api/v1/periods")).json();
  periodId = list.items.find((p: { name: string }) => p.name === DEMO_CAMPAIGN_NAME)?.id;
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
type Json = any;
async function ok(res: Response): Promise<Json> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(200);
  return body;
}

const BOTTOM_TWO = ["杨柳乡", "浩塘镇"].sort();

describe("the demo county's spring campaign", () => {
  it("is a published campaign period assessing the 26 townships, self-checked and inspected", async () => {
    const list = await ok(await api.call("admin", "GET", "/api/v1/periods"));
    const period = list.items.find((p: Json) => p.id === periodId);
    // Published (公示), then archived (归档): the penalties were recorded on the archived period.
    expect(period).toMatchObject({ kind: "campaign", status: "final", year: 2026 });
    // The annual periods stay what a year's search finds first.
    expect(list.items.find((p: Json) => p.year === 2026).kind).toBe("annual");
    const queue = await ok(await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets`));
    expect(queue.items).toHaveLength(26);
    expect(queue.items.every((s: Json) => s.category === "township" && s.status === "final")).toBe(true);
    // 自查自纠 by 杨柳乡 itself, 督查 by the county: a self value and a verified rating on its own sheet.
    const own = await ok(await api.call("xz23", "GET", `/api/v1/periods/${periodId}/sheets`));
    expect(own.items).toHaveLength(1);
    const sheet = await ok(await api.call("xz23", "GET", `/api/v1/sheets/${own.items[0].id}`));
    const byCode = new Map(sheet.items.map((i: Json) => [i.code, i]));
    expect((byCode.get("S2") as Json).selfValue).toBeGreaterThan(0);
    expect((byCode.get("S1") as Json).verifiedValue).toBe("差");
  });

  it("ranks 杨柳乡 and 浩塘镇 last, under 预否决 as the admin decided, with the reason in the audit trail", async () => {
    const ranking = await ok(
      await api.call("viewer", "GET", `/api/v1/reports/periods/${periodId}/townships`),
    );
    const rows = ranking.items as Json[];
    expect(rows).toHaveLength(26);
    const composites = rows.map((r) => r.composite);
    expect(composites).toEqual([...composites].sort((a, b) => b - a));
    expect(
      rows
        .slice(-2)
        .map((r) => r.name)
        .sort(),
    ).toEqual(BOTTOM_TWO);
    expect(rows[23].composite).toBeGreaterThan(rows[24].composite);
    const vetoed = rows.filter((r) => r.preVetoDecided);
    expect(vetoed.map((r) => r.name).sort()).toEqual(BOTTOM_TWO);
    for (const row of vetoed) expect(row).toMatchObject({ preVeto: true, preVetoDecision: "confirm" });
    const decisions = await ok(await api.call("admin", "GET", `/api/v1/periods/${periodId}/pre-veto`));
    for (const item of decisions.items.filter((i: Json) => i.decided))
      expect(item.reason).toContain("后两位");
    const audit = await ok(
      await api.call("admin", "GET", `/api/v1/audit?entity=period&entityId=${periodId}`),
    );
    const confirmations = audit.items.filter((a: Json) => a.action === "period.preVeto.confirm");
    expect(confirmations).toHaveLength(2);
    for (const entry of confirmations) expect(entry.username).toBe("admin");
  });

  it("is exactly what the engine computes from the stored items (recompute changes nothing)", async () => {
    const snapshot = () =>
      handle.db
        .select({
          township: townshipResults.townshipId,
          composite: townshipResults.composite,
          rank: townshipResults.rank,
        })
        .from(townshipResults)
        .where(eq(townshipResults.periodId, periodId))
        .orderBy(asc(townshipResults.townshipId));
    const before = await snapshot();
    expect(before).toHaveLength(26);
    await handle.db.transaction((tx) => recomputePeriod(tx, periodId));
    expect(await snapshot()).toEqual(before);
  });

  it("lists the penalties due to the bottom two and those the admin recorded", async () => {
    const answer = await ok(await api.call("viewer", "GET", `/api/v1/periods/${periodId}/consequences`));
    const vetoed = answer.parties.filter((p: Json) => p.preVeto);
    expect(vetoed.map((p: Json) => p.party.name).sort()).toEqual(BOTTOM_TWO);
    for (const party of vetoed) {
      expect(party.due.map((m: Json) => m.text)).toEqual([
        "经济处罚：扣减人口计生工作经费 ¥20000",
        "组织处罚：通报批评",
        "组织处罚：取消年度评先评优资格",
      ]);
      expect(party.applied.map((r: Json) => [r.kind, r.measure, r.amount, r.documentNo])).toEqual([
        ["economic", "扣减人口计生工作经费", 20000, DEMO_NOTICE_NUMBER],
        ["organisational", "通报批评", null, DEMO_NOTICE_NUMBER],
        ["organisational", "取消年度评先评优资格", null, DEMO_NOTICE_NUMBER],
      ]);
    }
    // Nobody else was penalised.
    expect(answer.parties.filter((p: Json) => !p.preVeto && p.applied.length > 0)).toEqual([]);
  });

  it("has the county's 通报 ready: its template, and the .docx with the ranking attached", async () => {
    const notice = await ok(
      await api.call("admin", "GET", `/api/v1/periods/${periodId}/notice?date=2026-05-20`),
    );
    expect(notice.title).toBe(`关于${DEMO_CAMPAIGN_NAME}开展情况的通报`);
    expect(notice.issuer).toBe("桂阳县人口和计划生育工作领导小组");
    expect(notice.paragraphs.join("")).toMatch(/(杨柳乡、浩塘镇|浩塘镇、杨柳乡)综合得分排在全县后两位/);
    const res = await api.call(
      "admin",
      "GET",
      `/api/v1/periods/${periodId}/notice.docx?date=2026-05-20&documentNo=${encodeURIComponent(DEMO_NOTICE_NUMBER)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    for (const { text } of readingsOf(await readDocx(await res.arrayBuffer()))) {
      expect(text).toContain("开展情况的通报");
      expect(text).toMatch(/桂人口组发〔2026〕5\s*号/);
      const table = [...text.matchAll(/^\s*(\d+)\s+(\S+)\s+(\d+\.\d\d)\b(.*)$/gm)];
      expect(table).toHaveLength(26);
      expect(
        table
          .slice(-2)
          .map((m) => [m[2], (m[4] ?? "").includes("预否决")])
          .sort(),
      ).toEqual(BOTTOM_TWO.map((name) => [name, true]));
    }
  }, 180_000);
});

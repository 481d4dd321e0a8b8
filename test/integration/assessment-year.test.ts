import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { parseScheme } from "../../src/domain/scheme";
import { type PoolMember, scorePool } from "../../src/domain/score-pool";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { evidenceCodes, PDF_BYTES, PNG_BYTES, RATINGS, selfValues } from "../support/year-fixtures";

// A whole assessment year for three townships of the demo county, through the HTTP API only.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2027-12-20T10:00:00+08:00");

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();
async function ok(res: Response, status = 200) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
});
afterAll(() => handle.close());

async function upload(username: string, sheetId: number, code: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  return api.app.request(`/api/v1/sheets/${sheetId}/items/${code}/evidence`, {
    method: "POST",
    headers: { cookie: await api.cookieFor(username) },
    body: form,
  });
}

interface Member {
  personId: number;
  employeeNo: string;
  category: "station" | "reassigned";
  townshipId: number;
  townshipName: string;
  sheetId: number;
  values: Record<string, number>;
}

const TOWNSHIPS = { xz01: "龙潭街道", xz19: "浩塘镇", xz23: "杨柳乡" } as const;
const state: {
  periodId: number;
  members: Member[];
  verified: Map<string, Record<string, number | string | boolean>>;
} = {
  periodId: 0,
  members: [],
  verified: new Map(),
};

// Each step walks a whole stage of the year through the API (dozens of requests, every sheet of three townships);
// on a loaded two-core machine a step took 30–75 s, so the file allows more than the suite's 30 s per test.
describe("an assessment year through the API", { timeout: 120_000 }, () => {
  it("the admin creates a period for three townships with the demo scheme and opens it", async () => {
    const schemes = await ok(await api.call("admin", "GET", "/api/v1/schemes"));
    const townships = (await ok(await api.call("admin", "GET", "/api/v1/townships"))).items as {
      id: number;
      name: string;
    }[];
    const townshipIds = townships
      .filter((t) => Object.values(TOWNSHIPS).includes(t.name as never))
      .map((t) => t.id);
    const created = await ok(
      await api.call("admin", "POST", "/api/v1/periods", {
        year: 2027,
        name: "2027年度目标管理考核（试点）",
        schemeId: schemes.items.find((s: { code: string }) => s.code === "GY-2025-STAFF").id,
        selfReportDeadline: "2028-01-10",
        reviewDeadline: "2028-01-20",
        recheckDeadline: "2028-02-15",
        appealDeadline: "2028-02-28",
        townshipIds,
      }),
      201,
    );
    state.periodId = created.period.id;
    expect(created.period.status).toBe("draft");
    const opened = await ok(await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/open`));
    expect(opened.period.status).toBe("open");

    const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${state.periodId}/sheets`)))
      .items;
    expect(new Set(sheets.map((s: { townshipName: string }) => s.townshipName))).toEqual(
      new Set(Object.values(TOWNSHIPS)),
    );
    state.members = sheets.map((s: Member & { id: number }, i: number) => ({
      personId: s.personId,
      employeeNo: s.employeeNo,
      category: s.category,
      townshipId: s.townshipId,
      townshipName: (s as unknown as { townshipName: string }).townshipName,
      sheetId: s.id,
      values: selfValues(i, s.category),
    }));
    expect(state.members.filter((m) => m.category === "reassigned")).toHaveLength(3);
  });

  it("targets: the admin overrides one with a reason; a township adjusts its own staff only", async () => {
    const [first] = state.members;
    if (!first) throw new Error("no members");
    await ok(
      await api.call("admin", "PUT", `/api/v1/periods/${state.periodId}/targets`, {
        reason: "辖区育龄妇女较少，随访目标下调",
        items: [{ personId: first.personId, indicatorCode: "B1", value: 200 }],
      }),
    );
    const other = state.members.find((m) => m.townshipName === "浩塘镇");
    const refused = await api.call("xz01", "PUT", `/api/v1/periods/${state.periodId}/targets`, {
      reason: "试图修改他乡镇目标",
      items: [{ personId: other?.personId, indicatorCode: "B1", value: 100 }],
    });
    expect(refused.status).toBe(400);
    const own = await api.call("GY0101", "GET", `/api/v1/periods/${state.periodId}/targets`);
    const items = (await ok(own)).items;
    expect(new Set(items.map((t: { employeeNo: string }) => t.employeeNo))).toEqual(new Set(["GY0101"]));
  });

  it("staff record monthly progress, correct a month (history kept), then self-report with evidence and submit", async () => {
    for (const m of state.members) {
      const entries = [3, 6, 9, 12].map((month) => ({
        indicatorCode: "B1",
        month,
        value: Math.round((m.values.B1 ?? 0) * (month / 12)),
      }));
      await ok(
        await api.call(m.employeeNo, "PUT", `/api/v1/periods/${state.periodId}/progress`, { entries }),
      );
    }
    const m0 = state.members[0];
    if (!m0) throw new Error("no members");
    await ok(
      await api.call(m0.employeeNo, "PUT", `/api/v1/periods/${state.periodId}/progress`, {
        entries: [{ indicatorCode: "B1", month: 3, value: 61, note: "补录3月随访" }],
      }),
    );
    const progress = (
      await ok(await api.call(m0.employeeNo, "GET", `/api/v1/periods/${state.periodId}/progress`))
    ).items;
    expect(progress.find((p: { month: number }) => p.month === 3)).toMatchObject({ value: 61, revision: 2 });

    for (const m of state.members) {
      const view = await ok(await api.call(m.employeeNo, "GET", `/api/v1/sheets/${m.sheetId}`));
      const items = Object.entries(m.values).map(([code, value]) => ({ code, value }));
      const saved = await ok(
        await api.call(m.employeeNo, "PATCH", `/api/v1/sheets/${m.sheetId}/self`, {
          version: view.sheet.version,
          items,
        }),
      );
      expect(saved.liveScore.total).toBeGreaterThan(0);
      for (const [k, code] of evidenceCodes(m.values).entries()) {
        const res = await upload(
          m.employeeNo,
          m.sheetId,
          code,
          k % 2 ? PNG_BYTES : PDF_BYTES,
          k % 2 ? "台账照片.png" : "统计报表.pdf",
        );
        expect(res.status).toBe(201);
      }
      const submitted = await ok(
        await api.call(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/submit`, {
          version: saved.sheet.version,
        }),
      );
      expect(submitted.sheet.status).toBe("submitted");
    }
  });

  it("the townships review: one sheet is returned with a comment, fixed and passed", async () => {
    const m0 = state.members[0];
    if (!m0) throw new Error("no members");
    const username = (id: number) =>
      Object.entries(TOWNSHIPS).find(
        ([, name]) => state.members.find((m) => m.townshipId === id)?.townshipName === name,
      )?.[0] ?? "";
    let view = await ok(await api.call(username(m0.townshipId), "GET", `/api/v1/sheets/${m0.sheetId}`));
    await ok(
      await api.call(username(m0.townshipId), "POST", `/api/v1/sheets/${m0.sheetId}/review`, {
        version: view.sheet.version,
        decision: "return",
        comment: "B4 满意度调查表未盖章，请补充",
      }),
    );
    view = await ok(await api.call(m0.employeeNo, "GET", `/api/v1/sheets/${m0.sheetId}`));
    expect(view.sheet).toMatchObject({ status: "draft", reviewComment: "B4 满意度调查表未盖章，请补充" });
    view = await ok(
      await api.call(m0.employeeNo, "POST", `/api/v1/sheets/${m0.sheetId}/submit`, {
        version: view.sheet.version,
      }),
    );
    for (const m of state.members) {
      const current = await ok(await api.call(username(m.townshipId), "GET", `/api/v1/sheets/${m.sheetId}`));
      const passed = await ok(
        await api.call(username(m.townshipId), "POST", `/api/v1/sheets/${m.sheetId}/review`, {
          version: current.sheet.version,
          decision: "pass",
        }),
      );
      expect(passed.sheet.status).toBe("reviewed");
    }
  });

  it("the assessor verifies: rates D3, corrects values with reasons, finds one 瞒报 case, marks every sheet scored", async () => {
    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/start-assessing`, { confirm: true }),
    );
    for (const [i, m] of state.members.entries()) {
      const verified: Record<string, number | string | boolean> = { D3: RATINGS[i % 4] ?? "良" };
      const items: { code: string; value: number | string | boolean; reason?: string }[] = [
        { code: "D3", value: verified.D3 ?? "良" },
      ];
      if (i % 5 === 1) {
        verified.B1 = (m.values.B1 ?? 0) - 12;
        items.push({ code: "B1", value: verified.B1, reason: "核查随访台账，重复登记 12 人次" });
      }
      if (i === 4) {
        verified.V1 = true;
        items.push({ code: "V1", value: true, reason: "县级核查发现瞒报出生 1 例" });
      }
      state.verified.set(m.employeeNo, verified);
      const view = await ok(await api.call("assessor", "GET", `/api/v1/sheets/${m.sheetId}`));
      const scored = await ok(
        await api.call("assessor", "PATCH", `/api/v1/sheets/${m.sheetId}/score`, {
          version: view.sheet.version,
          items,
        }),
      );
      const marked = await ok(
        await api.call("assessor", "POST", `/api/v1/sheets/${m.sheetId}/mark-scored`, {
          version: scored.sheet.version,
        }),
      );
      expect(marked.sheet.status).toBe("scored");
    }
    const missingReason = await api.call(
      "assessor",
      "PATCH",
      `/api/v1/sheets/${state.members[2]?.sheetId}/score`,
      {
        version: 999,
        items: [{ code: "A3", value: 50 }],
      },
    );
    expect([400, 409]).toContain(missingReason.status);
  });

  it("the admin publishes; totals, grades, ranks, composites and 预否决 are exactly the engine's", async () => {
    await ok(await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/publish`));
    const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${state.periodId}/sheets`)))
      .items;
    const targets = (await ok(await api.call("admin", "GET", `/api/v1/periods/${state.periodId}/targets`)))
      .items;
    const parsed = parseScheme(demoScheme);
    if (!parsed.ok) throw new Error("demo scheme invalid");
    const members: PoolMember[] = state.members.map((m) => ({
      employeeNo: m.employeeNo,
      township: m.townshipName,
      category: m.category,
      values: { ...m.values, ...state.verified.get(m.employeeNo) },
      targets: Object.fromEntries(
        targets
          .filter((t: { personId: number }) => t.personId === m.personId)
          .map((t: { indicatorCode: string; value: number }) => [t.indicatorCode, t.value]),
      ),
    }));
    const expected = scorePool(parsed.scheme, members);
    for (const person of expected.people) {
      const sheet = sheets.find((s: { employeeNo: string }) => s.employeeNo === person.employeeNo);
      expect(sheet, person.employeeNo).toMatchObject({
        status: "published",
        total: person.total,
        grade: person.grade,
        rank: person.rank,
        vetoed: person.vetoed,
      });
    }
    expect(sheets.filter((s: { vetoed: boolean }) => s.vetoed)).toHaveLength(1);
    const { townshipResults } = await import("../../src/db/schema/sheet");
    const { townships } = await import("../../src/db/schema/org");
    const stored = await handle.db
      .select({
        name: townships.name,
        composite: townshipResults.composite,
        rank: townshipResults.rank,
        preVeto: townshipResults.preVeto,
      })
      .from(townshipResults)
      .innerJoin(townships, eq(townships.id, townshipResults.townshipId))
      .where(eq(townshipResults.periodId, state.periodId));
    expect(stored.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))).toEqual(
      expected.townships
        .map((t) => ({ name: t.name, composite: t.composite, rank: t.rank, preVeto: t.preVeto }))
        .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name)),
    );
  });

  it("a staff member sees the result with reasons, files a 复核 that changes a score, then an 申诉 that is rejected", async () => {
    const m = state.members[1];
    if (!m) throw new Error("no members");
    const view = await ok(await api.call(m.employeeNo, "GET", `/api/v1/sheets/${m.sheetId}`));
    const b1 = view.items.find((i: { code: string }) => i.code === "B1");
    expect(b1).toMatchObject({
      verifiedValue: (m.values.B1 ?? 0) - 12,
      changeReason: "核查随访台账，重复登记 12 人次",
    });
    const before = view.sheet.total;
    const recheck = await ok(
      await api.call(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/recheck`, {
        reason: "重复登记中有 6 人次为不同日期的随访",
        indicatorCode: "B1",
      }),
      201,
    );
    await ok(
      await api.call("assessor", "POST", `/api/v1/requests/${recheck.request.id}/decide`, {
        outcome: "changed",
        reason: "复核属实，恢复 6 人次",
        items: [{ code: "B1", value: (m.values.B1 ?? 0) - 6 }],
      }),
    );
    const after = await ok(await api.call(m.employeeNo, "GET", `/api/v1/sheets/${m.sheetId}`));
    expect(after.sheet.status).toBe("published");
    expect(after.sheet.total).toBeGreaterThan(before);
    expect(after.items.find((i: { code: string }) => i.code === "B1").changeReason).toBe(
      "复核属实，恢复 6 人次",
    );

    const appeal = await ok(
      await api.call(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/appeal`, {
        reason: "其余 6 人次也应计入",
      }),
      201,
    );
    const byAssessor = await api.call("assessor", "POST", `/api/v1/requests/${appeal.request.id}/decide`, {
      outcome: "rejected",
      reason: "x",
    });
    expect(byAssessor.status).toBe(409);
    await ok(
      await api.call("admin", "POST", `/api/v1/requests/${appeal.request.id}/decide`, {
        outcome: "rejected",
        reason: "两次随访间隔不足规定天数，维持复核结果",
      }),
    );
    const final = await ok(await api.call(m.employeeNo, "GET", `/api/v1/sheets/${m.sheetId}`));
    expect(final.requests.map((r: { kind: string; outcome: string }) => [r.kind, r.outcome])).toEqual([
      ["recheck", "changed"],
      ["appeal", "rejected"],
    ]);
    expect(final.sheet.total).toBe(after.sheet.total);
  });

  it("finalise makes everything immutable; writes get 409 PERIOD_FINAL; reopening needs a reason", async () => {
    await ok(await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/finalize`));
    const m = state.members[3];
    if (!m) throw new Error("no members");
    const view = await ok(await api.call("assessor", "GET", `/api/v1/sheets/${m.sheetId}`));
    expect(view.sheet.status).toBe("final");
    const writes = [
      api.call("assessor", "PATCH", `/api/v1/sheets/${m.sheetId}/score`, {
        version: view.sheet.version,
        items: [{ code: "D3", value: "优" }],
      }),
      api.call(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/recheck`, { reason: "再次复核" }),
      api.call("admin", "PUT", `/api/v1/periods/${state.periodId}/targets`, {
        reason: "x",
        items: [{ personId: m.personId, indicatorCode: "B1", value: 100 }],
      }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(409);
      expect((await json(res)).error.code).toBe("PERIOD_FINAL");
    }
    expect((await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/reopen`, {})).status).toBe(
      400,
    );
    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${state.periodId}/reopen`, {
        reason: "市局通报更正一例出生统计",
      }),
    );
  });

  it("left an audit row for every kind of write", async () => {
    const rows = await handle.db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(inArray(auditLog.entity, ["period", "sheet", "sheet_item", "target", "progress"]));
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      "period.create",
      "period.open",
      "target.set",
      "progress.record",
      "progress.correct",
      "sheet.self_report",
      "evidence.upload",
      "sheet.submit",
      "sheet.review.return",
      "sheet.review.pass",
      "period.startAssessing",
      "sheet.score",
      "sheet.mark_scored",
      "period.publish",
      "sheet.recheck",
      "recheck.decide",
      "sheet.appeal",
      "appeal.decide",
      "period.finalize",
      "period.reopen",
    ])
      expect(actions, action).toContain(action);
    const reopen = rows.find((r) => r.action === "period.reopen");
    expect(reopen?.reason).toBe("市局通报更正一例出生统计");
  });
});

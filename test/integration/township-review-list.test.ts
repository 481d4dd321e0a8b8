import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { evidenceCodes, PDF_BYTES, selfValues } from "../support/year-fixtures";

// What the township's review list tells the reviewer (self-score, evidence, returns, actions), and that a
// passed sheet can be returned until 考核 starts. Demo county: the open 2026 period.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2026-11-29T10:00:00+08:00");
let periodId = 0;

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  periodId = (await json(await api.call("admin", "GET", "/api/v1/periods"))).items.find(
    (p: { year: number }) => p.year === 2026,
  ).id;
});
afterAll(() => handle.close());

/**
 * The 自评得分 the sheet page shows, computed here independently (in floats) from the sheet answer: items the
 * assessors rate that have no value yet are left out, and the base is taken over the points left.
 */
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
function expectedSelfScore(view: any): number {
  type Item = { code: string; points: number; ruleType: string; source: string; selfScore: number | null };
  const items: Item[] = view.items;
  const missing: string[] = view.liveScore.missing;
  const pending = items.filter((i) => i.source === "assessor" && i.points > 0 && missing.includes(i.code));
  if (pending.length === 0) return view.liveScore.total;
  const counted = items.filter((i) => !["bonus", "veto"].includes(i.ruleType) && !pending.includes(i));
  const raw = counted.reduce((total, i) => total + (i.selfScore ?? 0), 0);
  const possible = counted.reduce((total, i) => total + i.points, 0);
  return Math.round((Math.round((raw / possible) * 10_000) / 100 + view.liveScore.bonus) * 100) / 100;
}

async function listRow(username: string, sheetId: number) {
  const { items } = await json(await api.call(username, "GET", `/api/v1/periods/${periodId}/sheets`));
  return items.find((row: { id: number }) => row.id === sheetId);
}

async function upload(sheetId: number, code: string) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(PDF_BYTES)], "f.pdf"));
  const res = await api.app.request(`/api/v1/sheets/${sheetId}/items/${code}/evidence`, {
    method: "POST",
    headers: { cookie: await api.cookieFor("GY0401") },
    body: form,
  });
  expect(res.status).toBe(201);
}

async function review(sheetId: number, decision: "pass" | "return", comment?: string) {
  const { version } = await listRow("xz04", sheetId);
  return api.call("xz04", "POST", `/api/v1/sheets/${sheetId}/review`, { version, decision, comment });
}

async function submit(sheetId: number) {
  const { version } = await listRow("GY0401", sheetId);
  const res = await api.call("GY0401", "POST", `/api/v1/sheets/${sheetId}/submit`, { version });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
}

describe("the township's review list", () => {
  let sheetId = 0;
  const values = selfValues(4, "station");

  it("shows a draft's self-score and the evidence still missing", async () => {
    const mine = (await json(await api.call("GY0401", "GET", "/api/v1/me/sheets"))).items;
    sheetId = mine.find((s: { year: number }) => s.year === 2026).id;
    const view = await json(await api.call("GY0401", "GET", `/api/v1/sheets/${sheetId}`));
    const saved = await json(
      await api.call("GY0401", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
        version: view.sheet.version,
        items: Object.entries(values).map(([code, value]) => ({ code, value })),
      }),
    );
    const row = await listRow("xz04", sheetId);
    // D3 is rated by the assessors and not yet rated: like the sheet page's live score, the list's 自评得分 is
    // taken over the points that can be scored now.
    expect(row.selfScore).toBe(expectedSelfScore(saved));
    expect(row.selfScore).toBeGreaterThan(saved.liveScore.total);
    expect(row.evidenceCount).toBe(0);
    expect(row.missingEvidence).toBe(evidenceCodes(values).length);
    expect(row.actions).toEqual([]);
    // Results stay hidden from the township before 公示.
    expect(row.total).toBeNull();
  });

  it("counts the evidence and offers pass and return once submitted", async () => {
    for (const code of evidenceCodes(values)) await upload(sheetId, code);
    await submit(sheetId);
    const row = await listRow("xz04", sheetId);
    expect(row).toMatchObject({
      status: "submitted",
      evidenceCount: evidenceCodes(values).length,
      missingEvidence: 0,
      returnCount: 0,
      actions: ["pass", "return"],
    });
    expect(Date.parse(row.submittedAt)).toBeGreaterThan(0);
    // Another township's account does not see it; the assessor sees it without review actions.
    expect(await listRow("xz05", sheetId)).toBeUndefined();
    expect((await listRow("assessor", sheetId)).actions).not.toContain("pass");
  });

  it("counts returns, and lets the township return a passed sheet while the period is open", async () => {
    expect((await review(sheetId, "return", "补充材料")).status).toBe(200);
    expect(await listRow("xz04", sheetId)).toMatchObject({ status: "draft", returnCount: 1, actions: [] });
    await submit(sheetId);
    expect((await review(sheetId, "pass")).status).toBe(200);
    expect((await listRow("xz04", sheetId)).actions).toEqual(["return"]);

    const returned = await review(sheetId, "return", "发现错报，退回修改");
    expect(returned.status).toBe(200);
    expect(await listRow("xz04", sheetId)).toMatchObject({ status: "draft", returnCount: 2 });
    const audit = await json(
      await api.call("admin", "GET", `/api/v1/audit?entity=sheet&entityId=${sheetId}&limit=10`),
    );
    expect(audit.items[0]).toMatchObject({
      action: "sheet.review.return",
      before: { status: "reviewed" },
      after: { status: "draft" },
    });
  });

  it("refuses to return a passed sheet once assessment has started", async () => {
    await submit(sheetId);
    expect((await review(sheetId, "pass")).status).toBe(200);
    const started = await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, {
      confirm: true,
    });
    expect(started.status).toBe(200);
    expect((await listRow("xz04", sheetId)).actions).toEqual([]);
    const refused = await review(sheetId, "return", "太晚了");
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe("SHEET_ALREADY_REVIEWED");
    // The assessor's queue offers scoring on it, and nothing on a sheet still in draft.
    expect((await listRow("assessor", sheetId)).actions).toEqual(
      expect.arrayContaining(["score", "markScored"]),
    );
    const { items } = await json(
      await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets?status=draft`),
    );
    expect(items.length).toBeGreaterThan(0);
    for (const row of items) expect(row.actions).not.toContain("score");
  });
});

describe("evidence previewed beside the values", () => {
  it("answers a PDF inline, framable by this origin only and sandboxed; a plain download stays an attachment", async () => {
    const mine = (await json(await api.call("GY0402", "GET", "/api/v1/me/sheets"))).items;
    const sheetId = mine.find((s: { year: number }) => s.year === 2026).id;
    const form = new FormData();
    form.append("file", new File([new Uint8Array(PDF_BYTES)], "证明.pdf"));
    const uploaded = await api.app.request(`/api/v1/sheets/${sheetId}/items/A1/evidence`, {
      method: "POST",
      headers: { cookie: await api.cookieFor("GY0402") },
      body: form,
    });
    const { evidence } = await json(uploaded);
    const preview = await api.call("xz04", "GET", `/api/v1/evidence/${evidence.id}?preview=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(preview.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(preview.headers.get("content-security-policy")).toMatch(/^sandbox;.*frame-ancestors 'self'/);
    const download = await api.call("xz04", "GET", `/api/v1/evidence/${evidence.id}`);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-frame-options")).toBe("DENY");
    expect(download.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // Another township may not read it, preview or not.
    expect((await api.call("xz05", "GET", `/api/v1/evidence/${evidence.id}?preview=1`)).status).toBe(404);
  });
});

describe("one self-score for one sheet", () => {
  // The reviewer compares the list's 自评得分 with the review page's live score: the two must be the same figure
  // (a helper saw 91.81 in the list beside 96.64 on the page for one sheet).
  it("gives every sheet's list row the total the sheet page's live score shows", async () => {
    const periods = (await json(await api.call("admin", "GET", "/api/v1/periods"))).items;
    const last = periods.find((p: { year: number; kind: string }) => p.year === 2025 && p.kind === "annual");
    const { items } = await json(await api.call("assessor", "GET", `/api/v1/periods/${last.id}/sheets`));
    const withValues = items.filter((row: { selfScore: number | null }) => (row.selfScore ?? 0) > 0);
    expect(withValues.length).toBeGreaterThan(0);
    let projected = 0;
    for (const row of items.slice(0, 40)) {
      const view = await json(await api.call("assessor", "GET", `/api/v1/sheets/${row.id}`));
      expect(row.selfScore, `${row.employeeNo} ${row.name}`).toBe(expectedSelfScore(view));
      if (row.selfScore !== view.liveScore.total) projected += 1;
    }
    // The 2025 sheets' D3 was rated by the assessors, never self-reported: their self-scores are projections.
    expect(projected).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Before 公示 the assessors rank what is scored so far (未公示·仅供考核组). A scheme that assesses townships
// makes the composite from their own sheets (乡镇考核表), alone or weighted with the staff mean: the provisional
// ranking must do the same, and a township whose own sheet is not scored yet is pending, not ranked as 0.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
type Json = any;
async function ok(res: Response, status = 200): Promise<Json> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

const deduction = (code: string, appliesTo: string[]) => ({
  code,
  name: `${code} 差错`,
  points: 100,
  appliesTo,
  source: "assessor",
  rule: { type: "deduction", per: 1 },
});

/** A scheme of one deduction item per party: a total is 100 − the number of errors, exactly. */
function scheme(code: string, assessees: string[], townshipComposite: Json) {
  const categories = [];
  if (assessees.includes("people"))
    categories.push({ code: "P", name: "人员", indicators: [deduction("P1", ["station", "reassigned"])] });
  if (assessees.includes("townships"))
    categories.push({ code: "T", name: "乡镇", indicators: [deduction("T1", ["township"])] });
  return {
    code,
    name: code,
    year: 2030,
    assessees,
    townshipComposite,
    gradeBands: [{ grade: "all", label: "全部", min: 0 }],
    excellentQuota: 0.2,
    preVetoBottomN: 1,
    bonusCap: 0,
    categories,
  };
}

async function openPeriod(document: Json, name: string, townshipIds: number[]) {
  const imported = await ok(await api.call("admin", "POST", "/api/v1/schemes", document), 201);
  const created = await ok(
    await api.call("admin", "POST", "/api/v1/periods", {
      year: 2030,
      name,
      kind: "campaign",
      startsOn: "2030-03-01",
      endsOn: "2030-04-30",
      schemeId: imported.scheme?.id ?? imported.id,
      townshipIds,
      selfReportDeadline: "2030-05-10",
      reviewDeadline: "2030-05-15",
      recheckDeadline: "2030-06-15",
      appealDeadline: "2030-06-30",
    }),
    201,
  );
  const periodId = created.period.id;
  await ok(await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`));
  return periodId as number;
}

const sheetView = async (id: number) => ok(await api.call("assessor", "GET", `/api/v1/sheets/${id}`));

/** Takes a sheet to 已评分 with the given number of errors: submitted (代填), passed, scored, marked. */
async function score(sheet: Json, townshipUser: string, code: string, errors: number) {
  let view = await sheetView(sheet.id);
  const own = sheet.personId === null;
  await ok(
    await api.call(own ? townshipUser : "assessor", "POST", `/api/v1/sheets/${sheet.id}/submit`, {
      version: view.sheet.version,
      ...(own ? {} : { onBehalfReason: "据乡镇报表代填" }),
    }),
  );
  view = await sheetView(sheet.id);
  await ok(
    own
      ? await api.call("assessor", "POST", `/api/v1/sheets/${sheet.id}/inspect`, {
          version: view.sheet.version,
          decision: "pass",
        })
      : await api.call(townshipUser, "POST", `/api/v1/sheets/${sheet.id}/review`, {
          version: view.sheet.version,
          decision: "pass",
        }),
  );
  view = await sheetView(sheet.id);
  view = await ok(
    await api.call("assessor", "PATCH", `/api/v1/sheets/${sheet.id}/score`, {
      version: view.sheet.version,
      items: [{ code, value: errors }],
    }),
  );
  await ok(
    await api.call("assessor", "POST", `/api/v1/sheets/${sheet.id}/mark-scored`, {
      version: view.sheet.version,
    }),
  );
}

async function provisional(periodId: number) {
  const ranking = await ok(
    await api.call("assessor", "GET", `/api/v1/reports/periods/${periodId}/townships`),
  );
  expect(ranking.results).toBe("provisional");
  const dashboard = await ok(
    await api.call("assessor", "GET", `/api/v1/reports/periods/${periodId}/dashboard`),
  );
  expect(dashboard.townships).toEqual(ranking.items);
  return ranking.items as Json[];
}

let townships: Json[];
beforeAll(async () => {
  townships = (await ok(await api.call("admin", "GET", "/api/v1/townships"))).items;
});
// xz01 … xz26 in the townships' order.
const userOf = (townshipId: number) =>
  `xz${String(townships.findIndex((t) => t.id === townshipId) + 1).padStart(2, "0")}`;

describe("the provisional township ranking follows the scheme's composite", () => {
  it("乡镇考核得分: the own sheets' totals once scored; the others pending, never 0", async () => {
    const [a, b, c] = townships as [Json, Json, Json];
    const periodId = await openPeriod(scheme("PROV-OWN", ["townships"], { from: "own" }), "督查（暂定）", [
      a.id,
      b.id,
      c.id,
    ]);
    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true }),
    );
    const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets`))).items;
    const sheetOf = (id: number) => sheets.find((s: Json) => s.townshipId === id);
    expect(await provisional(periodId)).toEqual([]);
    await score(sheetOf(a.id), userOf(a.id), "T1", 12);
    await score(sheetOf(b.id), userOf(b.id), "T1", 4);
    const rows = await provisional(periodId);
    expect(rows.map((r) => [r.name, r.composite, r.rank, r.ownTotal, r.staffMean, r.scoredCount])).toEqual([
      [b.name, 96, 1, 96, null, 1],
      [a.name, 88, 2, 88, null, 1],
    ]);
    expect(rows.every((r) => r.rankOf === 2)).toBe(true);
    // c's sheet is pending: not in the ranking at all, so not at the bottom with 0.
    expect(rows.some((r) => r.townshipId === c.id)).toBe(false);
  }, 240_000);

  it("加权 70/30: own total and scored staff mean weighted; a township with its own sheet pending is held back", async () => {
    const [, , , d, e] = townships as [Json, Json, Json, Json, Json];
    const periodId = await openPeriod(
      scheme("PROV-WEIGHTED", ["people", "townships"], { from: "weighted", own: 0.7, staff: 0.3 }),
      "加权（暂定）",
      [d.id, e.id],
    );
    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true }),
    );
    const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets`))).items;
    const staffOf = (id: number) => sheets.filter((s: Json) => s.townshipId === id && s.personId !== null);
    const ownOf = (id: number) => sheets.find((s: Json) => s.townshipId === id && s.personId === null);
    // d: own sheet 90, two staff scored 80 and 71 (mean 75.5) → 0.7 × 90 + 0.3 × 75.5 = 85.65.
    await score(ownOf(d.id), userOf(d.id), "T1", 10);
    const [d1, d2] = staffOf(d.id);
    await score(d1, userOf(d.id), "P1", 20);
    await score(d2, userOf(d.id), "P1", 29);
    // e: staff scored (mean 99), own sheet not yet: pending, however good its staff.
    await score(staffOf(e.id)[0], userOf(e.id), "P1", 1);
    let rows = await provisional(periodId);
    expect(rows.map((r) => [r.name, r.composite, r.ownTotal, r.staffMean, r.scoredCount])).toEqual([
      [d.name, 85.65, 90, 75.5, 3],
    ]);
    // Once e's own sheet is scored (50): 0.7 × 50 + 0.3 × 99 = 64.7, ranked after d.
    await score(ownOf(e.id), userOf(e.id), "T1", 50);
    rows = await provisional(periodId);
    expect(rows.map((r) => [r.name, r.composite, r.rank])).toEqual([
      [d.name, 85.65, 1],
      [e.name, 64.7, 2],
    ]);
  }, 300_000);
});

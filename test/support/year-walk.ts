import { expect } from "vitest";
import type { createTestApp } from "./test-app";
import { evidenceCodes, PDF_BYTES, selfValues } from "./year-fixtures";

// Helpers to walk a small period of the demo county through the API: one township, its staff, its account.

type Api = ReturnType<typeof createTestApp>;
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
export type Json = any;

export const json = async (res: Response): Promise<Json> => res.json();

/** Asserts a status (and error code) and returns the body. */
export async function expectStatus(res: Response, status: number, code?: string): Promise<Json> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  if (code) expect(body.error.code).toBe(code);
  return body;
}

export interface SmallPeriod {
  periodId: number;
  townshipId: number;
  townshipUser: string;
  members: { sheetId: number; personId: number; employeeNo: string; category: "station" | "reassigned" }[];
}

/** A scheme like the demo one, with D4 (the 选调 exam) bound to the recorded exam score. */
export async function createExamBoundScheme(api: Api, code: string): Promise<number> {
  const list = await json(await api.call("admin", "GET", "/api/v1/schemes"));
  const demo = await json(await api.call("admin", "GET", `/api/v1/schemes/${list.items.at(-1).id}`));
  const document = structuredClone(demo.document);
  document.code = code;
  for (const category of document.categories)
    for (const indicator of category.indicators) if (indicator.code === "D4") indicator.prefill = "examScore";
  const created = await expectStatus(await api.call("admin", "POST", "/api/v1/schemes", document), 201);
  return created.scheme.id;
}

/** Creates and opens a period of one township (xzNN) with the given scheme and deadlines. */
export async function createSmallPeriod(
  api: Api,
  input: { year: number; schemeId: number; township: string; deadlines: [string, string, string, string] },
): Promise<SmallPeriod> {
  const me = await json(await api.call(input.township, "GET", "/api/v1/auth/me"));
  const townshipId: number = me.user.scope.township.id;
  const [selfReportDeadline, reviewDeadline, recheckDeadline, appealDeadline] = input.deadlines;
  const created = await expectStatus(
    await api.call("admin", "POST", "/api/v1/periods", {
      year: input.year,
      name: `${input.year}年度考核`,
      schemeId: input.schemeId,
      selfReportDeadline,
      reviewDeadline,
      recheckDeadline,
      appealDeadline,
      townshipIds: [townshipId],
    }),
    201,
  );
  const periodId = created.period.id;
  await expectStatus(await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`), 200);
  const sheets = await json(await api.call("admin", "GET", `/api/v1/periods/${periodId}/sheets`));
  return {
    periodId,
    townshipId,
    townshipUser: input.township,
    members: sheets.items.map((s: Json) => ({
      sheetId: s.id,
      personId: s.personId,
      employeeNo: s.employeeNo,
      category: s.category,
    })),
  };
}

/** The current version of a sheet (as an admin sees it). */
export async function sheetOf(api: Api, sheetId: number, as = "admin"): Promise<Json> {
  return expectStatus(await api.call(as, "GET", `/api/v1/sheets/${sheetId}`), 200);
}

/** The member's self values for the demo scheme, without exam-bound codes. */
export function valuesFor(index: number, category: "station" | "reassigned", skip: readonly string[] = []) {
  return Object.entries(selfValues(index, category))
    .filter(([code]) => !skip.includes(code))
    .map(([code, value]) => ({ code, value }));
}

/** Self-reports (with evidence) and submits one member's sheet as its owner. */
export async function fillAndSubmit(
  api: Api,
  member: SmallPeriod["members"][number],
  index: number,
  skip: readonly string[] = ["D4"],
) {
  const username = member.employeeNo;
  let view = await sheetOf(api, member.sheetId, username);
  const items = valuesFor(index, member.category, skip);
  view = await expectStatus(
    await api.call(username, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
      version: view.sheet.version,
      items,
    }),
    200,
  );
  const values = Object.fromEntries(items.map((i) => [i.code, i.value]));
  for (const code of evidenceCodes(values)) {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(PDF_BYTES)], "证明.pdf"));
    const res = await api.app.request(`/api/v1/sheets/${member.sheetId}/items/${code}/evidence`, {
      method: "POST",
      headers: { cookie: await api.cookieFor(username) },
      body: form,
    });
    expect(res.status).toBe(201);
  }
  view = await sheetOf(api, member.sheetId, username);
  return expectStatus(
    await api.call(username, "POST", `/api/v1/sheets/${member.sheetId}/submit`, {
      version: view.sheet.version,
    }),
    200,
  );
}

/** The township passes (or returns) a submitted sheet. */
export async function review(api: Api, period: SmallPeriod, sheetId: number, decision: "pass" | "return") {
  const view = await sheetOf(api, sheetId, period.townshipUser);
  return expectStatus(
    await api.call(period.townshipUser, "POST", `/api/v1/sheets/${sheetId}/review`, {
      version: view.sheet.version,
      decision,
      comment: decision === "return" ? "佐证材料不清楚，请补充" : null,
    }),
    200,
  );
}

/** The assessor rates D3 and marks the sheet scored. */
export async function score(api: Api, sheetId: number) {
  let view = await sheetOf(api, sheetId, "assessor");
  view = await expectStatus(
    await api.call("assessor", "PATCH", `/api/v1/sheets/${sheetId}/score`, {
      version: view.sheet.version,
      items: [{ code: "D3", value: "良" }],
    }),
    200,
  );
  return expectStatus(
    await api.call("assessor", "POST", `/api/v1/sheets/${sheetId}/mark-scored`, {
      version: view.sheet.version,
    }),
    200,
  );
}

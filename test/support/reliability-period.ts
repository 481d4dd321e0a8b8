import { expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { queryRows } from "./reliability-snapshot";
import type { createTestApp } from "./test-app";
import { evidenceCodes, PDF_BYTES, selfValues } from "./year-fixtures";

// Small periods of the demo county for the reliability tests, brought to the state a test needs through the
// API (self-report, evidence), with one shortcut where the workflow itself is not under test.

type Api = ReturnType<typeof createTestApp>;

export interface PeriodMember {
  sheetId: number;
  personId: number;
  employeeNo: string;
  townshipId: number;
  category: "station" | "reassigned";
  values: Record<string, number>;
}

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
export async function ok(res: Response, status = 200): Promise<any> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

/** Creates and opens a period of `year` for the townships with the given account names (xz01 …). */
export async function openPeriod(api: Api, year: number, townshipUsers: readonly string[]) {
  const schemes = await ok(await api.call("admin", "GET", "/api/v1/schemes"));
  const townshipIds = [];
  for (const user of townshipUsers) {
    const me = await ok(await api.call(user, "GET", "/api/v1/auth/me"));
    townshipIds.push(me.user.scope.township.id);
  }
  const created = await ok(
    await api.call("admin", "POST", "/api/v1/periods", {
      year,
      name: `${year} reliability`,
      // The staff scheme (the demo also holds the campaign's township scheme, which has no person sheets).
      schemeId: schemes.items.find((scheme: { code: string }) => scheme.code === "GY-2025-STAFF").id,
      selfReportDeadline: `${year + 1}-01-10`,
      reviewDeadline: `${year + 1}-01-20`,
      recheckDeadline: `${year + 1}-02-15`,
      appealDeadline: `${year + 1}-02-28`,
      townshipIds,
    }),
    201,
  );
  const periodId: number = created.period.id;
  await ok(await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`));
  const sheets = (await ok(await api.call("assessor", "GET", `/api/v1/periods/${periodId}/sheets`))).items;
  const members: PeriodMember[] = sheets.map(
    (s: Omit<PeriodMember, "sheetId" | "values"> & { id: number }, i: number) => ({
      sheetId: s.id,
      personId: s.personId,
      employeeNo: s.employeeNo,
      townshipId: s.townshipId,
      category: s.category,
      values: selfValues(i, s.category),
    }),
  );
  return { periodId, members };
}

/** Saves every member's self-report; with `evidence`, uploads the files submission needs. */
export async function selfReport(api: Api, members: readonly PeriodMember[], evidence = false) {
  for (const m of members) {
    const view = await ok(await api.call(m.employeeNo, "GET", `/api/v1/sheets/${m.sheetId}`));
    const items = Object.entries(m.values).map(([code, value]) => ({ code, value }));
    await ok(
      await api.call(m.employeeNo, "PATCH", `/api/v1/sheets/${m.sheetId}/self`, {
        version: view.sheet.version,
        items,
      }),
    );
    if (!evidence) continue;
    for (const code of evidenceCodes(m.values)) {
      const form = new FormData();
      form.append("file", new File([PDF_BYTES], `${code}.pdf`));
      const res = await api.app.request(`/api/v1/sheets/${m.sheetId}/items/${code}/evidence`, {
        method: "POST",
        headers: { cookie: await api.cookieFor(m.employeeNo) },
        body: form,
      });
      expect(res.status).toBe(201);
    }
  }
}

/**
 * A period in `assessing` whose sheets are self-reported and reviewed. Submission and township review are
 * tested elsewhere; here the sheets are moved to `reviewed` directly, which is all the scoring tests need.
 */
export async function assessingPeriod(api: Api, handle: DbHandle, year: number, townshipUsers: string[]) {
  const period = await openPeriod(api, year, townshipUsers);
  await selfReport(api, period.members);
  await queryRows(
    handle.db,
    `update sheets set status = 'reviewed', reviewed_at = now() where period_id = ${period.periodId}`,
  );
  await ok(
    await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/start-assessing`, { confirm: true }),
  );
  return period;
}

/** The current version of a sheet, as the assessor reads it. */
export async function sheetVersion(api: Api, sheetId: number): Promise<number> {
  return (await ok(await api.call("assessor", "GET", `/api/v1/sheets/${sheetId}`))).sheet.version;
}

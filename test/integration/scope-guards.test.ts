import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { ok, openPeriod, type PeriodMember, selfReport, sheetVersion } from "../support/reliability-period";
import { queryRows } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PDF_BYTES } from "../support/year-fixtures";

// Scope, beyond the role guards of route-guards.test.ts: a township account sees and changes only its own
// township, a staff account only its own sheet, and results stay with the assessors until 公示. Each case
// names the exact answer, so a scope check that goes missing fails here.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2027-12-20T10:00:00+08:00");
let periodId = 0;
let members: PeriodMember[] = [];
let township1 = 0;
/** The n-th member of xz01's township (`own`) or of xz02's (`other`); every person has a staff account. */
const memberOf = (where: "own" | "other", n: number): PeriodMember => {
  const list = members.filter((m) => (m.townshipId === township1) === (where === "own"));
  const member = list[n];
  if (!member) throw new Error(`no ${where} member ${n}`);
  return member;
};

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  ({ periodId, members } = await openPeriod(api, 2028, ["xz01", "xz02"]));
  township1 = (await ok(await api.call("xz01", "GET", "/api/v1/auth/me"))).user.scope.township.id;
}, 120_000);
afterAll(() => handle?.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
async function sheetsAs(username: string, query = ""): Promise<any[]> {
  return (await ok(await api.call(username, "GET", `/api/v1/periods/${periodId}/sheets${query}`))).items;
}

async function upload(username: string, sheetId: number, code: string): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([PDF_BYTES], "证明.pdf"));
  return api.app.request(`/api/v1/sheets/${sheetId}/items/${code}/evidence`, {
    method: "POST",
    headers: { cookie: await api.cookieFor(username) },
    body: form,
  });
}

async function evidenceCount(sheetId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    `select count(*)::int as n from evidence e join sheet_items i on i.id = e.sheet_item_id where i.sheet_id = ${sheetId}`,
  );
  return Number(row?.n);
}

describe("GET /periods/:id/sheets", () => {
  it("a township account lists its own township only, whatever townshipId it asks for", async () => {
    const all = await sheetsAs("assessor");
    const other = all.find((s) => s.townshipId !== township1);
    expect(other).toBeDefined();
    const own = await sheetsAs("xz01");
    expect(own.length).toBe(all.filter((s) => s.townshipId === township1).length);
    expect(own.every((s) => s.townshipId === township1)).toBe(true);
    const asked = await sheetsAs("xz01", `?townshipId=${other.townshipId}`);
    expect(asked.every((s) => s.townshipId === township1)).toBe(true);
  });

  it("a staff account lists its own sheet only", async () => {
    const mine = await sheetsAs(memberOf("own", 0).employeeNo);
    expect(mine.map((s) => s.personId)).toEqual([memberOf("own", 0).personId]);
  });

  it("hides totals, grades and ranks from township and staff until 公示; assessors see them", async () => {
    const target = memberOf("own", 0);
    await selfReport(api, [target]);
    await queryRows(
      handle.db,
      `update sheets set status = 'scored', total = 88.5, rank = 3 where id = ${target.sheetId}`,
    );
    const [pool] = await queryRows<{ n: number }>(
      handle.db,
      `select count(*)::int as n from sheets where period_id = ${periodId} and exempt_category is null`,
    );
    const shown = (await sheetsAs("assessor")).find((s) => s.id === target.sheetId);
    expect(Number(shown.total)).toBe(88.5);
    // 第 3 / N 名: the queue carries the size of the ranked pool with a rank, never a bare number.
    expect(shown).toMatchObject({ rank: 3, rankOf: Number(pool?.n) });
    expect(Number(pool?.n)).toBeGreaterThan(3);
    for (const user of ["xz01", target.employeeNo]) {
      const hidden = (await sheetsAs(user)).find((s) => s.id === target.sheetId);
      expect(hidden, user).toMatchObject({
        status: "scored",
        total: null,
        grade: null,
        rank: null,
        rankOf: null,
      });
    }
    await queryRows(handle.db, `update sheets set status = 'published' where id = ${target.sheetId}`);
    const published = (await sheetsAs("xz01")).find((s) => s.id === target.sheetId);
    expect(Number(published.total)).toBe(88.5);
    await queryRows(
      handle.db,
      `update sheets set status = 'draft', total = null, rank = null where id = ${target.sheetId}`,
    );
  });
});

describe("DELETE /evidence/:id", () => {
  it("only its uploader removes it, and only while the sheet is a draft", async () => {
    const owner = memberOf("own", 1);
    const code = "A1";
    const uploaded = await ok(await upload(owner.employeeNo, owner.sheetId, code), 201);
    const evidenceId = uploaded.evidence.id;
    // Staff of the same township, staff of another township: not theirs (as if it did not exist).
    for (const user of [memberOf("own", 2).employeeNo, memberOf("other", 0).employeeNo]) {
      const res = await api.call(user, "DELETE", `/api/v1/evidence/${evidenceId}`);
      expect(res.status, user).toBe(404);
    }
    // Township, assessor and admin accounts never remove staff evidence.
    for (const user of ["xz01", "assessor", "admin"]) {
      const res = await api.call(user, "DELETE", `/api/v1/evidence/${evidenceId}`);
      expect(res.status, user).toBe(403);
    }
    expect(await evidenceCount(owner.sheetId)).toBe(1);
    // Submitted: no longer removable, even by its owner.
    await queryRows(handle.db, `update sheets set status = 'submitted' where id = ${owner.sheetId}`);
    const locked = await api.call(owner.employeeNo, "DELETE", `/api/v1/evidence/${evidenceId}`);
    expect(locked.status).toBe(409);
    expect(await evidenceCount(owner.sheetId)).toBe(1);
    await queryRows(handle.db, `update sheets set status = 'draft' where id = ${owner.sheetId}`);
    await ok(await api.call(owner.employeeNo, "DELETE", `/api/v1/evidence/${evidenceId}`));
    expect(await evidenceCount(owner.sheetId)).toBe(0);
  });
});

describe("writes across scope", () => {
  it("evidence on another person's sheet is refused and stores nothing", async () => {
    const victim = memberOf("own", 2);
    for (const user of [memberOf("own", 0).employeeNo, memberOf("other", 0).employeeNo]) {
      const res = await upload(user, victim.sheetId, "A1");
      expect(res.status, user).toBe(404);
    }
    expect(await evidenceCount(victim.sheetId)).toBe(0);
  });

  it("a self-report on another person's sheet is refused", async () => {
    const victim = memberOf("own", 2);
    const version = await sheetVersion(api, victim.sheetId);
    const res = await api.call(
      memberOf("own", 0).employeeNo,
      "PATCH",
      `/api/v1/sheets/${victim.sheetId}/self`,
      {
        version,
        items: [{ code: "A1", value: 1 }],
      },
    );
    expect(res.status).toBe(404);
    expect(await sheetVersion(api, victim.sheetId)).toBe(version);
  });

  it("a township account cannot review another township's sheet", async () => {
    const other = members.find((m) => m.townshipId !== township1);
    if (!other) throw new Error("no member of another township");
    await queryRows(handle.db, `update sheets set status = 'submitted' where id = ${other.sheetId}`);
    const version = await sheetVersion(api, other.sheetId);
    const res = await api.call("xz01", "POST", `/api/v1/sheets/${other.sheetId}/review`, {
      version,
      decision: "pass",
    });
    expect([403, 404]).toContain(res.status);
    expect(await sheetVersion(api, other.sheetId)).toBe(version);
    await queryRows(handle.db, `update sheets set status = 'draft' where id = ${other.sheetId}`);
  });

  it("a township account cannot set targets of another township's staff", async () => {
    const other = members.find((m) => m.townshipId !== township1);
    if (!other) throw new Error("no member of another township");
    const before = await queryRows(
      handle.db,
      `select * from targets where period_id = ${periodId} order by person_id, indicator_id`,
    );
    const res = await api.call("xz01", "PUT", `/api/v1/periods/${periodId}/targets`, {
      reason: "调整",
      items: [{ employeeNo: other.employeeNo, indicatorCode: "B1", value: 999 }],
    });
    // Refused as bad input naming the item: that person is not one of the township's.
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details).toEqual([
      { path: "items[0].employeeNo", message: expect.stringContaining("不是本乡镇人员") },
    ]);
    const after = await queryRows(
      handle.db,
      `select * from targets where period_id = ${periodId} order by person_id, indicator_id`,
    );
    expect(after).toEqual(before);
  });

  it("复核 and 申诉 on another person's sheet are refused and recorded nowhere", async () => {
    const victim = memberOf("own", 0);
    await queryRows(handle.db, `update sheets set status = 'published' where id = ${victim.sheetId}`);
    for (const kind of ["recheck", "appeal"]) {
      for (const user of [memberOf("own", 1).employeeNo, memberOf("other", 1).employeeNo]) {
        const res = await api.call(user, "POST", `/api/v1/sheets/${victim.sheetId}/${kind}`, {
          reason: "我认为评分有误",
        });
        expect(res.status, `${kind} by ${user}`).toBe(404);
      }
    }
    const [requests] = await queryRows<{ n: number }>(
      handle.db,
      `select count(*)::int as n from sheet_requests where sheet_id = ${victim.sheetId}`,
    );
    expect(Number(requests?.n)).toBe(0);
    await queryRows(handle.db, `update sheets set status = 'draft' where id = ${victim.sheetId}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import {
  createExamBoundScheme,
  createSmallPeriod,
  expectStatus,
  fillAndSubmit,
  type Json,
  json,
  review,
  type SmallPeriod,
  score,
  sheetOf,
} from "../support/year-walk";

// The situations of a real county office's year (issue 13), each walked through the API: a sheet returned
// during 考核, deadlines that move, people who cannot take part, late arrivals, values never changed silently,
// starting assessment knowingly, people named by 工号, the exam-bound indicator.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let now = new Date("2030-12-01T10:00:00+08:00");
let schemeId: number;
const DEADLINES: [string, string, string, string] = ["2031-01-10", "2031-01-20", "2031-02-15", "2031-02-28"];

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  schemeId = await createExamBoundScheme(api, "GY-EXAM");
});
afterAll(() => handle.close());

const at = (iso: string) => {
  now = new Date(`${iso}T10:00:00+08:00`);
};

async function auditOf(action: string, entityId: number | string): Promise<Json[]> {
  const res = await api.call("admin", "GET", `/api/v1/audit?entityId=${entityId}&limit=200`);
  return (await json(res)).items.filter((e: Json) => e.action === action);
}

describe("1. a sheet returned during 考核 comes back", () => {
  it("is corrected and resubmitted by its owner after the self-report deadline, then flows on to 公示", async () => {
    at("2030-12-01");
    const period = await createSmallPeriod(api, {
      year: 2030,
      schemeId,
      township: "xz05",
      deadlines: DEADLINES,
    });
    const [first, ...rest] = period.members;
    if (!first) throw new Error("no members");
    for (const [i, member] of period.members.entries()) await fillAndSubmit(api, member, i);
    for (const member of rest) await review(api, period, member.sheetId, "pass");
    at("2031-01-12"); // past the self-report deadline, before the review deadline
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/start-assessing`, {
        confirm: true,
      }),
      200,
    );
    const returned = await review(api, period, first.sheetId, "return");
    expect(returned.sheet.status).toBe("draft");
    // The owner may correct it until the review deadline, and is told so.
    const mine = await sheetOf(api, first.sheetId, first.employeeNo);
    expect(mine.actions).toEqual(expect.arrayContaining(["saveSelf", "submit"]));
    expect(mine.sheet.deadlines.selfReport).toBe("2031-01-20");
    const saved = await expectStatus(
      await api.call(first.employeeNo, "PATCH", `/api/v1/sheets/${first.sheetId}/self`, {
        version: mine.sheet.version,
        items: [{ code: "A1", value: 97 }],
      }),
      200,
    );
    await expectStatus(
      await api.call(first.employeeNo, "POST", `/api/v1/sheets/${first.sheetId}/submit`, {
        version: saved.sheet.version,
      }),
      200,
    );
    await review(api, period, first.sheetId, "pass");
    for (const member of period.members) await score(api, member.sheetId);
    await expectStatus(await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/publish`), 200);
    const after = await sheetOf(api, first.sheetId, first.employeeNo);
    expect(after.sheet.status).toBe("published");
    expect(after.items.find((i: Json) => i.code === "A1").selfValue).toBe(97);
  }, 120_000); // a whole period walked through the API; slow when the full suite loads the machine

  it("the admin returns an assessing period to open with a reason; scores given are kept", async () => {
    at("2031-01-05");
    const period = await createSmallPeriod(api, {
      year: 2031,
      schemeId,
      township: "xz06",
      deadlines: ["2032-01-10", "2032-01-20", "2032-02-15", "2032-02-28"],
    });
    for (const [i, member] of period.members.entries()) {
      await fillAndSubmit(api, member, i);
      await review(api, period, member.sheetId, "pass");
    }
    const path = `/api/v1/periods/${period.periodId}`;
    await expectStatus(await api.call("admin", "POST", `${path}/start-assessing`, { confirm: true }), 200);
    const [first] = period.members;
    if (!first) throw new Error("no members");
    const scored = await score(api, first.sheetId);
    const body = await expectStatus(await api.call("admin", "POST", `${path}/return-to-open`, {}), 400);
    expect(body.error.details[0].path).toBe("reason");
    const back = await expectStatus(
      await api.call("admin", "POST", `${path}/return-to-open`, { reason: "乡镇申请补报" }),
      200,
    );
    expect(back.period.status).toBe("open");
    const kept = await sheetOf(api, first.sheetId);
    expect(kept.sheet.status).toBe("scored");
    expect(kept.sheet.total).toBe(scored.sheet.total);
    expect((await auditOf("period.returnToOpen", period.periodId))[0].reason).toBe("乡镇申请补报");
    const view = await expectStatus(await api.call("admin", "GET", path), 200);
    expect(view.actions).toEqual(["startAssessing"]);
  });
});

describe("2. deadlines move, with a reason; extensions per township or person", () => {
  it("refuses a period with deadlines already past unless confirmed, and says which", async () => {
    at("2032-03-01");
    const body = {
      year: 2032,
      name: "2032年度考核",
      schemeId,
      selfReportDeadline: "2032-02-10",
      reviewDeadline: "2032-02-20",
      recheckDeadline: "2032-03-15",
      appealDeadline: "2032-03-30",
      townshipIds: [1],
    };
    const refused = await expectStatus(
      await api.call("admin", "POST", "/api/v1/periods", body),
      409,
      "DEADLINE_IN_PAST",
    );
    expect(refused.error.details.fields.map((f: Json) => f.path)).toEqual([
      "selfReportDeadline",
      "reviewDeadline",
    ]);
    const created = await expectStatus(
      await api.call("admin", "POST", "/api/v1/periods", { ...body, confirmPastDeadlines: true }),
      201,
    );
    expect(created.warnings.map((w: Json) => w.path)).toEqual(["selfReportDeadline", "reviewDeadline"]);
    const path = `/api/v1/periods/${created.period.id}/deadlines`;
    await expectStatus(await api.call("admin", "PATCH", path, { selfReportDeadline: "2032-04-10" }), 400);
    await expectStatus(
      await api.call("admin", "PATCH", path, { selfReportDeadline: "2032-04-10", reason: "延后" }),
      400, // would come after the review deadline
    );
    const changed = await expectStatus(
      await api.call("admin", "PATCH", path, {
        selfReportDeadline: "2032-04-10",
        reviewDeadline: "2032-04-20",
        recheckDeadline: "2032-05-15",
        appealDeadline: "2032-05-30",
        reason: "县局通知推迟年度考核",
      }),
      200,
    );
    expect(changed.period.selfReportDeadline).toBe("2032-04-10");
    expect(changed.warnings).toEqual([]);
    const [entry] = await auditOf("period.deadlines", created.period.id);
    expect(entry.reason).toBe("县局通知推迟年度考核");
    expect(entry.before.selfReportDeadline).toBe("2032-02-10");
  });

  it("an extension lets one person report after the deadline; others are told the date and whom to ask", async () => {
    at("2032-12-01");
    const period = await createSmallPeriod(api, {
      year: 2033,
      schemeId,
      township: "xz07",
      deadlines: ["2032-12-10", "2032-12-20", "2033-01-15", "2033-01-30"],
    });
    const [late, other] = period.members;
    if (!late || !other) throw new Error("need two members");
    at("2032-12-12");
    const refused = await expectStatus(
      await api.call(other.employeeNo, "PATCH", `/api/v1/sheets/${other.sheetId}/self`, {
        version: (await sheetOf(api, other.sheetId)).sheet.version,
        items: [{ code: "A1", value: 95 }],
      }),
      409,
      "DEADLINE_PASSED",
    );
    expect(refused.error.message).toContain("2032-12-10");
    expect(refused.error.message).toContain("延期");
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/extensions`, {
        personId: late.personId,
        selfReportDeadline: "2032-12-15",
      }),
      400, // no reason
    );
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/extensions`, {
        personId: late.personId,
        selfReportDeadline: "2032-12-15",
        reason: "住院两周",
      }),
      201,
    );
    await fillAndSubmit(api, late, 0);
    expect((await sheetOf(api, late.sheetId)).sheet.status).toBe("submitted");
  });
});

describe("3. people who cannot take part; 代填", () => {
  let period: SmallPeriod;
  it("an exempt person (不参加本期考核) does not block 公示 and is out of totals, ranks and township means", async () => {
    at("2033-12-01");
    period = await createSmallPeriod(api, {
      year: 2034,
      schemeId,
      township: "xz08",
      deadlines: ["2034-01-10", "2034-01-20", "2034-02-15", "2034-02-28"],
    });
    const [absent, ...rest] = period.members;
    if (!absent) throw new Error("no members");
    for (const [i, member] of rest.entries()) {
      await fillAndSubmit(api, member, i + 1);
      await review(api, period, member.sheetId, "pass");
    }
    at("2034-01-21");
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/start-assessing`, {
        confirm: true,
      }),
      200,
    );
    for (const member of rest) await score(api, member.sheetId);
    const blocked = await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/publish`),
      409,
      "SHEETS_NOT_SCORED",
    );
    // The refusal names the person by 工号 and name.
    expect(blocked.error.details.sheets).toEqual([
      expect.objectContaining({ employeeNo: absent.employeeNo }),
    ]);
    expect(blocked.error.message).toContain(absent.employeeNo);
    const version = (await sheetOf(api, absent.sheetId)).sheet.version;
    const bad = await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${absent.sheetId}/exempt`, {
        version,
        category: "vacation",
      }),
      400,
    );
    expect(bad.error.details.map((d: Json) => d.path)).toEqual(["category", "reason"]);
    await expectStatus(
      await api.call("assessor", "POST", `/api/v1/sheets/${absent.sheetId}/exempt`, {
        version,
        category: "sick_leave",
        reason: "长期病假",
      }),
      403,
    );
    const exempt = await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${absent.sheetId}/exempt`, {
        version,
        category: "sick_leave",
        reason: "2034年3月起病休至今",
      }),
      200,
    );
    expect(exempt.sheet.exempt).toMatchObject({ category: "sick_leave", reason: "2034年3月起病休至今" });
    expect(exempt.actions).toEqual(["restore"]);
    await expectStatus(await api.call("admin", "POST", `/api/v1/periods/${period.periodId}/publish`), 200);
    const ranking = await expectStatus(
      await api.call("admin", "GET", `/api/v1/reports/periods/${period.periodId}/people?limit=100`),
      200,
    );
    const row = ranking.items.find((p: Json) => p.employeeNo === absent.employeeNo);
    expect(row).toMatchObject({ rank: null, total: null, exempt: "sick_leave" });
    expect(row.gradeLabel).toContain("不参加考核");
    const ranks = ranking.items.filter((p: Json) => !p.exempt).map((p: Json) => p.rank);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(rest.length);
    const totals = rest.map((m) => ranking.items.find((p: Json) => p.employeeNo === m.employeeNo).total);
    const townships = await expectStatus(
      await api.call("admin", "GET", `/api/v1/reports/periods/${period.periodId}/townships`),
      200,
    );
    const mine = (townships.items ?? townships.townships).find(
      (t: Json) => t.townshipId === period.townshipId,
    );
    expect(mine.memberCount).toBe(rest.length);
    const mean = totals.reduce((a: number, b: number) => a + b, 0) / totals.length;
    expect(mine.composite).toBeCloseTo(Math.round(mean * 100) / 100, 2);
    // Published results stand: the exemption cannot be undone after 公示.
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${absent.sheetId}/restore`, {
        version: exempt.sheet.version,
        reason: "误操作",
      }),
      409,
      "PERIOD_PUBLISHED",
    );
  }, 120_000); // a whole period walked through the API; slow when the full suite loads the machine

  it("an exemption can be restored before 公示, with a reason; 代填 needs a reason and is audited", async () => {
    at("2034-12-01");
    const p = await createSmallPeriod(api, {
      year: 2035,
      schemeId,
      township: "xz09",
      deadlines: ["2035-01-10", "2035-01-20", "2035-02-15", "2035-02-28"],
    });
    const [someone] = p.members;
    if (!someone) throw new Error("no members");
    let view = await sheetOf(api, someone.sheetId);
    view = await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${someone.sheetId}/exempt`, {
        version: view.sheet.version,
        category: "transferred",
        reason: "调往县妇幼保健院",
      }),
      200,
    );
    await expectStatus(
      await api.call(someone.employeeNo, "PATCH", `/api/v1/sheets/${someone.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "A1", value: 95 }],
      }),
      409,
      "SHEET_EXEMPT",
    );
    view = await expectStatus(
      await api.call("admin", "POST", `/api/v1/sheets/${someone.sheetId}/restore`, {
        version: view.sheet.version,
        reason: "调动未成行",
      }),
      200,
    );
    expect(view.sheet.exempt).toBeNull();
    const noReason = await expectStatus(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${someone.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "A1", value: 95 }],
      }),
      400,
    );
    expect(noReason.error.details[0].path).toBe("onBehalfReason");
    view = await expectStatus(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${someone.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "A1", value: 95.5 }],
        onBehalfReason: "本人住院，据乡镇报表代填",
      }),
      200,
    );
    expect(view.items.find((i: Json) => i.code === "A1").selfValue).toBe(95.5);
    const [entry] = await auditOf("sheet.self_report.on_behalf", someone.sheetId);
    expect(entry.reason).toBe("本人住院，据乡镇报表代填");
    expect(entry.username).toBe("assessor");
    expect(entry.after.onBehalfOf.employeeNo).toBe(someone.employeeNo);
  });
});

describe("4. a late arrival gets a sheet", () => {
  it("adds a person to a running period with the default targets, once", async () => {
    at("2035-06-01");
    const p = await createSmallPeriod(api, {
      year: 2036,
      schemeId,
      township: "xz10",
      deadlines: ["2037-01-10", "2037-01-20", "2037-02-15", "2037-02-28"],
    });
    const people = await json(await api.call("admin", "GET", "/api/v1/people?limit=500"));
    const newcomer = people.items.find(
      (person: Json) => person.active && !p.members.some((m) => m.personId === person.id),
    );
    const added = await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${p.periodId}/people`, {
        employeeNo: newcomer.employeeNo,
      }),
      201,
    );
    expect(added.person.employeeNo).toBe(newcomer.employeeNo);
    const view = await sheetOf(api, added.sheetId);
    expect(view.items.find((i: Json) => i.code === "A1").target).toBe(95);
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${p.periodId}/people`, { personId: newcomer.id }),
      409,
      "SHEET_EXISTS",
    );
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${p.periodId}/people`, { employeeNo: "NOPE-1" }),
      400,
    );
  });
});

describe("5. no entered value is silently changed", () => {
  it("refuses more decimals than the indicator takes, naming the field; stores exactly what was entered", async () => {
    at("2036-06-01");
    const p = await createSmallPeriod(api, {
      year: 2037,
      schemeId,
      township: "xz11",
      deadlines: ["2038-01-10", "2038-01-20", "2038-02-15", "2038-02-28"],
    });
    const [member] = p.members;
    if (!member) throw new Error("no members");
    const view = await sheetOf(api, member.sheetId, member.employeeNo);
    for (const value of [81.99999, 1e-7, 123.45678]) {
      const refused = await expectStatus(
        await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
          version: view.sheet.version,
          items: [
            { code: "A3", value: 95 },
            { code: "A1", value },
          ],
        }),
        400,
      );
      expect(refused.error.details).toEqual([
        { path: "items[1].value", message: expect.stringContaining("2") },
      ]);
    }
    const saved = await expectStatus(
      await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "A1", value: 81.99 }],
      }),
      200,
    );
    expect(saved.items.find((i: Json) => i.code === "A1").selfValue).toBe(81.99);
    expect(saved.liveScore.vetoed).toBe(true); // 81.99 < 82 triggers the veto
  });
});

describe("6. starting assessment knows what it leaves behind", () => {
  it("is refused before the deadline or with drafts left, listing counts and people, unless confirmed", async () => {
    at("2037-06-01");
    const p = await createSmallPeriod(api, {
      year: 2038,
      schemeId,
      township: "xz12",
      deadlines: ["2038-07-10", "2038-07-20", "2038-08-15", "2038-08-28"],
    });
    const [done, ...drafts] = p.members;
    if (!done) throw new Error("no members");
    await fillAndSubmit(api, done, 0);
    const mine = await sheetOf(api, done.sheetId, done.employeeNo);
    expect(mine.actions).toEqual(["withdraw"]);
    const path = `/api/v1/periods/${p.periodId}`;
    const refused = await expectStatus(
      await api.call("admin", "POST", `${path}/start-assessing`),
      409,
      "CONFIRMATION_REQUIRED",
    );
    expect(refused.error.details.beforeDeadline).toBe(true);
    expect(refused.error.details.counts.byStatus).toEqual({ submitted: 1, draft: drafts.length });
    expect(refused.error.details.left.map((l: Json) => l.employeeNo).sort()).toEqual(
      p.members.map((m) => m.employeeNo).sort(),
    );
    const status = await expectStatus(await api.call("admin", "GET", path), 200);
    expect(status.counts.byTownship).toEqual([
      expect.objectContaining({ townshipId: p.townshipId, byStatus: { submitted: 1, draft: drafts.length } }),
    ]);
    // 撤回: the owner takes the submission back before the township reviews it.
    const withdrawn = await expectStatus(
      await api.call(done.employeeNo, "POST", `/api/v1/sheets/${done.sheetId}/withdraw`, {
        version: mine.sheet.version,
      }),
      200,
    );
    expect(withdrawn.sheet.status).toBe("draft");
    await expectStatus(await api.call("admin", "POST", `${path}/start-assessing`, { confirm: true }), 200);
  });
});

describe("9. the 选调 exam indicator comes from the record", () => {
  it("is prefilled, read-only for staff, correctable by an assessor with a reason", async () => {
    at("2038-06-01");
    const people = await json(await api.call("admin", "GET", "/api/v1/people?category=reassigned&limit=5"));
    const person = people.items[0];
    const townships = await json(await api.call("admin", "GET", "/api/v1/townships"));
    const index = townships.items.findIndex((t: Json) => t.id === person.townshipId);
    const township = `xz${String(index + 1).padStart(2, "0")}`;
    const p = await createSmallPeriod(api, {
      year: 2039,
      schemeId,
      township,
      deadlines: ["2039-07-10", "2039-07-20", "2039-08-15", "2039-08-28"],
    });
    const member = p.members.find((m) => m.personId === person.id);
    if (!member) throw new Error("the reassigned person has no sheet");
    const view = await sheetOf(api, member.sheetId, member.employeeNo);
    expect(view.examBound).toEqual(["D4"]);
    expect(view.items.find((i: Json) => i.code === "D4").selfValue).toBe(person.examScore);
    await expectStatus(
      await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
        version: view.sheet.version,
        items: [{ code: "D4", value: 59.5 }],
      }),
      400,
    );
    expect((await sheetOf(api, member.sheetId)).items.find((i: Json) => i.code === "D4").selfValue).toBe(
      person.examScore,
    );
    // Through to 考核: the assessor corrects the recorded score, only with a reason, and it is audited.
    for (const [i, m] of p.members.entries()) {
      await fillAndSubmit(api, m, i);
      await review(api, p, m.sheetId, "pass");
    }
    await expectStatus(
      await api.call("admin", "POST", `/api/v1/periods/${p.periodId}/start-assessing`, { confirm: true }),
      200,
    );
    const corrected = person.examScore === 84 ? 85 : 84;
    let scored = await sheetOf(api, member.sheetId, "assessor");
    const noReason = await expectStatus(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${member.sheetId}/score`, {
        version: scored.sheet.version,
        items: [{ code: "D4", value: corrected }],
      }),
      400,
    );
    expect(noReason.error.details).toEqual([{ path: "items[0].reason", message: expect.any(String) }]);
    scored = await expectStatus(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${member.sheetId}/score`, {
        version: scored.sheet.version,
        items: [{ code: "D4", value: corrected, reason: "考试成绩登记有误，以县人社局成绩单为准" }],
      }),
      200,
    );
    expect(scored.items.find((i: Json) => i.code === "D4")).toMatchObject({
      selfValue: person.examScore,
      verifiedValue: corrected,
      changeReason: "考试成绩登记有误，以县人社局成绩单为准",
    });
    expect(await auditOf("sheet.score", `${member.sheetId}:D4`)).toEqual([
      expect.objectContaining({
        username: "assessor",
        reason: "考试成绩登记有误，以县人社局成绩单为准",
        before: expect.objectContaining({ self: person.examScore }),
        after: { verified: corrected },
      }),
    ]);
    // Staff still cannot write it, nor score it.
    const own = await sheetOf(api, member.sheetId, member.employeeNo);
    expect(own.actions).not.toContain("saveSelf");
    await expectStatus(
      await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/score`, {
        version: own.sheet.version,
        items: [{ code: "D4", value: 95, reason: "本人认为" }],
      }),
      403,
    );
    await expectStatus(
      await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
        version: own.sheet.version,
        items: [{ code: "D4", value: 95 }],
      }),
      409,
    );
  }, 120_000);
});

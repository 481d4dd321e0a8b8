import "../support/property-seed";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { evidenceCodes, PDF_BYTES, selfValues } from "../support/year-fixtures";
import {
  Coverage,
  type Coverage as CoverageType,
  call,
  checkInvariants,
  periodStatus,
  type YearModel,
  type YearReal,
} from "../support/year-model";
import { type Json, json } from "../support/year-walk";

// Model-based test of the assessment year (issue 13): random sequences of every action by every role, with
// clock jumps past deadlines, against the real HTTP app. After every step: no 5xx, every acknowledged value is
// stored as acknowledged, no exempt sheet is counted, and a pure planner over the domain's transition tables
// finds the admin's own way from the stored statuses to 归档 (no trap). At the end of every run the admin
// alone walks that way through the app to 归档 (final), the cross-check that the planner tells the truth.
// MODEL_RUNS / MODEL_SEED explore further.

const RUNS = Number(process.env.MODEL_RUNS ?? 8);
const SEED = Number(process.env.MODEL_SEED ?? 1313);

let handle: DbHandle;
let real: YearReal;
let township: { id: number; user: string };
let outsider: { id: number; employeeNo: string }[] = [];
let runIndex = 0;
const coverage: CoverageType = new Coverage();

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  const clock = { now: new Date("2040-06-01T10:00:00+08:00") };
  const api = createTestApp(handle, { clock: () => clock.now });
  real = { api, handle, clock, coverage };
  // The smallest township with at least three people keeps each run short.
  const townships = (await json(await api.call("admin", "GET", "/api/v1/townships"))).items;
  const people = (await json(await api.call("admin", "GET", "/api/v1/people?limit=500"))).items;
  const sizes = townships.map((t: Json, i: number) => ({
    id: t.id,
    user: `xz${String(i + 1).padStart(2, "0")}`,
    size: people.filter((p: Json) => p.townshipId === t.id && p.active).length,
  }));
  township = sizes.filter((t: Json) => t.size >= 3).sort((a: Json, b: Json) => a.size - b.size)[0];
  outsider = people
    .filter((p: Json) => p.townshipId !== township.id && p.active)
    .slice(0, 3)
    .map((p: Json) => ({ id: p.id, employeeNo: p.employeeNo }));
});
afterAll(() => handle?.close());

const CODES = ["A1", "B1", "D1", "E1"] as const;
// Values with too many decimals must be refused and never stored rounded.
const VALUES = [95, 81.99, 81.999, 0, 100.5, 1e-7, 240, 12.25, 123.45678] as const;

type Cmd = fc.AsyncCommand<YearModel, YearReal>;

/** One step: an HTTP action whose acceptance the system decides; the model records what was acknowledged. */
function step(name: string, run: (m: YearModel, r: YearReal) => Promise<boolean>): Cmd {
  return {
    check: () => true,
    async run(model, realSystem) {
      const accepted = await run(model, realSystem);
      realSystem.coverage.record(name.split("(")[0] ?? name, accepted);
      await checkInvariants(model, realSystem);
    },
    toString: () => name,
  };
}

const member = (m: YearModel, i: number) => m.members[i % m.members.length] as YearModel["members"][number];
const version = async (r: YearReal, sheetId: number) =>
  (await call(r, "admin", "GET", `/api/v1/sheets/${sheetId}`)).body.sheet.version as number;

function acknowledge(map: Map<number, Map<string, unknown>>, sheetId: number, code: string, value: unknown) {
  const values = map.get(sheetId) ?? new Map<string, unknown>();
  values.set(code, value);
  map.set(sheetId, values);
}

const who = fc.nat({ max: 9 });

const commandArbs = [
  fc.tuple(who, fc.constantFrom(...CODES), fc.constantFrom(...VALUES)).map(([i, code, value]) =>
    step(`saveSelf(${i},${code},${value})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(r, s.employeeNo, "PATCH", `/api/v1/sheets/${s.sheetId}/self`, {
        version: await version(r, s.sheetId),
        items: [{ code, value }],
      });
      if (res.status === 200) acknowledge(m.selfValues, s.sheetId, code, value);
      return res.status === 200;
    }),
  ),
  who.map((i) =>
    step(`fillAll(${i})`, async (m, r) => {
      const s = member(m, i);
      const values = selfValues(i, "station");
      const { body } = await call(r, "admin", "GET", `/api/v1/sheets/${s.sheetId}`);
      const own = new Set(body.items.filter((it: Json) => it.source === "self").map((it: Json) => it.code));
      const items = Object.entries(values)
        .filter(([code]) => own.has(code))
        .map(([code, value]) => ({ code, value }));
      const res = await call(r, s.employeeNo, "PATCH", `/api/v1/sheets/${s.sheetId}/self`, {
        version: body.sheet.version,
        items,
      });
      if (res.status === 200)
        for (const item of items) acknowledge(m.selfValues, s.sheetId, item.code, item.value);
      if (res.status === 200)
        for (const code of evidenceCodes(values)) {
          const form = new FormData();
          form.append("file", new File([new Uint8Array(PDF_BYTES)], "e.pdf"));
          const up = await r.api.app.request(`/api/v1/sheets/${s.sheetId}/items/${code}/evidence`, {
            method: "POST",
            headers: { cookie: await r.api.cookieFor(s.employeeNo) },
            body: form,
          });
          expect(up.status).toBeLessThan(500);
        }
      return res.status === 200;
    }),
  ),
  fc
    .tuple(who, fc.constantFrom(...CODES), fc.constantFrom(...VALUES), fc.constantFrom("admin", "assessor"))
    .map(([i, code, value, as]) =>
      step(`saveOnBehalf(${i},${code},${value},${as})`, async (m, r) => {
        const s = member(m, i);
        const res = await call(r, as, "PATCH", `/api/v1/sheets/${s.sheetId}/self`, {
          version: await version(r, s.sheetId),
          items: [{ code, value }],
          onBehalfReason: "本人病休，代填",
        });
        if (res.status === 200) acknowledge(m.selfValues, s.sheetId, code, value);
        return res.status === 200;
      }),
    ),
  fc.tuple(who, fc.boolean()).map(([i, onBehalf]) =>
    step(`submit(${i},${onBehalf ? "代填" : "own"})`, async (m, r) => {
      const s = member(m, i);
      const as = onBehalf ? "admin" : s.employeeNo;
      const res = await call(r, as, "POST", `/api/v1/sheets/${s.sheetId}/submit`, {
        version: await version(r, s.sheetId),
        ...(onBehalf ? { onBehalfReason: "代为提交" } : {}),
      });
      return res.status === 200;
    }),
  ),
  who.map((i) =>
    step(`withdraw(${i})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(r, s.employeeNo, "POST", `/api/v1/sheets/${s.sheetId}/withdraw`, {
        version: await version(r, s.sheetId),
      });
      return res.status === 200;
    }),
  ),
  fc.tuple(who, fc.constantFrom("pass", "return")).map(([i, decision]) =>
    step(`review(${i},${decision})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(r, m.townshipUser, "POST", `/api/v1/sheets/${s.sheetId}/review`, {
        version: await version(r, s.sheetId),
        decision,
        comment: decision === "return" ? "请补充佐证" : null,
      });
      return res.status === 200;
    }),
  ),
  fc
    .tuple(
      who,
      fc.constantFrom("优", "良", "差"),
      fc.option(fc.constantFrom(90, 85.5, 70.123), { nil: undefined }),
    )
    .map(([i, rating, a1]) =>
      step(`score(${i},${rating},${a1})`, async (m, r) => {
        const s = member(m, i);
        const items: { code: string; value: unknown; reason?: string }[] = [{ code: "D3", value: rating }];
        if (a1 !== undefined) items.push({ code: "A1", value: a1, reason: "核查台账" });
        const res = await call(r, "assessor", "PATCH", `/api/v1/sheets/${s.sheetId}/score`, {
          version: await version(r, s.sheetId),
          items,
        });
        if (res.status === 200)
          for (const item of items) acknowledge(m.verifiedValues, s.sheetId, item.code, item.value);
        return res.status === 200;
      }),
    ),
  who.map((i) =>
    step(`markScored(${i})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(r, "assessor", "POST", `/api/v1/sheets/${s.sheetId}/mark-scored`, {
        version: await version(r, s.sheetId),
      });
      return res.status === 200;
    }),
  ),
  fc.tuple(who, fc.boolean()).map(([i, exempt]) =>
    step(`${exempt ? "exempt" : "restore"}(${i})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(
        r,
        "admin",
        "POST",
        `/api/v1/sheets/${s.sheetId}/${exempt ? "exempt" : "restore"}`,
        {
          version: await version(r, s.sheetId),
          category: "sick_leave",
          reason: "长期病假",
        },
      );
      return res.status === 200;
    }),
  ),
  fc.tuple(who, fc.constantFrom("recheck", "appeal")).map(([i, kind]) =>
    step(`${kind}(${i})`, async (m, r) => {
      const s = member(m, i);
      const res = await call(r, s.employeeNo, "POST", `/api/v1/sheets/${s.sheetId}/${kind}`, {
        reason: "对评分有异议",
        indicatorCode: "A1",
      });
      return res.status === 201;
    }),
  ),
  fc.tuple(who, fc.constantFrom("admin", "assessor")).map(([i, as]) =>
    step(`decide(${i},${as})`, async (m, r) => {
      const s = member(m, i);
      const { body } = await call(r, "admin", "GET", `/api/v1/sheets/${s.sheetId}`);
      const open = (body.requests ?? []).find((q: Json) => !q.decidedAt);
      if (!open) return false;
      const res = await call(r, as, "POST", `/api/v1/requests/${open.id}/decide`, {
        outcome: open.kind === "recheck" ? "kept" : "rejected",
        reason: "维持原评分",
      });
      return res.status === 200;
    }),
  ),
  fc
    .constantFrom("open", "start-assessing", "return-to-open", "publish", "finalize", "reopen")
    .chain((action) => fc.tuple(fc.constant(action), fc.boolean()))
    .map(([action, confirm]) =>
      step(`period(${action},${confirm})`, async (m, r) => {
        const body = action === "start-assessing" ? { confirm } : { reason: "年度安排调整" };
        const res = await call(r, "admin", "POST", `/api/v1/periods/${m.periodId}/${action}`, body);
        return res.status === 200;
      }),
    ),
  fc.tuple(who, fc.integer({ min: 1, max: 40 })).map(([i, days]) =>
    step(`extend(${i},+${days}d)`, async (m, r) => {
      const date = new Date(r.clock.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
      const res = await call(r, "admin", "POST", `/api/v1/periods/${m.periodId}/extensions`, {
        personId: member(m, i).personId,
        selfReportDeadline: date,
        reason: "病假延期",
      });
      return res.status === 201;
    }),
  ),
  fc.integer({ min: -20, max: 40 }).map((days) =>
    step(`deadlines(${days}d)`, async (m, r) => {
      const { body } = await call(r, "admin", "GET", `/api/v1/periods/${m.periodId}`);
      const shift = (d: string) => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);
      const p = body.period;
      const res = await call(r, "admin", "PATCH", `/api/v1/periods/${m.periodId}/deadlines`, {
        selfReportDeadline: shift(p.selfReportDeadline),
        reviewDeadline: shift(p.reviewDeadline),
        recheckDeadline: shift(p.recheckDeadline),
        appealDeadline: shift(p.appealDeadline),
        reason: "县局调整",
        confirmPastDeadlines: true,
      });
      return res.status === 200;
    }),
  ),
  fc.integer({ min: 1, max: 45 }).map((days) =>
    step(`clock(+${days}d)`, async (_m, r) => {
      r.clock.now = new Date(r.clock.now.getTime() + days * 86_400_000);
      return true;
    }),
  ),
  fc.nat({ max: 2 }).map((i) =>
    step(`lateArrival(${i})`, async (m, r) => {
      const person = outsider[i];
      if (!person) return false;
      const res = await call(r, "admin", "POST", `/api/v1/periods/${m.periodId}/people`, {
        personId: person.id,
      });
      if (res.status === 201)
        m.members.push({ sheetId: res.body.sheetId, personId: person.id, employeeNo: person.employeeNo });
      return res.status === 201;
    }),
  ),
];

/** Moves one sheet a step along the happy path as its rightful actor (so that runs reach 公示 and beyond). */
const advance = who.map((i) =>
  step(`advance(${i})`, async (m, r) => {
    const s = member(m, i);
    const { body } = await call(r, "admin", "GET", `/api/v1/sheets/${s.sheetId}`);
    const v = body.sheet.version;
    if (body.sheet.status === "draft") {
      const values = selfValues(i, body.sheet.category);
      const items = body.items
        .filter((it: Json) => it.source === "self" && it.selfValue === null && values[it.code] !== undefined)
        .map((it: Json) => ({ code: it.code, value: values[it.code] }));
      let current = v;
      if (items.length > 0) {
        const saved = await call(r, "admin", "PATCH", `/api/v1/sheets/${s.sheetId}/self`, {
          version: v,
          items,
          onBehalfReason: "据乡镇报表代填",
        });
        if (saved.status !== 200) return false;
        for (const item of items) acknowledge(m.selfValues, s.sheetId, item.code, item.value);
        current = saved.body.sheet.version;
      }
      const res = await call(r, "admin", "POST", `/api/v1/sheets/${s.sheetId}/submit`, {
        version: current,
        onBehalfReason: "代为提交",
      });
      return res.status === 200;
    }
    if (body.sheet.status === "submitted") {
      const res = await call(r, m.townshipUser, "POST", `/api/v1/sheets/${s.sheetId}/review`, {
        version: v,
        decision: "pass",
      });
      return res.status === 200;
    }
    if (body.sheet.status === "reviewed") {
      const res = await call(r, "assessor", "PATCH", `/api/v1/sheets/${s.sheetId}/score`, {
        version: v,
        items: [{ code: "D3", value: "优" }],
      });
      if (res.status !== 200) return false;
      acknowledge(m.verifiedValues, s.sheetId, "D3", "优");
      const marked = await call(r, "assessor", "POST", `/api/v1/sheets/${s.sheetId}/mark-scored`, {
        version: res.body.sheet.version,
      });
      return marked.status === 200;
    }
    return false;
  }),
);
/** The admin moves the period one step forward (confirming start-assessing), as an office eventually does. */
const advancePeriod = fc.constant(null).map(() =>
  step("advancePeriod", async (m, r) => {
    const status = (await call(r, "admin", "GET", `/api/v1/periods/${m.periodId}`)).body.period.status;
    const next: Record<string, string> = {
      open: "start-assessing",
      assessing: "publish",
      published: "finalize",
    };
    if (!next[status]) return false;
    const res = await call(r, "admin", "POST", `/api/v1/periods/${m.periodId}/${next[status]}`, {
      confirm: true,
    });
    return res.status === 200;
  }),
);
/** The admin takes the period straight to 公示 (without moving the clock), so that 复核 and 申诉 are in reach. */
const toPublished = fc.constant(null).map(() =>
  step("toPublished", async (m, r) => {
    await driveTo(m, r, "published");
    return (await periodStatus(r, m.periodId)) === "published";
  }),
);
/** 复核, its answer and 申诉 by one person in a row: the only way to reach an appealed sheet. */
const recheckThenAppeal = who.map((i) =>
  step(`recheckThenAppeal(${i})`, async (m, r) => {
    const s = member(m, i);
    const filed = await call(r, s.employeeNo, "POST", `/api/v1/sheets/${s.sheetId}/recheck`, {
      reason: "对评分有异议",
    });
    r.coverage.record("recheck", filed.status === 201);
    if (filed.status !== 201) return false;
    await checkInvariants(m, r);
    const decided = await call(r, "assessor", "POST", `/api/v1/requests/${filed.body.request.id}/decide`, {
      outcome: "kept",
      reason: "维持原评分",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.sheet.status).toBe("published");
    await checkInvariants(m, r);
    const appealed = await call(r, s.employeeNo, "POST", `/api/v1/sheets/${s.sheetId}/appeal`, {
      reason: "不服复核结果",
    });
    return appealed.status === 201;
  }),
);
/** 不参加本期考核 and its restoration in a row, so that restore is reached. */
const exemptThenRestore = who.map((i) =>
  step(`exemptThenRestore(${i})`, async (m, r) => {
    const s = member(m, i);
    const exempt = await call(r, "admin", "POST", `/api/v1/sheets/${s.sheetId}/exempt`, {
      version: await version(r, s.sheetId),
      category: "transferred",
      reason: "年中调离",
    });
    r.coverage.record("exempt", exempt.status === 200);
    if (exempt.status !== 200) return false;
    await checkInvariants(m, r);
    const restored = await call(r, "admin", "POST", `/api/v1/sheets/${s.sheetId}/restore`, {
      version: exempt.body.sheet.version,
      reason: "调离撤销，恢复考核",
    });
    return restored.status === 200;
  }),
);
commandArbs.push(advance, advance, advance, advance, advance, advancePeriod, advancePeriod);
commandArbs.push(toPublished, recheckThenAppeal, recheckThenAppeal, exemptThenRestore);

/** The admin alone takes the period to 归档: exempting whoever cannot be scored, scoring, deciding requests. */
async function driveToFinal(model: YearModel, r: YearReal) {
  await driveTo(model, r, "final");
  expect(await periodStatus(r, model.periodId)).toBe("final");
}

/** The admin alone takes the period to `target` (公示 or 归档) along the way the planner promised. */
async function driveTo(model: YearModel, r: YearReal, target: "published" | "final") {
  for (let round = 0; round < 8; round++) {
    const status = await periodStatus(r, model.periodId);
    if (status === target) return;
    const path = `/api/v1/periods/${model.periodId}`;
    if (status === "draft") await call(r, "admin", "POST", `${path}/open`);
    if (status === "open") await call(r, "admin", "POST", `${path}/start-assessing`, { confirm: true });
    const sheets = (await call(r, "admin", "GET", `${path}/sheets`)).body.items as Json[];
    if (status === "assessing") {
      for (const sheet of sheets) {
        if (sheet.exempt || sheet.status === "scored") continue;
        const v = await version(r, sheet.id);
        if (sheet.status === "reviewed") {
          const scored = await call(r, "admin", "PATCH", `/api/v1/sheets/${sheet.id}/score`, {
            version: v,
            items: [{ code: "D3", value: "中" }],
          });
          expect(scored.status).toBe(200);
          acknowledge(model.verifiedValues, sheet.id, "D3", "中");
          const marked = await call(r, "admin", "POST", `/api/v1/sheets/${sheet.id}/mark-scored`, {
            version: v + 1,
          });
          expect(marked.status).toBe(200);
        } else {
          const exempt = await call(r, "admin", "POST", `/api/v1/sheets/${sheet.id}/exempt`, {
            version: v,
            category: "other",
            reason: "未按期完成，不参加本期考核",
          });
          expect(exempt.status, JSON.stringify(exempt.body)).toBe(200);
        }
      }
      const published = await call(r, "admin", "POST", `${path}/publish`);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
    }
    if (status === "published") {
      for (const sheet of sheets.filter((s) => s.status === "recheck_requested" || s.status === "appealed")) {
        const { body } = await call(r, "admin", "GET", `/api/v1/sheets/${sheet.id}`);
        const open = body.requests.find((q: Json) => !q.decidedAt);
        const decided = await call(r, "admin", "POST", `/api/v1/requests/${open.id}/decide`, {
          outcome: open.kind === "recheck" ? "kept" : "rejected",
          reason: "维持",
        });
        expect(decided.status).toBe(200);
      }
      const finalized = await call(r, "admin", "POST", `${path}/finalize`);
      expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    }
    await checkInvariants(model, r);
  }
}

async function newRun(): Promise<YearModel> {
  const year = 2040 + runIndex++;
  real.clock.now = new Date(`${year}-06-01T10:00:00+08:00`);
  const schemes = (await json(await real.api.call("admin", "GET", "/api/v1/schemes"))).items;
  const created = await call(real, "admin", "POST", "/api/v1/periods", {
    year,
    name: `${year}年度考核（模型）`,
    schemeId: schemes.at(-1).id,
    selfReportDeadline: `${year}-07-10`,
    reviewDeadline: `${year}-07-20`,
    recheckDeadline: `${year}-08-10`,
    appealDeadline: `${year}-08-20`,
    townshipIds: [township.id],
  });
  expect(created.status).toBe(201);
  const periodId = created.body.period.id;
  expect((await call(real, "admin", "POST", `/api/v1/periods/${periodId}/open`)).status).toBe(200);
  const sheets = (await call(real, "admin", "GET", `/api/v1/periods/${periodId}/sheets`)).body
    .items as Json[];
  return {
    periodId,
    year,
    townshipUser: township.user,
    members: sheets.map((s) => ({ sheetId: s.id, personId: s.personId, employeeNo: s.employeeNo })),
    selfValues: new Map(),
    verifiedValues: new Map(),
    lastStates: new Map(),
  };
}

describe("the assessment year, as random sequences of every action by every role", () => {
  it("never traps the period, never changes an acknowledged value, never counts an exempt sheet", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 40, size: "max" }), async (commands) => {
        const model = await newRun();
        await fc.asyncModelRun(() => ({ model, real }), commands);
        await driveToFinal(model, real);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const transitions = [...coverage.states].sort();
    console.info(
      `[year-model] ${RUNS} runs; states reached (${transitions.length}): ${transitions.join(", ")}\n` +
        `[year-model] transitions reached (${coverage.transitions.size}): ${[...coverage.transitions].sort().join("; ")}\n` +
        `[year-model] actions (accepted/refused): ${[...coverage.actions]
          .map(([action, n]) => `${action} ${n.accepted}/${n.refused}`)
          .join(", ")}`,
    );
    // Every sheet status of the life cycle was reached, with exempt sheets among them, 复核, 申诉 and restore.
    expect(transitions.some((s) => s.endsWith("/exempt"))).toBe(true);
    expect(transitions).toEqual(
      expect.arrayContaining(["published/recheck_requested", "published/appealed", "final/final"]),
    );
    expect(coverage.actions.get("exemptThenRestore")?.accepted ?? 0).toBeGreaterThan(0);
    expect(coverage.plans).toBeGreaterThan(RUNS * 10); // the planner was asked after every step
    expect(new Set(transitions.map((s) => s.split("/")[0]))).toEqual(
      new Set(["open", "assessing", "published", "final"]),
    );
  }, 1_200_000);
});

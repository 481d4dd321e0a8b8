import { expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import type { PeriodStatus } from "../../src/domain/period-state";
import type { SheetStatus } from "../../src/domain/sheet-state";
import { queryRows } from "./reliability-snapshot";
import type { createTestApp } from "./test-app";
import { planToFinal } from "./year-planner";
import { type Json, json } from "./year-walk";

// The model of the model-based year test: what the system acknowledged (values, exemptions), the clock, and
// the states and transitions reached, for the coverage report.

type Api = ReturnType<typeof createTestApp>;

export interface Member {
  sheetId: number;
  personId: number;
  employeeNo: string;
}

export interface YearModel {
  periodId: number;
  year: number;
  townshipUser: string;
  members: Member[];
  /** sheetId → code → the last self value the system acknowledged (200). */
  selfValues: Map<number, Map<string, unknown>>;
  /** sheetId → code → the last verified value acknowledged. */
  verifiedValues: Map<number, Map<string, unknown>>;
  /** sheetId → its last observed state, for the transitions reached. */
  lastStates: Map<number, string>;
}

export interface YearReal {
  api: Api;
  handle: DbHandle;
  clock: { now: Date };
  coverage: Coverage;
}

/** States (period status / sheet status / exempt) and transitions seen across all runs. */
export class Coverage {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  readonly actions = new Map<string, { accepted: number; refused: number }>();
  /** How many times the planner was asked whether the period can still reach 归档. */
  plans = 0;

  record(action: string, accepted: boolean) {
    const entry = this.actions.get(action) ?? { accepted: 0, refused: 0 };
    if (accepted) entry.accepted++;
    else entry.refused++;
    this.actions.set(action, entry);
  }
}

/** Calls the API and fails on any 5xx; returns status and body. */
export async function call(
  real: YearReal,
  user: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await real.api.call(user, method, path, body);
  const text = await res.text();
  expect(res.status, `${method} ${path} as ${user}: ${text.slice(0, 300)}`).toBeLessThan(500);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

interface StoredSheet {
  id: number;
  status: string;
  exempt: string | null;
  total: string | number | null;
  rank: number | null;
  township_id: number;
  period_status: string;
}

/** The period's sheets as stored, with the period status. */
export async function storedSheets(real: YearReal, periodId: number) {
  return queryRows<StoredSheet>(
    real.handle.db,
    `select s.id, s.status, s.exempt_category as exempt, s.total, s.rank, s.township_id, p.status as period_status
       from sheets s join periods p on p.id = s.period_id where s.period_id = ${periodId} order by s.id`,
  );
}

/** Records the states reached: the period with each of its sheets. */
export function recordStates(coverage: Coverage, sheets: readonly StoredSheet[]) {
  for (const sheet of sheets)
    coverage.states.add(`${sheet.period_status}/${sheet.status}${sheet.exempt ? "/exempt" : ""}`);
}

/**
 * The invariants checked after every step: every acknowledged value is stored exactly as acknowledged, and no
 * exempt sheet is counted (no total, rank or item score; township member counts exclude it).
 */
export async function checkInvariants(model: YearModel, real: YearReal) {
  const items = await queryRows<{
    sheet_id: number;
    code: string;
    self_value: string | number | null;
    self_rating: string | null;
    verified_value: string | number | null;
    verified_rating: string | null;
    score: string | number | null;
  }>(
    real.handle.db,
    `select i.sheet_id, d.code, i.self_value, i.self_rating, i.verified_value, i.verified_rating, i.score
       from sheet_items i join indicators d on d.id = i.indicator_id join sheets s on s.id = i.sheet_id
      where s.period_id = ${model.periodId}`,
  );
  const stored = new Map(items.map((row) => [`${row.sheet_id}:${row.code}`, row]));
  for (const [sheetId, values] of model.selfValues)
    for (const [code, value] of values) {
      const row = stored.get(`${sheetId}:${code}`);
      const actual = row?.self_rating ?? (row?.self_value === null ? null : Number(row?.self_value));
      expect(actual, `self ${code} of sheet ${sheetId}`).toEqual(value);
    }
  for (const [sheetId, values] of model.verifiedValues)
    for (const [code, value] of values) {
      const row = stored.get(`${sheetId}:${code}`);
      const actual =
        row?.verified_rating ?? (row?.verified_value === null ? null : Number(row?.verified_value));
      expect(actual, `verified ${code} of sheet ${sheetId}`).toEqual(value);
    }
  const sheets = await storedSheets(real, model.periodId);
  recordStates(real.coverage, sheets);
  for (const sheet of sheets) {
    const state = `${sheet.period_status}/${sheet.status}${sheet.exempt ? "/exempt" : ""}`;
    const before = model.lastStates.get(sheet.id);
    if (before && before !== state) real.coverage.transitions.add(`${before} → ${state}`);
    model.lastStates.set(sheet.id, state);
  }
  // No trap: from what is stored now, the admin alone can still take the period to 归档.
  const periodNow = sheets[0]?.period_status ?? (await periodStatus(real, model.periodId));
  const plan = planToFinal(
    periodNow as PeriodStatus,
    sheets.map((s) => ({ id: s.id, status: s.status as SheetStatus, exempt: s.exempt !== null })),
  );
  real.coverage.plans++;
  expect(plan, `no way to 归档 from ${sheets.map((s) => `${s.id}:${s.status}`).join(" ")}`).toMatchObject({
    ok: true,
  });
  const exempt = new Set(sheets.filter((s) => s.exempt).map((s) => s.id));
  for (const sheet of sheets.filter((s) => s.exempt)) {
    expect(sheet.total, `exempt sheet ${sheet.id} has a total`).toBeNull();
    expect(sheet.rank, `exempt sheet ${sheet.id} has a rank`).toBeNull();
  }
  for (const row of items)
    if (exempt.has(row.sheet_id)) expect(row.score, `exempt item ${row.sheet_id}:${row.code}`).toBeNull();
  const results = await queryRows<{ township_id: number; member_count: number }>(
    real.handle.db,
    `select township_id, member_count from township_results where period_id = ${model.periodId}`,
  );
  for (const result of results) {
    const counted = sheets.filter((s) => s.township_id === result.township_id && !s.exempt).length;
    expect(result.member_count).toBe(counted);
  }
  return sheets;
}

/** Reads the period's status as the admin sees it. */
export async function periodStatus(real: YearReal, periodId: number): Promise<string> {
  return (await json(await real.api.call("admin", "GET", `/api/v1/periods/${periodId}`))).period.status;
}

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { inJsonbKeyOrder } from "../../src/db/jsonb-order";
import { countingDb } from "../support/statement-count";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import {
  createExamBoundScheme,
  createSmallPeriod,
  type SmallPeriod,
  sheetOf,
  valuesFor,
} from "../support/year-walk";

// Issue 21, "cheap saves": a self-report save is one transaction of at most five statements whatever the
// number of items (no statement per item), and its answer is built from what the save read and computed,
// yet equals what a fresh read of the sheet answers. Statements are counted as drizzle sends them
// (test/support/statement-count.ts: BEGIN and COMMIT excluded, triggers' own work not counted).

const MAX_STATEMENTS = 5;
const NOW = new Date("2030-11-29T10:00:00+08:00");

let handle: DbHandle;
let counter: ReturnType<typeof countingDb>;
let api: ReturnType<typeof createTestApp>;
let small: SmallPeriod;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  counter = countingDb(handle);
  api = createTestApp({ ...handle, db: counter.db }, { clock: () => NOW });
  const schemeId = await createExamBoundScheme(api, "GY-SAVES");
  small = await createSmallPeriod(api, {
    year: 2030,
    schemeId,
    township: "xz03",
    deadlines: ["2030-12-01", "2030-12-15", "2031-01-15", "2031-02-15"],
  });
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

/** Saves as the sheet's owner and returns the answer's text and the statements of its transaction. */
async function save(member: SmallPeriod["members"][number], items: unknown[]) {
  const before = await sheetOf(api, member.sheetId, member.employeeNo);
  await api.cookieFor(member.employeeNo);
  counter.reset();
  const res = await api.call(member.employeeNo, "PATCH", `/api/v1/sheets/${member.sheetId}/self`, {
    version: before.sheet.version,
    items,
  });
  const text = await res.text();
  expect(res.status, text.slice(0, 400)).toBe(200);
  expect(counter.transactions, "one transaction per save").toHaveLength(1);
  const statements = counter.transactions[0] ?? [];
  // At least the version bump, the items and the audit row: the count is not vacuous.
  expect(statements.filter((s) => /^(update|insert)/i.test(s.trim()))).toHaveLength(3);
  return { text, statements, before };
}

describe("a self-report save", () => {
  it(`runs at most ${MAX_STATEMENTS} statements for a whole sheet, and answers what a fresh read answers`, async () => {
    const member = small.members.find((m) => m.category === "station") ?? small.members[0];
    if (!member) throw new Error("no member");
    const items = valuesFor(1, member.category, ["D4"]).map((item) => ({
      ...item,
      note: `说明 ${item.code}`,
    }));
    expect(items.length).toBeGreaterThanOrEqual(15);
    const { text, statements, before } = await save(member, items);
    expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(MAX_STATEMENTS);
    const answer = JSON.parse(text);
    expect(answer.sheet.version).toBe(before.sheet.version + 1);
    for (const item of items) {
      const shown = answer.items.find((i: { code: string }) => i.code === item.code);
      expect(shown.selfValue).toBe(item.value);
      expect(shown.note).toBe(item.note);
      expect(shown.selfScore).not.toBeNull();
    }
    // The same JSON, byte for byte, as the page read afresh after the commit.
    const fresh = await api.call(member.employeeNo, "GET", `/api/v1/sheets/${member.sheetId}`);
    expect(await fresh.text()).toBe(text);
  });

  it("changing one item still costs the same few statements and answers as a fresh read", async () => {
    const member = small.members.filter((m) => m.category === "station")[1] ?? small.members[1];
    if (!member) throw new Error("no member");
    const first = valuesFor(2, member.category, ["D4"]);
    await save(member, first);
    const { text, statements } = await save(member, [{ code: "A1", value: 93.25, note: null }]);
    expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(MAX_STATEMENTS);
    const fresh = await api.call(member.employeeNo, "GET", `/api/v1/sheets/${member.sheetId}`);
    expect(await fresh.text()).toBe(text);
    expect(JSON.parse(text).items.find((i: { code: string }) => i.code === "A1").selfValue).toBe(93.25);
  });

  it("orders counts' keys as the jsonb column gives them back", async () => {
    const counts = { 错报: 1, "错报@上级": 2, bb: 3, a: 4, ab: 5 };
    const rows = await handle.db.execute(sql`select ${JSON.stringify(counts)}::jsonb::text as value`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: { value: string }[] }).rows) as {
      value: string;
    }[];
    const stored = JSON.parse(list[0]?.value ?? "{}");
    expect(Object.keys(inJsonbKeyOrder(counts))).toEqual(Object.keys(stored));
  });
});

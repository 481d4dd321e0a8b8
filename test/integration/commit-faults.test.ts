import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "../../src/db/client";
import { progressEntries } from "../../src/db/schema/period";
import { sheets } from "../../src/db/schema/sheet";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// A write that committed must not be answered as if nothing was saved (issue 14, "Saved, yet answered
// 503"). The connection faults are injected around the real database, so this runs on both databases;
// reliability-faults.pg.test.ts terminates real PostgreSQL backends.

let handle: DbHandle;
const now = new Date("2026-11-15T10:00:00+08:00");
const fault = { mode: undefined as undefined | "lostAtCommit" | "nextSelectFails", armed: false };

const connectionClosed = () =>
  Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });

/** The database, with a connection that breaks when `fault.mode` says so (once). */
function faultyDb(db: Db): Db {
  const faulty: Db = Object.create(db);
  faulty.transaction = (async (work, config) => {
    const result = await db.transaction(work, config);
    if (fault.mode === "lostAtCommit") {
      fault.mode = undefined;
      throw connectionClosed(); // committed, but the client never heard so
    }
    if (fault.mode === "nextSelectFails") fault.armed = true;
    return result;
  }) as Db["transaction"];
  faulty.select = ((...args: Parameters<Db["select"]>) => {
    if (fault.armed) {
      fault.armed = false;
      fault.mode = undefined;
      throw connectionClosed();
    }
    return db.select(...args);
  }) as Db["select"];
  return faulty;
}

let api: ReturnType<typeof createTestApp>;
let sheetId = 0;
let periodId = 0;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { db: faultyDb(handle.db), clock: () => now });
  const mine = (await (await api.call("GY0101", "GET", "/api/v1/me/sheets")).json()) as {
    items: { id: number; year: number; periodId: number }[];
  };
  const sheet = mine.items.find((s) => s.year === 2026);
  sheetId = sheet?.id ?? -1;
  periodId = sheet?.periodId ?? -1;
});
afterAll(() => handle?.close());

async function sheetVersion() {
  const [row] = await handle.db
    .select({ version: sheets.version })
    .from(sheets)
    .where(eq(sheets.id, sheetId));
  return row?.version ?? -1;
}

describe("a fault after the commit", () => {
  it("a self-report answers from inside its transaction: a failing query afterwards cannot make it a 503", async () => {
    const version = await sheetVersion();
    fault.mode = "nextSelectFails";
    const res = await api.call("GY0101", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
      version,
      items: [{ code: "A1", value: 93 }],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { sheet: { version: number } };
    expect(body.sheet.version).toBe(version + 1);
    expect(await sheetVersion()).toBe(version + 1);
    fault.mode = undefined;
    fault.armed = false;
  });

  it("a connection lost at commit answers 503 COMMIT_UNKNOWN (re-read), not DATABASE_UNAVAILABLE", async () => {
    fault.mode = "lostAtCommit";
    const res = await api.call("GY0101", "PUT", `/api/v1/periods/${periodId}/progress`, {
      entries: [{ indicatorCode: "B1", month: 4, value: 61 }],
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("COMMIT_UNKNOWN");
    expect(body.error.message).toContain("可能已经保存");
    // It was in fact saved: re-reading shows it, so the client does not save it twice.
    const rows = await handle.db
      .select({ value: progressEntries.value })
      .from(progressEntries)
      .where(and(eq(progressEntries.periodId, periodId), eq(progressEntries.month, 4)));
    expect(rows.map((r) => Number(r.value))).toContain(61);
  });

  it("a fault before the commit is still a plain 503 DATABASE_UNAVAILABLE and saves nothing", async () => {
    const version = await sheetVersion();
    fault.mode = undefined;
    const broken: Db = Object.create(handle.db);
    broken.transaction = (async () => {
      throw connectionClosed();
    }) as Db["transaction"];
    const other = createTestApp(handle, { db: broken, clock: () => now });
    const res = await other.app.request(`/api/v1/sheets/${sheetId}/self`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie: await api.cookieFor("GY0101") },
      body: JSON.stringify({ version, items: [{ code: "A1", value: 95 }] }),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("DATABASE_UNAVAILABLE");
    expect(await sheetVersion()).toBe(version);
  });
});

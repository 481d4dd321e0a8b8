import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "../../src/db/client";
import { createKeyedFetch } from "../../web/src/api/keyed-fetch";
import { queryRows } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PDF_BYTES } from "../support/year-fixtures";

// Writes a client can retry (issue 14, "an answer the client can trust"): a state-changing request with an
// Idempotency-Key commits its change and its answer together; a retry with the same key replays that answer
// and changes nothing. Runs on both databases; reliability-faults.pg.test.ts adds real terminated backends.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let clock = new Date("2026-11-15T10:00:00+08:00");
const lostAtCommit = { armed: false };
let sheetId = 0;
let periodId = 0;
let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

/** The database, whose next transaction commits and then loses its connection when armed (once). */
function faultyDb(db: Db): Db {
  const faulty: Db = Object.create(db);
  faulty.transaction = (async (work, config) => {
    const result = await db.transaction(work, config);
    if (lostAtCommit.armed) {
      lostAtCommit.armed = false;
      throw Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
    }
    return result;
  }) as Db["transaction"];
  return faulty;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { db: faultyDb(handle.db), clock: () => clock });
  const mine = (await (await api.call("GY0101", "GET", "/api/v1/me/sheets")).json()) as {
    items: { id: number; year: number; periodId: number }[];
  };
  const sheet = mine.items.find((s) => s.year === 2026);
  sheetId = sheet?.id ?? -1;
  periodId = sheet?.periodId ?? -1;
});
afterAll(() => handle?.close());

async function sheetVersion(): Promise<number> {
  const [row] = await queryRows<{ version: number }>(
    handle.db,
    `select version from sheets where id = ${sheetId}`,
  );
  return Number(row?.version ?? -1);
}

async function auditCount(action: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    `select count(*)::int as n from audit_log where action = '${action}'`,
  );
  return Number(row?.n);
}

const saveSelf = (version: number, value: number, key: string, user = "GY0101") =>
  api.call(
    user,
    "PATCH",
    `/api/v1/sheets/${sheetId}/self`,
    { version, items: [{ code: "A1", value }] },
    { "Idempotency-Key": key },
  );

describe("Idempotency-Key", () => {
  it("a retry with the same key replays the first answer and saves once", async () => {
    const version = await sheetVersion();
    const audits = await auditCount("sheet.self_report");
    const key = newKey();
    const first = await saveSelf(version, 91, key);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await saveSelf(version, 91, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await sheetVersion()).toBe(version + 1);
    expect(await auditCount("sheet.self_report")).toBe(audits + 1);
    // Without the key the same body is a second save of an old version: refused as stale, as before.
    const unkeyed = await api.call("GY0101", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
      version,
      items: [{ code: "A1", value: 91 }],
    });
    expect(unkeyed.status).toBe(409);
  });

  it("the same key with a different request is refused with 422, naming the header, and changes nothing", async () => {
    const version = await sheetVersion();
    const key = newKey();
    expect((await saveSelf(version, 92, key)).status).toBe(200);
    const reused = await saveSelf(version + 1, 93, key);
    expect(reused.status).toBe(422);
    const body = (await reused.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(body.error.message).toMatch(/^此 Idempotency-Key 已用于另一个请求.*different request/);
    expect(body.error.details).toEqual([
      { path: "Idempotency-Key", message: "used for a different request" },
    ]);
    expect(await sheetVersion()).toBe(version + 1);
  });

  it("keys belong to their user: another user's identical key is a request of its own", async () => {
    const key = newKey();
    const mine = await api.call(
      "GY0101",
      "PUT",
      `/api/v1/periods/${periodId}/progress`,
      { entries: [{ indicatorCode: "B1", month: 5, value: 40 }] },
      { "Idempotency-Key": key },
    );
    expect(mine.status, await mine.clone().text()).toBe(200);
    const theirs = await api.call(
      "xz01",
      "PUT",
      `/api/v1/periods/${periodId}/progress`,
      { entries: [{ indicatorCode: "B1", month: 5, value: 40 }] },
      { "Idempotency-Key": key },
    );
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a failed request keeps nothing under its key: the corrected retry runs", async () => {
    const version = await sheetVersion();
    const key = newKey();
    const stale = await saveSelf(version - 1, 94, key);
    expect(stale.status).toBe(409);
    const corrected = await saveSelf(version, 94, key);
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get("idempotent-replayed")).toBeNull();
    expect(await sheetVersion()).toBe(version + 1);
  });

  it("a connection lost at commit: COMMIT_UNKNOWN, and the retry with the key answers the committed result", async () => {
    const version = await sheetVersion();
    const audits = await auditCount("sheet.self_report");
    const key = newKey();
    lostAtCommit.armed = true;
    const lost = await saveSelf(version, 95, key);
    expect(lost.status).toBe(503);
    expect(((await lost.json()) as { error: { code: string } }).error.code).toBe("COMMIT_UNKNOWN");
    const retried = await saveSelf(version, 95, key);
    expect(retried.status, await retried.clone().text()).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const body = (await retried.json()) as { sheet: { version: number } };
    expect(body.sheet.version).toBe(version + 1);
    expect(await sheetVersion()).toBe(version + 1);
    expect(await auditCount("sheet.self_report")).toBe(audits + 1);
  });

  it("two requests with the same key at once: one change, both get its answer", async () => {
    const version = await sheetVersion();
    const audits = await auditCount("sheet.self_report");
    const key = newKey();
    const [a, b] = await Promise.all([saveSelf(version, 96, key), saveSelf(version, 96, key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect(await sheetVersion()).toBe(version + 1);
    expect(await auditCount("sheet.self_report")).toBe(audits + 1);
  });

  it("an evidence upload retried with its key stores one file (the multipart boundary may differ)", async () => {
    const key = newKey();
    const upload = async () => {
      const form = new FormData();
      form.append("file", new File([PDF_BYTES], "证明.pdf"));
      return api.app.request(`/api/v1/sheets/${sheetId}/items/A1/evidence`, {
        method: "POST",
        headers: { cookie: await api.cookieFor("GY0101"), "Idempotency-Key": key },
        body: form,
      });
    };
    const uploads = await auditCount("evidence.upload");
    const first = await upload();
    expect(first.status, await first.clone().text()).toBe(201);
    const again = await upload();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await auditCount("evidence.upload")).toBe(uploads + 1);
  });

  it("a malformed key is a 400 naming the header; reads ignore the header", async () => {
    const res = await saveSelf(await sheetVersion(), 97, "short");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details[0]?.path).toBe("Idempotency-Key");
    const read = await api.call("GY0101", "GET", `/api/v1/sheets/${sheetId}`, undefined, {
      "Idempotency-Key": "short",
    });
    expect(read.status).toBe(200);
  });

  it("keys expire after a day: the same key is then a new action, and expired keys are swept", async () => {
    const version = await sheetVersion();
    const key = newKey();
    expect((await saveSelf(version, 98, key)).status).toBe(200);
    const [before] = await queryRows<{ n: number }>(
      handle.db,
      "select count(*)::int as n from idempotency_keys",
    );
    expect(Number(before?.n)).toBeGreaterThan(3);
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const later = await saveSelf(version + 1, 99, key);
    expect(later.status, await later.clone().text()).toBe(200);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await sheetVersion()).toBe(version + 2);
    const [after] = await queryRows<{ n: number }>(
      handle.db,
      "select count(*)::int as n from idempotency_keys",
    );
    expect(Number(after?.n)).toBe(1);
  });

  it("the web client's fetch: one key per action, reused by its own retry after COMMIT_UNKNOWN; saved once", async () => {
    const cookie = await api.cookieFor("GY0101");
    const sent: { method: string; key: string | null; status: number }[] = [];
    const keyedFetch = createKeyedFetch(
      async (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set("cookie", cookie);
        const res = await api.app.request(String(input), { ...init, headers });
        sent.push({ method: init?.method ?? "GET", key: headers.get("idempotency-key"), status: res.status });
        return res;
      },
      async () => {},
    );
    const version = await sheetVersion();
    const audits = await auditCount("sheet.self_report");
    lostAtCommit.armed = true;
    const save = () =>
      keyedFetch(`/api/v1/sheets/${sheetId}/self`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version, items: [{ code: "A1", value: 88 }] }),
      });
    const res = await save();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(sent.map((s) => s.status)).toEqual([503, 200]);
    expect(sent[0]?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[1]?.key).toBe(sent[0]?.key);
    expect(await sheetVersion()).toBe(version + 1);
    expect(await auditCount("sheet.self_report")).toBe(audits + 1);
    // A read carries no key; the next action gets a key of its own.
    await keyedFetch(`/api/v1/sheets/${sheetId}`);
    await save();
    expect(sent[2]).toMatchObject({ method: "GET", key: null });
    expect(sent[3]?.key).not.toBe(sent[0]?.key);
    expect(sent[3]?.status).toBe(409); // a new action with the old version: stale, not replayed
  });

  it("试算 (a POST that changes nothing) ignores the key: nothing is kept", async () => {
    const [before] = await queryRows<{ n: number }>(
      handle.db,
      "select count(*)::int as n from idempotency_keys",
    );
    const res = await api.call(
      "admin",
      "POST",
      "/api/v1/schemes/preview",
      {},
      { "Idempotency-Key": newKey() },
    );
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    const [after] = await queryRows<{ n: number }>(
      handle.db,
      "select count(*)::int as n from idempotency_keys",
    );
    expect(after?.n).toBe(before?.n);
  });
});

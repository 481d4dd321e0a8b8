import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PER_ITEM } from "../../src/services/assessment/evidence-service";
import { reportLongestBlock } from "../support/loop-guard";
import { diffStates, snapshotTables } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PDF_BYTES } from "../support/year-fixtures";

// Every limit answers with a clear 4xx in the API's error shape, names what was too big, and writes nothing.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2026-11-15T10:00:00+08:00");
const ids = { openPeriod: 0, ownSheet: 0, personId: 0 };

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();

async function expectRefusal(res: Response, status: number, code?: string) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  expect(typeof body.error.message).toBe("string");
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now }, { loopGuard: true });
  const periods = (await json(await api.call("admin", "GET", "/api/v1/periods"))).items;
  ids.openPeriod = periods.find((p: { year: number }) => p.year === 2026).id;
  const mine = (await json(await api.call("GY0101", "GET", "/api/v1/me/sheets"))).items;
  ids.ownSheet = mine.find((s: { year: number }) => s.year === 2026).id;
  ids.personId = (await json(await api.call("GY0101", "GET", "/api/v1/auth/me"))).user.person.id;
});
afterAll(async () => {
  reportLongestBlock("reliability-limits.test.ts");
  await handle?.close();
});

async function raw(user: string, method: string, path: string, init: RequestInit) {
  const headers = new Headers(init.headers);
  headers.set("cookie", await api.cookieFor(user));
  return api.app.request(path, { ...init, method, headers });
}

function upload(bytes: Uint8Array, code = "A3") {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], "证明.pdf"));
  return raw("GY0101", "POST", `/api/v1/sheets/${ids.ownSheet}/items/${code}/evidence`, { body: form });
}

/** A PDF of `size` bytes (a real signature, then padding). */
function pdfOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(PDF_BYTES.subarray(0, Math.min(PDF_BYTES.length, size)));
  return bytes;
}

describe("request body size", () => {
  it("a JSON body over 1 MB is refused with 413 before it is read, and nothing is written", async () => {
    const before = await snapshotTables(handle.db);
    const body = JSON.stringify({ reason: "x".repeat(1024 * 1024), items: [] });
    const res = await raw("admin", "PUT", `/api/v1/periods/${ids.openPeriod}/targets`, {
      headers: { "content-type": "application/json" },
      body,
    });
    await expectRefusal(res, 413, "PAYLOAD_TOO_LARGE");
    expect(diffStates(before, await snapshotTables(handle.db), { countOnly: ["sessions"] })).toEqual([]);
  });

  it("a streamed body without Content-Length is cut off at the same limit", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await raw("admin", "POST", "/api/v1/schemes/preview", {
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectRefusal(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("the 试算 preview is bounded by the body limit before its 20,000-person cap", async () => {
    const person = { employeeNo: "1", township: "t", category: "station", values: {} };
    const people = Array.from({ length: 20_001 }, (_, i) => ({ ...person, employeeNo: String(i) }));
    const res = await api.call("admin", "POST", "/api/v1/schemes/preview", { scheme: {}, people });
    await expectRefusal(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("deeply nested JSON within the size limit is a 400, not a stack overflow", async () => {
    // Written as text: JSON.stringify itself overflows the stack on such values.
    const deep = {
      array: `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
      object: `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`,
    };
    const post = (path: string, body: string) =>
      raw("admin", "POST", path, { headers: { "content-type": "application/json" }, body });
    for (const text of Object.values(deep)) {
      await expectRefusal(await post("/api/v1/schemes/preview", `{"scheme":${text},"people":[]}`), 400);
      await expectRefusal(await post("/api/v1/schemes", text), 400);
      await expectRefusal(await post("/api/v1/users", `{"username":${text}}`), 400);
    }
  });
});

describe("upload size", () => {
  it("an evidence body over 11 MB is refused with 413", async () => {
    await expectRefusal(await upload(pdfOfSize(11 * 1024 * 1024 + 1)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("a file over 10 MB inside the envelope is refused with 413 FILE_TOO_LARGE; 10 MB exactly is taken", async () => {
    await expectRefusal(await upload(pdfOfSize(MAX_EVIDENCE_BYTES + 1)), 413, "FILE_TOO_LARGE");
    const res = await upload(pdfOfSize(MAX_EVIDENCE_BYTES));
    expect(res.status).toBe(201);
  }, 60_000);

  it("an Excel import over its 5 MB limit is refused with 413, nothing imported", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(6 * 1024 * 1024)], "目标.xlsx"));
    const before = await snapshotTables(handle.db);
    const res = await raw("admin", "POST", `/api/v1/excel/imports/targets?periodId=${ids.openPeriod}`, {
      body: form,
    });
    await expectRefusal(res, 413, "PAYLOAD_TOO_LARGE");
    expect(diffStates(before, await snapshotTables(handle.db), { countOnly: ["sessions"] })).toEqual([]);
  });

  it(`at most ${MAX_EVIDENCE_PER_ITEM} files per item`, async () => {
    for (let i = 0; i < MAX_EVIDENCE_PER_ITEM; i++) expect((await upload(PDF_BYTES, "B3")).status).toBe(201);
    await expectRefusal(await upload(PDF_BYTES, "B3"), 409, "TOO_MANY_FILES");
  }, 60_000);
});

describe("array lengths and string lengths", () => {
  const cases: [string, string, string, string, unknown][] = [
    [
      "targets: 20,001 items",
      "admin",
      "PUT",
      "/api/v1/periods/{open}/targets",
      {
        reason: "批量调整",
        items: Array.from({ length: 20_001 }, () => ({ personId: 1, indicatorCode: "B1", value: 1 })),
      },
    ],
    [
      "progress: 501 entries",
      "GY0101",
      "PUT",
      "/api/v1/periods/{open}/progress",
      { entries: Array.from({ length: 501 }, () => ({ indicatorCode: "B1", month: 1, value: 1 })) },
    ],
    [
      "self-report: 201 items",
      "GY0101",
      "PATCH",
      "/api/v1/sheets/{sheet}/self",
      { version: 1, items: Array.from({ length: 201 }, () => ({ code: "A1", value: 1 })) },
    ],
    [
      "period: 5,001 townships",
      "admin",
      "POST",
      "/api/v1/periods",
      {
        year: 2035,
        name: "x",
        schemeId: 1,
        selfReportDeadline: "2036-01-10",
        reviewDeadline: "2036-01-20",
        recheckDeadline: "2036-02-15",
        appealDeadline: "2036-02-28",
        townshipIds: Array.from({ length: 5_001 }, (_, i) => i + 1),
      },
    ],
    [
      "targets: a 2,001-character reason",
      "admin",
      "PUT",
      "/api/v1/periods/{open}/targets",
      { reason: "理".repeat(2_001), items: [{ personId: 1, indicatorCode: "B1", value: 1 }] },
    ],
    [
      "self-report: a 2,001-character note",
      "GY0101",
      "PATCH",
      "/api/v1/sheets/{sheet}/self",
      { version: 1, items: [{ code: "A1", value: 1, note: "注".repeat(2_001) }] },
    ],
  ];

  it.each(cases)("%s → 400 naming the field, nothing written", async (_name, user, method, path, body) => {
    const url = path.replace("{open}", String(ids.openPeriod)).replace("{sheet}", String(ids.ownSheet));
    const before = await snapshotTables(handle.db);
    const error = await expectRefusal(await api.call(user, method, url, body), 400, "VALIDATION_FAILED");
    expect(error.details.length).toBeGreaterThan(0);
    expect(error.details[0].path).toMatch(/^(items|entries|townshipIds|reason)/);
    expect(diffStates(before, await snapshotTables(handle.db), { countOnly: ["sessions"] })).toEqual([]);
  });
});

describe("pagination caps", () => {
  const cases: [string, string][] = [
    ["admin", "/api/v1/people?limit=501"],
    ["admin", "/api/v1/people?limit=0"],
    ["admin", "/api/v1/people?offset=1000001"],
    ["admin", "/api/v1/people?limit=1e3"],
    ["admin", "/api/v1/users?limit=501"],
    ["admin", "/api/v1/audit?limit=201"],
    ["admin", "/api/v1/audit?offset=-1"],
    ["viewer", "/api/v1/reports/periods/{published}/people?limit=501"],
  ];

  it.each(cases)("%s GET %s → 400", async (user, path) => {
    const periods = (await json(await api.call("admin", "GET", "/api/v1/periods"))).items;
    const published = periods.find((p: { year: number }) => p.year === 2025).id;
    const res = await api.call(user, "GET", path.replace("{published}", String(published)));
    const error = await expectRefusal(res, 400, "VALIDATION_FAILED");
    expect(error.details[0].path).toMatch(/limit|offset/);
  });

  it("the largest page is served", async () => {
    const res = await api.call("admin", "GET", "/api/v1/people?limit=500");
    expect(res.status).toBe(200);
    expect((await json(res)).items.length).toBeLessThanOrEqual(500);
  });
});

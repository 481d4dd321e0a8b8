import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { periods } from "../../src/db/schema/period";
import demoSchemeDocument from "../../src/db/seed/demo-scheme.json";
import { MAX_JSON_BODY } from "../../src/http/app";
import { upload } from "../fixtures/excel-api";
import { buildWorkbook, type SheetCell } from "../fixtures/workbooks";
import { reportLongestBlock } from "../support/loop-guard";
import { diffStates, snapshotTables } from "../support/reliability-snapshot";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PDF_BYTES } from "../support/year-fixtures";

// Regression tests of issue 14's findings 1–5: how much work one request may cause. Every request here
// runs under the event-loop guard: one that blocks the loop for more than 200 ms fails its test.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
const now = new Date("2026-11-15T10:00:00+08:00");
const ids = { period: 0, ownSheet: 0, personId: 0 };

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now }, { loopGuard: true });
  const [period] = await handle.db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.year, 2026), eq(periods.kind, "annual")));
  ids.period = period?.id ?? -1;
  const mine = (await json(await api.call("GY0101", "GET", "/api/v1/me/sheets"))).items;
  ids.ownSheet = mine.find((s: { year: number }) => s.year === 2026).id;
  ids.personId = (await json(await api.call("GY0101", "GET", "/api/v1/auth/me"))).user.person.id;
  // Signed in before any snapshot: a sign-in writes a session and a login attempt.
  await Promise.all(["admin", "assessor", "xz01"].map((user) => api.cookieFor(user)));
});
afterAll(async () => {
  reportLongestBlock("work-budget.test.ts");
  await handle?.close();
});

/** Expects a refusal that changed nothing in the database. */
async function expectRefusedUnchanged(
  send: () => Promise<{ status: number; body: unknown }>,
  status: number,
) {
  const before = await snapshotTables(handle.db);
  const { status: got, body } = await send();
  expect(got, JSON.stringify(body).slice(0, 400)).toBe(status);
  expect(diffStates(before, await snapshotTables(handle.db), { countOnly: ["sessions"] })).toEqual([]);
  return body as { error: { code: string; message: string; details: { path: string; message: string }[] } };
}

describe("finding 1: a tiny workbook describing a huge sheet is refused fast (413 naming the limit)", () => {
  const HEADER = ["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"];
  const targetsFile = (rows: SheetCell[][]) => buildWorkbook([{ name: "目标", rows: [HEADER, ...rows] }]);

  /** A valid one-row targets file whose first worksheet's XML is rewritten. */
  async function patchedFile(patch: (xml: string) => string): Promise<Uint8Array<ArrayBuffer>> {
    const zip = await JSZip.loadAsync(await targetsFile([["GY0101", null, "B1", null, 240, null]]));
    const path = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(path)?.async("string");
    if (!xml) throw new Error("no sheet1.xml");
    const patched = patch(xml);
    expect(patched).not.toBe(xml);
    zip.file(path, patched);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bytes.length).toBeLessThan(20_000); // tiny, far below every size limit
    return new Uint8Array(bytes);
  }

  const send = (bytes: Uint8Array<ArrayBuffer>) =>
    upload(api, "admin", "targets", bytes, { periodId: ids.period, reason: "测试" });

  it.each([
    [
      "one cell at row 1,048,576",
      (xml: string) =>
        xml.replace("</sheetData>", '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'),
      "20000",
    ],
    [
      "a merged range A2:J150000",
      (xml: string) =>
        xml.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="A2:J150000"/></mergeCells>',
        ),
      "20000",
    ],
    [
      "a merged range A1:XFD1048576",
      (xml: string) =>
        xml.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
      "64",
    ],
    [
      "a column definition up to column 2,000,000",
      (xml: string) =>
        xml.replace("<sheetData>", '<cols><col min="1" max="2000000" width="9"/></cols><sheetData>'),
      "16384",
    ],
    [
      "a dimension of A1:XFD1048576",
      (xml: string) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'),
      "64",
    ],
    [
      "a data validation over A1:J1000000",
      (xml: string) =>
        xml.replace(
          "</sheetData>",
          '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:J1000000"><formula1>1</formula1></dataValidation></dataValidations>',
        ),
      "20000",
    ],
    [
      "a cell in column 65",
      (xml: string) => xml.replace("</row></sheetData>", '<c r="BM2"><v>1</v></c></row></sheetData>'),
      "64",
    ],
  ])("refuses %s", async (_what, patch, limit) => {
    const bytes = await patchedFile(patch);
    const body = await expectRefusedUnchanged(() => send(bytes), 413);
    expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.error.details).toEqual([{ path: "file", message: expect.stringContaining(limit) }]);
  });

  it("reads a file at the limits (20,000 rows, a cell in column 64) without blocking the server", async () => {
    // Every row names an unknown employee: the whole file is loaded and checked, then refused row by row.
    const rows: SheetCell[][] = Array.from({ length: 20_000 }, (_, i) => [
      `X${i}`,
      null,
      "B1",
      null,
      1,
      null,
    ]);
    const bytes = await buildWorkbook([
      { name: "目标", rows: [HEADER, ...rows.map((row) => [...row, ...Array(57).fill(null), 1])] },
    ]);
    const body = await expectRefusedUnchanged(() => send(bytes), 400);
    expect(body.error.code).toBe("IMPORT_REJECTED");
    expect(body.error.details[0]).toEqual({ path: "row 2, 工号", message: expect.stringContaining("X0") });
  }, 120_000); // building and loading 20,000 rows takes a while on a shared machine
});

describe("finding 2: schemes and 试算 are bounded", () => {
  type Doc = typeof demoSchemeDocument;
  const base = (): Doc => structuredClone(demoSchemeDocument);
  const bandsIndicator = (code: string, bands: number) => ({
    code,
    name: `指标 ${code}`,
    points: 1,
    target: 100,
    appliesTo: ["station", "reassigned"],
    source: "self",
    rule: {
      type: "bands",
      on: "rate",
      bands: Array.from({ length: bands }, (_, k) => ({ min: k / bands, fraction: k / bands })),
    },
  });
  const schemeWith = (indicators: unknown[], gradeBands?: unknown[]) => ({
    ...base(),
    // Other bands: the demo's consequences name its own grades, so they go too.
    ...(gradeBands ? { gradeBands, consequences: undefined } : {}),
    categories: [{ code: "X", name: "测试", indicators }],
  });
  const gradeBands = (n: number) =>
    Array.from({ length: n }, (_, k) => ({ grade: `G${k}`, label: `档 ${k}`, min: k * (100 / n) }));
  const people = (n: number, values: (i: number) => Record<string, number> = () => ({})) =>
    Array.from({ length: n }, (_, i) => ({
      employeeNo: `P${i}`,
      township: `T${i % 20}`,
      category: "station",
      values: values(i),
    }));
  const preview = async (scheme: unknown, list: unknown[]) => {
    const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", { scheme, people: list });
    return { status: res.status, body: await json(res) };
  };
  const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path);

  it("refuses a rule with 20,000 bands, 10,000 grade bands and 300 indicators, naming each", async () => {
    const bands = await preview(schemeWith([bandsIndicator("A", 20_000)]), people(1_000));
    expect(bands.status).toBe(400);
    expect(paths(bands.body)).toContain("scheme.categories[0].indicators[0].rule.bands");
    const grades = await preview(schemeWith([bandsIndicator("A", 3)], gradeBands(10_000)), people(1_500));
    expect(grades.status).toBe(400);
    expect(paths(grades.body)).toContain("scheme.gradeBands");
    const many = Array.from({ length: 300 }, (_, i) => bandsIndicator(`A${i}`, 3));
    const indicators = await preview(schemeWith(many), people(10));
    expect(indicators.status).toBe(400);
    expect(paths(indicators.body)).toContain("scheme.categories[0].indicators");
  });

  it("refuses a stored scheme beyond the bounds as well (it would slow every recompute)", async () => {
    const doc = { ...schemeWith([bandsIndicator("A", 51)]), code: "BIG" };
    const body = await expectRefusedUnchanged(async () => {
      const res = await api.call("admin", "POST", "/api/v1/schemes", doc);
      return { status: res.status, body: await json(res) };
    }, 400);
    expect(paths(body)).toContain("categories[0].indicators[0].rule.bands");
  });

  it("refuses more than 5,000 people and more than 200,000 people × indicators", async () => {
    const tooMany = await preview(schemeWith([bandsIndicator("A", 3)]), people(5_001));
    expect(tooMany.status).toBe(400);
    expect(paths(tooMany.body)).toEqual(["people"]);
    const wide = Array.from({ length: 41 }, (_, i) => bandsIndicator(`A${i}`, 3));
    const tooMuch = await preview(schemeWith(wide), people(5_000));
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details).toMatchObject([
      { path: "people", message: expect.stringContaining("200000") },
    ]);
  });

  // Fuzz seed 1802632180 drew a 试算 whose hostile strings of three-byte characters made 352,617 characters
  // of JSON weigh 1,048,577 bytes: refused 413 before any work, as it should be. (The fuzz property expected
  // 200 or 400 only and spent its whole time shrinking the 350 KB input: the "hang" of issue 14.)
  it("counts the 1 MB body limit in UTF-8 bytes: one byte over is 413 before any work, the limit itself is read", async () => {
    const bodyOfBytes = (bytes: number) => {
      const body = { scheme: base(), people: [{ ...people(1)[0], name: "" }] };
      const padding = bytes - Buffer.byteLength(JSON.stringify(body));
      const person = body.people[0] as { name: string };
      person.name = "测".repeat(Math.floor(padding / 3)) + "x".repeat(padding % 3);
      expect(Buffer.byteLength(JSON.stringify(body))).toBe(bytes);
      return body;
    };
    const send = async (body: unknown) => {
      const res = await api.call("assessor", "POST", "/api/v1/schemes/preview", body);
      return { status: res.status, body: await json(res) };
    };
    const over = await expectRefusedUnchanged(() => send(bodyOfBytes(MAX_JSON_BODY + 1)), 413);
    expect(over.error.code).toBe("PAYLOAD_TOO_LARGE");
    // At the limit the body is read and validated: the name is far too long (100 characters at most).
    const atLimit = await send(bodyOfBytes(MAX_JSON_BODY));
    expect(atLimit.status, JSON.stringify(atLimit.body).slice(0, 300)).toBe(400);
    expect(paths(atLimit.body)).toContain("people[0].name");
  });

  it("computes a 试算 at the limits without blocking the server", async () => {
    // 200 indicators × 50 bands, 20 grade bands, 1,000 people: 200,000 scored items.
    const wide = Array.from({ length: 200 }, (_, i) => bandsIndicator(`A${i}`, 50));
    const atLimit = await preview(schemeWith(wide, gradeBands(20)), people(1_000));
    expect(atLimit.status, JSON.stringify(atLimit.body).slice(0, 300)).toBe(200);
    expect(atLimit.body.people).toHaveLength(1_000);
    expect(atLimit.body.people[0].items).toHaveLength(200);
    // 5,000 people × 40 indicators, values for eight of them (the rest are missing: the 1 MB body limit).
    const forty = Array.from({ length: 40 }, (_, i) => bandsIndicator(`A${i}`, 5));
    const values = (i: number) =>
      Object.fromEntries(forty.slice(0, 8).map((ind, j) => [ind.code, (i * 7 + j) % 120]));
    const manyPeople = await preview(schemeWith(forty, gradeBands(5)), people(5_000, values));
    expect(manyPeople.status, JSON.stringify(manyPeople.body).slice(0, 300)).toBe(200);
    expect(manyPeople.body.people).toHaveLength(5_000);
  });
});

describe("finding 3: a bulk write naming the same thing twice is a 400 naming the later item", () => {
  const put = (user: string, path: string, body: unknown) => async () => {
    const res = await api.call(user, "PUT", `/api/v1/periods/${ids.period}/${path}`, body);
    return { status: res.status, body: await json(res) };
  };
  const target = { personId: 0, indicatorCode: "B1", value: 240 };

  it.each(["admin", "xz01"])("targets: the same person and indicator twice, as %s", async (user) => {
    const items = [
      { ...target, personId: ids.personId },
      { ...target, personId: ids.personId, value: 250 },
    ];
    const body = await expectRefusedUnchanged(put(user, "targets", { reason: "重复", items }), 400);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details).toMatchObject([{ path: "items[1]", message: expect.stringContaining("[0]") }]);
  });

  it("progress: the same indicator and month twice", async () => {
    const entries = [
      { indicatorCode: "B1", month: 3, value: 10 },
      { indicatorCode: "B2", month: 3, value: 5 },
      { indicatorCode: "B1", month: 3, value: 12 },
    ];
    const body = await expectRefusedUnchanged(put("GY0101", "progress", { entries }), 400);
    expect(body.error.details).toMatchObject([
      { path: "entries[2]", message: expect.stringContaining("[0]") },
    ]);
  });
});

describe("finding 4: evidence is stored and downloaded under the detected type's extension", () => {
  async function uploadAs(name: string) {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(PDF_BYTES)], name));
    const res = await api.app.request(`/api/v1/sheets/${ids.ownSheet}/items/A3/evidence`, {
      method: "POST",
      headers: { cookie: await api.cookieFor("GY0101") },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await json(res)).evidence as { id: number; fileName: string };
  }

  it("a PDF named invoice.html becomes invoice.pdf, for the assessor's download too", async () => {
    const evidence = await uploadAs("invoice.html");
    expect(evidence.fileName).toBe("invoice.pdf");
    const download = await api.call("assessor", "GET", `/api/v1/evidence/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    const disposition = download.headers.get("content-disposition") ?? "";
    expect(disposition).toContain("filename*=UTF-8''invoice.pdf");
    expect(disposition).not.toContain("html");
  });

  it("removes bidi overrides and control characters from the name", async () => {
    const evidence = await uploadAs("证明\u202Egnp.lmth\u0000\u200F.pdf");
    expect(evidence.fileName).toBe("证明gnp.lmth.pdf");
    const download = await api.call("assessor", "GET", `/api/v1/evidence/${evidence.id}`);
    expect(decodeURIComponent(download.headers.get("content-disposition") ?? "")).not.toMatch(
      /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/,
    );
  });
});

describe("finding 5: path and query ids are decimal digits within the id range", () => {
  it.each(["0x10", "1e3", "1.0", "+2", "%202", "２", "00000000002", "2147483648", "0", "-1", " 2"])(
    "refuses %s as a path id and as a query id with 400",
    async (raw) => {
      const periodRes = await api.call("admin", "GET", `/api/v1/periods/${raw}`);
      expect(periodRes.status).toBe(400);
      expect((await json(periodRes)).error.details[0].path).toBe("id");
      const query = await api.call("admin", "GET", `/api/v1/periods/${ids.period}/sheets?townshipId=${raw}`);
      expect(query.status).toBe(400);
      expect((await json(query)).error.details[0].path).toBe("townshipId");
    },
  );

  it("still reads a plain decimal id", async () => {
    expect((await api.call("admin", "GET", `/api/v1/periods/${ids.period}`)).status).toBe(200);
    expect((await api.call("admin", "GET", `/api/v1/sheets/${ids.ownSheet}`)).status).toBe(200);
  });
});

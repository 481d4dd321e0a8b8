import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { people } from "../../src/db/schema/org";
import { periods, progressEntries, targets } from "../../src/db/schema/period";
import { upload } from "../fixtures/excel-api";
import { buildWorkbook, encryptedWorkbookBytes, legacyXlsBytes, type SheetCell } from "../fixtures/workbooks";
import { reportLongestBlock } from "../support/loop-guard";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let p2026: number;

const HEADER = ["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"];
const targetsFile = (rows: SheetCell[][], extra: { merges?: string[]; textCells?: string[] } = {}) =>
  buildWorkbook([{ name: "目标", rows: [HEADER, ...rows], ...extra }]);
const send = (bytes: Uint8Array<ArrayBuffer> | string, options: { fileName?: string } = {}) =>
  upload(api, "admin", "targets", bytes, { periodId: p2026, reason: "测试", ...options });

async function counts() {
  const [[t], [p], [u], [a]] = await Promise.all([
    handle.db.select({ n: count() }).from(targets),
    handle.db.select({ n: count() }).from(progressEntries),
    handle.db.select({ n: count() }).from(people),
    handle.db.select({ n: count() }).from(auditLog),
  ]);
  return [t?.n, p?.n, u?.n, a?.n];
}

let initial: (number | undefined)[];

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, {}, { loopGuard: true });
  const [period] = await handle.db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.year, 2026), eq(periods.kind, "annual")));
  p2026 = period?.id ?? -1;
  initial = await counts();
});
afterAll(async () => {
  reportLongestBlock("excel-bad-input.test.ts");
  await handle.close();
});

describe("files that are not a plain .xlsx workbook", () => {
  it.each([
    [
      "a PNG named .xlsx",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      "不是 Excel",
    ],
    ["CSV text named .xlsx", "工号,指标编码,目标值\nGY0101,B1,250\n", "不是 Excel"],
    ["a password-protected workbook", encryptedWorkbookBytes(), "密码"],
    ["a legacy .xls workbook", legacyXlsBytes(), ".xls"],
    ["an empty file", new Uint8Array(0), "文件为空"],
  ])("refuses %s by its bytes", async (_what, bytes, message) => {
    const { status, body } = await send(bytes, { fileName: "目标.xlsx" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("IMPORT_REJECTED");
    expect(body.error.details).toEqual([{ path: "file", message: expect.stringContaining(message) }]);
  });

  it("judges by content, not by name: a real workbook named .csv is read", async () => {
    const { status, body } = await send(await targetsFile([["GY0101", null, "B1", null, 240, null]]), {
      fileName: "targets.csv",
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result.unchanged + body.result.updated).toBe(1);
  });

  it("refuses a zip bomb by the sizes in its central directory, before inflating anything", async () => {
    const bytes = await targetsFile([["GY0101", null, "B1", null, 241, null]]);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < bytes.length - 4; i++)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 0x7fffffff, true); // claims 2 GB uncompressed
        break;
      }
    const { status, body } = await send(bytes);
    expect(status).toBe(413);
    expect(body.error.details[0].message).toContain("解压后过大");
  });
});

describe("workbooks that do not follow the template", () => {
  it("names every unknown and missing column of a wrong template", async () => {
    const bytes = await buildWorkbook([
      {
        name: "人员",
        rows: [
          ["工号", "姓名", "乡镇（街道）", "人员类别"],
          ["GY0101", "x", "龙潭街道", "所内人员"],
        ],
      },
    ]);
    const { status, body } = await send(bytes);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([
      { path: "header, C1", message: expect.stringContaining("乡镇（街道）") },
      { path: "header, D1", message: expect.stringContaining("人员类别") },
      { path: "header", message: expect.stringContaining("指标编码") },
      { path: "header", message: expect.stringContaining("目标值") },
    ]);
  });

  it("refuses merged header cells", async () => {
    const bytes = await buildWorkbook([
      {
        name: "目标",
        rows: [
          ["工号", null, "指标编码", "目标值"],
          ["GY0101", null, "B1", 240],
        ],
        merges: ["A1:B1"],
      },
    ]);
    const { status, body } = await send(bytes);
    expect(status).toBe(400);
    // The merged 工号 cell is not read, so the column is reported missing as well.
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "header, A1",
      "header, B1",
      "header",
    ]);
  });

  it("refuses merged data cells with their row", async () => {
    const bytes = await targetsFile(
      [
        ["GY0101", null, "B1", null, 240, null],
        ["GY0102", null, "B1", null, 240, null],
      ],
      { merges: ["F2:F3"] },
    );
    const { status, body } = await send(bytes);
    expect(status).toBe(400);
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual(["row 2, *", "row 3, *"]);
  });

  it("accepts half-width brackets, spaces and * in headers and columns in any order", async () => {
    const bytes = await buildWorkbook([
      {
        name: "目标",
        rows: [
          ["目标值 ", "*工号", "指标编码*"],
          [240, "GY0101", "B1"],
        ],
      },
    ]);
    const { status, body } = await send(bytes);
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it("refuses a sheet with a header and no data", async () => {
    const { status, body } = await send(await targetsFile([]));
    expect(status).toBe(400);
    expect(body.error.details[0].message).toContain("没有数据行");
  });
});

describe("rows with bad values", () => {
  it("skips wholly empty rows but keeps Excel's row numbers in the problems", async () => {
    const clean = await send(
      await targetsFile([
        ["GY0101", null, "B1", null, 240, null],
        [],
        [null, null, null, null, null, null],
        ["GY0102", null, "B1", null, 240, null],
      ]),
    );
    expect(clean.status, JSON.stringify(clean.body)).toBe(200);
    expect(clean.body.result).toMatchObject({ rows: 2, skippedEmptyRows: 2 });
    const bad = await send(
      await targetsFile([
        ["GY0101", null, "B1", null, 240, null],
        [],
        ["GY0102", null, "B1", null, -5, null],
      ]),
    );
    expect(bad.body.error.details).toEqual([
      { path: "row 4, 目标值", message: expect.stringContaining("不能小于 0") },
    ]);
  });

  it("lists text in number cells, unknown numbers and codes, mismatched names, duplicates and errors", async () => {
    const bytes = await targetsFile(
      [
        ["GY0101", null, "B1", null, "240", null],
        ["GY0101", null, "A1", null, "九十五", null],
        ["GY9999", null, "B1", null, 240, null],
        ["GY0102", "不是他", "B1", null, 240, null],
        ["GY0103", null, "X1", null, 240, null],
        ["GY0103", null, "D3", null, 1, null],
        ["GYX01", null, "A5", null, 90, null],
        ["GY0104", null, "B1", null, 0, null],
        ["GY0105", null, "B1", null, 230, null],
        ["GY0105", null, "B1", null, 231, null],
        ["GY0106", null, "B1", null, { formula: "1/0" }, null],
        ["GY0101", null, null, null, 240, null],
      ],
      { textCells: ["E2"] },
    );
    const { status, body } = await send(bytes);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([
      { path: "row 2, 目标值", message: expect.stringContaining("文本格式") },
      { path: "row 3, 目标值", message: expect.stringContaining("九十五") },
      { path: "row 4, 工号", message: expect.stringContaining("GY9999") },
      { path: "row 5, 姓名", message: expect.stringContaining("姓名与工号不符") },
      { path: "row 6, 指标编码", message: expect.stringContaining("X1") },
      { path: "row 7, 指标编码", message: expect.stringContaining("不设目标") },
      { path: "row 8, 指标编码", message: expect.stringContaining("不适用") },
      { path: "row 9, 目标值", message: expect.stringContaining("大于 0") },
      { path: "row 11, 指标编码", message: expect.stringContaining("与第 10 行重复") },
      { path: "row 12, 目标值", message: expect.any(String) },
      { path: "row 13, 指标编码", message: expect.stringContaining("必填") },
    ]);
  });

  it("takes the cached result of a formula cell", async () => {
    const { status, body } = await send(
      await targetsFile([["GY0101", null, "B1", null, { formula: "200+40", result: 240 }, null]]),
    );
    expect(status, JSON.stringify(body)).toBe(200);
  });
});

describe("size limits", () => {
  it("answers 413 for a file over 5 MB", async () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const { status, body } = await send(bytes);
    expect(status).toBe(413);
    expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.error.details[0].path).toBe("file");
    const huge = await send(new Uint8Array(7 * 1024 * 1024));
    expect(huge.status).toBe(413);
  });

  it("answers 413 for more than 20,000 rows", async () => {
    const rows = Array.from({ length: 20_001 }, (): SheetCell[] => ["GY0101", null, "B1", null, 240, null]);
    const { status, body } = await send(await targetsFile(rows));
    expect(status).toBe(413);
    expect(body.error.details[0].message).toContain("20000");
  });
});

describe("the request itself", () => {
  it("names a missing file, a wrong field and a missing period", async () => {
    const noFile = await upload(api, "admin", "targets", "x", { periodId: p2026, field: "document" });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details[0].path).toBe("file");
    const noPeriod = await upload(
      api,
      "admin",
      "targets",
      await targetsFile([["GY0101", null, "B1", null, 240, null]]),
    );
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.error.details[0].path).toBe("periodId");
    const json = await api.call("admin", "POST", `/api/v1/excel/imports/targets?periodId=${p2026}`, {
      file: "x",
    });
    expect(json.status).toBe(400);
    const kind = await api.call("admin", "POST", "/api/v1/excel/imports/sheets", {});
    expect(kind.status).toBe(400);
  });

  it("lets only the admin and township accounts import", async () => {
    const bytes = await targetsFile([["GY0101", null, "B1", null, 240, null]]);
    for (const user of ["viewer", "assessor", "GY0101"]) {
      const { status } = await upload(api, user, "targets", bytes, { periodId: p2026, reason: "x" });
      expect(status, user).toBe(403);
    }
    const anonymous = await api.app.request(`/api/v1/excel/imports/targets?periodId=${p2026}`, {
      method: "POST",
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("after all of that", () => {
  it("imported nothing but the few clean files", async () => {
    const [t, p, u] = await counts();
    expect([t, p, u]).toEqual(initial.slice(0, 3));
  });
});

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import demoScheme from "../../src/db/seed/demo-scheme.json";
import { readWorkbook } from "../fixtures/workbook-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// A scheme out to an Excel workbook laid out like a printed 考核细则 and back (issue 18).

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = (res: Response) => res.json() as Promise<any>;

async function demoId(): Promise<number> {
  const list = await json(await api.call("admin", "GET", "/api/v1/schemes"));
  return list.items.find((s: { code: string }) => s.code === "GY-2025-STAFF").id;
}

async function upload(username: string, bytes: Uint8Array, query = "") {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], "方案.xlsx"));
  return api.app.request(`/api/v1/schemes/workbook${query}`, {
    method: "POST",
    headers: { cookie: await api.cookieFor(username) },
    body: form,
  });
}

async function exportWorkbook(): Promise<Uint8Array> {
  const res = await api.call("assessor", "GET", `/api/v1/schemes/${await demoId()}/workbook`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  return new Uint8Array(await res.arrayBuffer());
}

/** Changes one cell of the exported workbook. */
async function edit(bytes: Uint8Array, sheet: string, address: string, value: ExcelJS.CellValue) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(0) as ArrayBuffer);
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  worksheet.getCell(address).value = value;
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("a scheme as an Excel workbook", () => {
  it("lays out the settings, grades and one row per indicator, readable by LibreOffice", async () => {
    const bytes = await exportWorkbook();
    const sheets = await readWorkbook(bytes.buffer.slice(0) as ArrayBuffer);
    expect([...sheets.keys()].sort()).toEqual(["方案", "等次", "考核细则"].sort());
    expect(sheets.get("方案")).toContainEqual(["优秀比例上限（%）", "20"]);
    expect(sheets.get("等次")?.[1]).toEqual(["excellent", "优秀", "90"]);
    const rules = sheets.get("考核细则") ?? [];
    expect(rules[0]?.slice(0, 6)).toEqual(["类别代码", "类别名称", "指标代码", "指标名称", "单位", "分值"]);
    const a1 = rules.find((row) => row[2] === "A1");
    expect(a1?.slice(0, 8)).toEqual([
      "A",
      "人口计生主要指标",
      "A1",
      "政策符合率",
      "%",
      "10",
      "95",
      "所内人员、选调人员",
    ]);
    const count = demoScheme.categories.reduce((sum, c) => sum + c.indicators.length, 0);
    expect(rules.length - 1).toBe(count);
  });

  it("imports the exported workbook back as the same scheme, a new version", async () => {
    const res = await upload("admin", await exportWorkbook());
    expect(res.status).toBe(201);
    const { scheme } = await json(res);
    const again = await json(await api.call("admin", "GET", `/api/v1/schemes/${scheme.id}`));
    expect(again.document).toEqual(demoScheme);
  });

  it("names every bad cell, and the scheme's own problems at the cell they came from", async () => {
    const bytes = await edit(await exportWorkbook(), "考核细则", "F2", "十分");
    const res = await upload("admin", bytes);
    expect(res.status).toBe(400);
    const details = (await json(res)).error.details;
    expect(details).toEqual([expect.objectContaining({ path: "考核细则!F2" })]);
    expect(details[0].message).toContain("应为数字");

    const quota = await edit(await exportWorkbook(), "方案", "B5", 150);
    const refused = await upload("admin", quota);
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.details.map((d: { path: string }) => d.path)).toContain("方案!B5");
  });

  it("is for the admin to import, and refuses what is not a workbook", async () => {
    const bytes = await exportWorkbook();
    expect((await upload("assessor", bytes)).status).toBe(403);
    const res = await upload("admin", new TextEncoder().encode("code,name\nX,Y"));
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("file");
  });
});

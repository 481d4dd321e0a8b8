import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { callAs, cookieFor, expectJson, workerFetch } from "./support/worker-client";

// Excel runs inside the Worker too: exceljs writes and reads workbooks on workerd (nodejs_compat), uploads
// arrive as multipart through the same limits, and the answers are those of the Node server.

async function publishedPeriodId(): Promise<number> {
  const periods = (await expectJson(await callAs("viewer", "GET", "/api/v1/periods"))).items;
  const period = periods.find((p: { year: number }) => p.year === 2025);
  if (!period) throw new Error("no 2025 period");
  return period.id;
}

async function openPeriodId(): Promise<number> {
  const periods = (await expectJson(await callAs("admin", "GET", "/api/v1/periods"))).items;
  return periods.find((p: { year: number }) => p.year === 2026)?.id ?? -1;
}

async function targetsWorkbook(rows: (string | number | null)[][]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("目标");
  sheet.addRow(["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"]);
  sheet.addRows(rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function importTargets(periodId: number, bytes: Uint8Array<ArrayBuffer>) {
  const form = new FormData();
  form.append("file", new File([bytes], "targets.xlsx"));
  form.append("reason", "workerd");
  return workerFetch(`/api/v1/excel/imports/targets?periodId=${periodId}`, {
    method: "POST",
    headers: { cookie: await cookieFor("admin") },
    body: form,
  });
}

describe("Excel on the Worker", () => {
  it("exports the township ranking as a workbook that reads back with the ranking's names", async () => {
    const periodId = await publishedPeriodId();
    const res = await callAs("viewer", "GET", `/api/v1/excel/exports/periods/${periodId}/townships`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet("乡镇排名");
    const ranking = await expectJson(
      await callAs("viewer", "GET", `/api/v1/reports/periods/${periodId}/townships`),
    );
    expect(sheet?.getCell("B2").value).toBe(ranking.items[0].name);
    expect(sheet?.getCell("C2").value).toBe(ranking.items[0].composite);
    expect(sheet?.rowCount).toBe(ranking.items.length + 1);
  });

  it("answers a long import synchronously: the request's database client ends with the response", async () => {
    const periodId = await openPeriodId();
    const exported = await callAs("admin", "GET", `/api/v1/excel/exports/periods/${periodId}/targets`);
    expect(exported.status).toBe(200);
    const res = await importTargets(periodId, new Uint8Array(await exported.arrayBuffer()));
    const body = await expectJson(res);
    expect(body.status).toBe("succeeded");
    expect(body.result.rows).toBeGreaterThan(500);
    expect(body.result).toMatchObject({ inserted: 0, updated: 0, unchanged: body.result.rows });
  });

  it("imports a targets file (an unchanged target writes nothing) and refuses a bad row", async () => {
    const periodId = await openPeriodId();
    const csv = await callAs("admin", "GET", `/api/v1/excel/exports/periods/${periodId}/targets?format=csv`);
    expect(csv.status).toBe(200);
    const [, first] = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    const [employeeNo, , code, , value] = (first ?? "").split(",");
    const clean = await importTargets(
      periodId,
      await targetsWorkbook([[employeeNo ?? "", null, code ?? "", null, Number(value), null]]),
    );
    expect((await expectJson(clean)).result).toMatchObject({ rows: 1, unchanged: 1 });
    const bad = await importTargets(
      periodId,
      await targetsWorkbook([["GY9999", null, "B1", null, 200, null]]),
    );
    const body = await expectJson(bad, 400);
    expect(body.error).toMatchObject({ code: "IMPORT_REJECTED", details: [{ path: "row 2, 工号" }] });
  });
});

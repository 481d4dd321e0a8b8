import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { docxPages } from "../fixtures/docx-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The signable documents as .docx (issue 18), read back by LibreOffice: title, county and period, the content,
// 第 x 页 共 y 页 on every page, and the signature and seal block.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => new Date("2026-03-02T10:00:00+08:00") });
});
afterAll(() => handle.close());

const squash = (text: string) => text.replace(/\s+/g, "");

async function download(user: string, path: string, keepAs?: string) {
  const res = await api.call(user, "GET", path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  );
  return { res, pages: await docxPages(await res.arrayBuffer(), keepAs) };
}

/** Every page carries 第 n 页 共 N 页 with its own number and the same total. */
function expectPageNumbers(pages: string[]) {
  for (const [i, page] of pages.entries()) expect(squash(page)).toContain(`第${i + 1}页共${pages.length}页`);
}

describe("signable .docx documents", () => {
  it("the personal report: title, county and period, items, results, page numbers, signatures", async () => {
    const { res, pages } = await download(
      "viewer",
      "/api/v1/reports/periods/1/documents/people/1",
      "docx-person",
    );
    expect(pages.length).toBeGreaterThan(1); // so the numbering is tested across pages
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain(
      "桂阳县_2025年度目标管理考核_周琼秀（GY0101）_个人年度考核报告_2026-03-02.docx",
    );
    const all = squash(pages.join("\n"));
    expect(all).toContain("个人年度考核报告");
    expect(all).toContain("桂阳县·2025年度目标管理考核·周琼秀（GY0101）");
    expect(all).toContain("政策符合率");
    expect(all).toContain("97.00"); // total
    expect(all).toContain("优秀");
    expect(all).toContain("第11/170名");
    for (const label of ["被考核人签字", "考核组（签字）", "分管领导（签字）", "日期", "（考核组盖章）"])
      expect(squash(pages.at(-1) ?? "")).toContain(label);
    expectPageNumbers(pages);
  });

  it("the township report and the landscape ranking table, with their own signature lines", async () => {
    const township = await download(
      "viewer",
      "/api/v1/reports/periods/1/documents/townships/23",
      "docx-township",
    );
    const text = squash(township.pages.join("\n"));
    expect(text).toContain("乡镇年度考核报告");
    expect(text).toContain("桂阳县·2025年度目标管理考核·杨柳乡");
    expect(text).toContain("预否决");
    expect(text).toContain("唐兰");
    expect(squash(township.pages.at(-1) ?? "")).toContain("乡镇负责人（签字）");
    expectPageNumbers(township.pages);

    const ranking = await download("viewer", "/api/v1/reports/periods/1/documents/ranking", "docx-ranking");
    const rankingText = squash(ranking.pages.join("\n"));
    expect(rankingText).toContain("乡镇综合得分排名");
    expect(rankingText).toContain("鹿峰街道");
    expect(rankingText).toContain("98.42");
    expect(rankingText).toContain("第26/26名");
    expect(squash(ranking.pages.at(-1) ?? "")).toContain("分管领导（签字）");
    expectPageNumbers(ranking.pages);
  });

  it("keeps the reports' scope rules: staff get their own, a township its own, unpublished ranks stay closed", async () => {
    expect((await api.call("GY0101", "GET", "/api/v1/reports/periods/1/documents/people/1")).status).toBe(
      200,
    );
    expect((await api.call("GY0102", "GET", "/api/v1/reports/periods/1/documents/people/1")).status).toBe(
      404,
    );
    expect((await api.call("xz01", "GET", "/api/v1/reports/periods/1/documents/townships/23")).status).toBe(
      403,
    );
    expect((await api.call("GY0101", "GET", "/api/v1/reports/periods/1/documents/townships/1")).status).toBe(
      403,
    );
    const open = await api.call("viewer", "GET", "/api/v1/reports/periods/2/documents/ranking");
    expect(open.status).toBe(403);
    expect(((await open.json()) as { error: { code: string } }).error.code).toBe("NOT_PUBLISHED");
    expect((await api.call(null, "GET", "/api/v1/reports/periods/1/documents/ranking")).status).toBe(401);
    expect((await api.call("viewer", "GET", "/api/v1/reports/periods/x/documents/ranking")).status).toBe(400);
  });
});

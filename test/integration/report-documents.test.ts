import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { type DocxReading, expectPageNumbers, readDocx, readingsOf } from "../fixtures/docx-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// The signable documents as .docx (issue 18), read back from their XML and, where installed, by LibreOffice:
// title, county and period, the content, 第 x 页 共 y 页 on every page, and the signature and seal block.

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
  return { res, doc: await readDocx(await res.arrayBuffer(), keepAs) };
}

/** Checks `facts` in each reading of the document (squashed text, squashed ending). */
function expectInEachReading(doc: DocxReading, facts: (text: string, ending: string) => void) {
  for (const reading of readingsOf(doc)) facts(squash(reading.text), squash(reading.ending));
}

describe("signable .docx documents", () => {
  it("the personal report: title, county and period, items, results, page numbers, signatures", async () => {
    const { res, doc } = await download(
      "viewer",
      "/api/v1/reports/periods/1/documents/people/1",
      "docx-person",
    );
    if (doc.pages) expect(doc.pages.length).toBeGreaterThan(1); // so the numbering is tested across pages
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain(
      "桂阳县_2025年度目标管理考核_周琼秀（GY0101）_个人年度考核报告_2026-03-02.docx",
    );
    expectInEachReading(doc, (all, ending) => {
      expect(all).toContain("个人年度考核报告");
      expect(all).toContain("桂阳县·2025年度目标管理考核·周琼秀（GY0101）");
      expect(all).toContain("政策符合率");
      expect(all).toContain("97.00"); // total
      expect(all).toContain("优秀");
      expect(all).toContain("第11/170名");
      for (const label of ["被考核人签字", "考核组（签字）", "分管领导（签字）", "日期", "（考核组盖章）"])
        expect(ending).toContain(label);
    });
    expectPageNumbers(doc);
  });

  it("the township report and the landscape ranking table, with their own signature lines", async () => {
    const township = await download(
      "viewer",
      "/api/v1/reports/periods/1/documents/townships/23",
      "docx-township",
    );
    expectInEachReading(township.doc, (text, ending) => {
      expect(text).toContain("乡镇年度考核报告");
      expect(text).toContain("桂阳县·2025年度目标管理考核·杨柳乡");
      expect(text).toContain("预否决");
      expect(text).toContain("唐兰");
      expect(ending).toContain("乡镇负责人（签字）");
    });
    expectPageNumbers(township.doc);

    const ranking = await download("viewer", "/api/v1/reports/periods/1/documents/ranking", "docx-ranking");
    expectInEachReading(ranking.doc, (rankingText, ending) => {
      expect(rankingText).toContain("乡镇综合得分排名");
      expect(rankingText).toContain("鹿峰街道");
      expect(rankingText).toContain("98.42");
      expect(rankingText).toContain("第26/26名");
      expect(ending).toContain("分管领导（签字）");
    });
    expectPageNumbers(ranking.doc);
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

import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  drawnCanvases,
  expectAccessible,
  expectAnnounced,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type UserPage,
  unexpectedProblems,
} from "./support/browser";
import { E2E_STAFF, E2E_TOWNSHIP } from "./support/county";
import { type RunningServer, startServer } from "./support/server";

// One staff member's year through every role, in the browser: progress, self-report with evidence, submit;
// township review; assessor change with reason and scoring; publication; result and 复核; reports and PDF.

const SELF_VALUES: Record<string, string> = {
  A1: "96.5",
  A2: "106",
  A3: "98.5",
  A4: "82",
  A5: "91",
  B1: "250",
  B2: "96",
  B3: "97",
  B4: "93",
  C1: "100",
  C2: "86",
  C3: "0",
  D1: "0",
  D2: "42",
  D4: "86",
  E1: "0",
};
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe.runIf(browserAvailable())("a staff member's year, through every role", () => {
  let server: RunningServer;
  let browser: Browser;
  const sessions: UserPage[] = [];

  async function as(username: string, options: { phone?: boolean } = {}): Promise<Page> {
    const session = await openPage(browser, server.url, options);
    sessions.push(session);
    await signIn(session.page, username);
    return session.page;
  }

  async function check(page: Page, name: string): Promise<void> {
    await page
      .locator(".loading")
      .first()
      // A spinner that never goes away fails the test (it used to be swallowed here).
      .waitFor({ state: "detached", timeout: 15_000 });
    await screenshot(page, name);
    await expectAccessible(page, name);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(inject("e2eTemplateDir")), launchBrowser()]);
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it("staff fill in this month's progress on a phone", async () => {
    const page = await as(E2E_STAFF, { phone: true });
    await page.getByRole("button", { name: "菜单" }).click();
    await page.getByRole("link", { name: "进度填报" }).click();
    await page.locator("#progress-A1").fill("96.8");
    await page.locator("#progress-B1").fill("231");
    await page.getByRole("button", { name: /^保存.*进度$/ }).click();
    await expectAnnounced(page, "已保存 2 项进度");
    await check(page, "staff-progress-phone");
  });

  it("staff self-report with evidence, see the live self-score and submit", async () => {
    const page = await as(E2E_STAFF, { phone: true });
    await page.goto("/staff/self-report");
    await page.locator("#item-A1").waitFor();
    for (const [code, value] of Object.entries(SELF_VALUES)) {
      const input = page.locator(`#item-${code}`);
      if ((await input.count()) > 0) await input.fill(value);
    }
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expectAnnounced(page, "草稿已保存");
    await expect.poll(() => page.locator("#live-score-title + dl dd.big").textContent()).not.toBe("0.00");
    // Evidence for every indicator that requires it (except a bonus count of zero).
    const required = await page
      .locator(".item-card:has(.badge.amber)")
      .evaluateAll((cards) => cards.map((card) => card.querySelector(".code")?.textContent ?? ""));
    expect(required.length).toBeGreaterThan(0);
    for (const code of required.filter((c) => c !== "E1")) {
      await page
        .locator(`#evidence-${code}`)
        .setInputFiles({ name: `${code}-台账.pdf`, mimeType: "application/pdf", buffer: PDF });
      await expectAnnounced(page, `已上传 ${code}-台账.pdf`);
      await page.locator(`.item-card:has(#item-${code}) .evidence-list a`).first().waitFor();
    }
    await check(page, "staff-self-report-phone");
    await page.getByRole("button", { name: "提交考核表" }).click();
    await page.getByRole("button", { name: "确认提交" }).click();
    await expectAnnounced(page, "考核表已提交");
    await expect.poll(() => page.locator(".badge", { hasText: "已提交" }).count()).toBeGreaterThan(0);
  });

  it("the township passes the sheet", async () => {
    const page = await as(E2E_TOWNSHIP);
    await page.locator("tr", { hasText: E2E_STAFF }).getByRole("link", { name: /审核/ }).click();
    await page.locator(".sheet-heading").waitFor();
    await check(page, "township-review");
    // Nothing is preselected: the button alone asks for a choice first (#17).
    await page.getByRole("button", { name: "通过", exact: true }).click();
    await page.locator(".form-error", { hasText: "请先选择" }).waitFor();
    await page.getByLabel("审核通过，报县考核组").check();
    await page.getByRole("button", { name: "通过", exact: true }).click();
    // …and a confirmation naming the person before anything is written.
    await page.locator("#review-confirm", { hasText: "确认审核通过" }).waitFor();
    await check(page, "township-review-confirm");
    await page.getByRole("button", { name: "通过", exact: true }).click();
    await expectAnnounced(page, "已审核通过");
    await check(page, "township-sheets");
  });

  it("the admin starts the assessment", async () => {
    const page = await as("admin");
    await page.getByRole("button", { name: "开始考核评分" }).click();
    await page.getByRole("button", { name: "开始考核评分" }).click();
    // Before the self-report deadline the server says what is left behind; starting needs a second yes.
    await page.getByRole("button", { name: "仍然开始考核" }).click();
    await expectAnnounced(page, "已开始考核评分");
  });

  it("an assessor changes a value with a reason, rates and marks the sheet scored", async () => {
    const page = await as("assessor");
    await page.getByLabel("状态").selectOption({ label: "待评分" });
    await page.locator("tr", { hasText: E2E_STAFF }).getByRole("link", { name: /评分/ }).click();
    await page.locator("#verify-B1").waitFor();
    await page.locator("#verify-B1").fill("236");
    await page.locator("#verify-B1").press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("verify-B2");
    await page.getByRole("button", { name: "保存并标记为已评分" }).click();
    // The reason is required next to the changed value.
    await expect.poll(() => page.locator("#verify-B1-reason-error").textContent()).toContain("必须说明理由");
    await page.locator("#verify-B1-reason").fill("核查随访登记台账，重复登记 14 人次，核减为 236 人次");
    await page.locator("#verify-D3").selectOption("良");
    await check(page, "assessor-scoring");
    await page.getByRole("button", { name: "保存并标记为已评分" }).click();
    await expectAnnounced(page, "已标记为已评分");
  });

  it("the admin publishes the results", async () => {
    const page = await as("admin");
    await page.getByRole("button", { name: "发布公示" }).click();
    await page.getByRole("button", { name: "发布公示" }).click();
    await expectAnnounced(page, "结果已发布公示");
    await check(page, "admin-periods");
  });

  it("staff see the result with the assessor's reason and ask for a 复核", async () => {
    const page = await as(E2E_STAFF);
    await page.goto("/staff/result");
    await page.locator("text=核减为 236 人次").waitFor();
    await check(page, "staff-result");
    await page.getByRole("link", { name: "对结果有异议？申请复核" }).click();
    await page.getByLabel("涉及指标").selectOption("B1");
    await page.getByLabel("理由").fill("重复登记的 14 人次中有 6 人次为不同日期的上门随访，附随访记录。");
    await page.getByRole("button", { name: "申请复核" }).click();
    await expectAnnounced(page, "复核申请已提交");
    await expect.poll(() => page.locator(".badge", { hasText: "复核中" }).count()).toBeGreaterThan(0);
    await check(page, "staff-requests");
  });

  it("the dashboard shows the ranking table and drawn charts", async () => {
    const page = await as("viewer");
    await page.locator("table.ranking-table tbody tr").first().waitFor();
    expect(await page.locator("table.ranking-table tbody tr").count()).toBe(26);
    expect(await page.locator("tr.pre-veto").count()).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await drawnCanvases(page)).drawn).toBeGreaterThanOrEqual(4);
    await check(page, "dashboard");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "dashboard-print");
  });

  it("the personal report prints to an A4 PDF with its charts", async () => {
    const page = await as(E2E_STAFF);
    await page.goto("/staff/report");
    await page.locator(".person-report").waitFor();
    await expect.poll(async () => (await drawnCanvases(page)).drawn).toBeGreaterThanOrEqual(3);
    await check(page, "staff-report");
    await page.emulateMedia({ media: "print" });
    await page.waitForTimeout(300);
    const path = "test-artifacts/personal-report.pdf";
    await page.pdf({ path, format: "A4", printBackground: true });
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The charts are canvases, which print as images.
    expect(pdf.toString("latin1")).toMatch(/\/Subtype\s*\/Image/);
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  drawnCanvases,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type UserPage,
  unexpectedProblems,
} from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

// Every page of every role loads without an error box, passes axe (no serious or critical violation)
// and is photographed into test-artifacts/ for a look by eye.

const LAST_YEAR = "2025年度目标管理考核 · 已公示";

describe.runIf(browserAvailable())("every page, every role", () => {
  let server: RunningServer;
  let browser: Browser;
  const sessions: UserPage[] = [];

  async function as(username: string, options: { phone?: boolean } = {}): Promise<Page> {
    const session = await openPage(browser, server.url, options);
    sessions.push(session);
    await signIn(session.page, username);
    return session.page;
  }

  /** Opens a page, waits for its data, and checks it. */
  async function visit(page: Page, path: string, name: string, ready = "main h1"): Promise<void> {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await page
      .locator(".loading")
      .first()
      // A spinner that never goes away fails the test (it used to be swallowed here).
      .waitFor({ state: "detached", timeout: 15_000 });
    expect(await page.locator(".error-box").count(), `${name} shows an error`).toBe(0);
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

  it("sign-in: a wrong password gets one message at the form, then signing in works", async () => {
    const session = await openPage(browser, server.url);
    sessions.push(session);
    const { page } = session;
    await page.goto("/");
    await expect.poll(() => page.title()).toContain("目标管理考核系统");
    await screenshot(page, "sign-in");
    await expectAccessible(page, "sign-in");
    await page.getByLabel("用户名").fill("GY0101");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    // The password check (scrypt) takes seconds on a loaded machine: wait as a user would.
    await expect
      .poll(() => page.locator("#sign-in-form-error").textContent(), { timeout: 15_000 })
      .toContain("用户名或密码错误");
    await signIn(page, "GY0101");
    await page.getByRole("heading", { name: "我的目标" }).waitFor();
  });

  it("staff pages on a phone", async () => {
    const page = await as("GY1902", { phone: true });
    await visit(page, "/staff/targets", "staff-targets-phone", "table");
    await visit(page, "/staff/result", "staff-result-2025-phone", ".stats");
    expect(await page.locator(".changed-value").count()).toBeGreaterThan(0);
    await visit(page, "/staff/requests", "staff-requests-2025-phone", ".notice");
  });

  it("township: its sheets and its report", async () => {
    const page = await as("xz19");
    await visit(page, "/township/sheets", "township-sheets-list", "table");
    await visit(page, "/township/targets", "township-targets", "table.targets-grid");
    await page.getByLabel("考核周期").selectOption({ label: LAST_YEAR });
    await visit(page, "/reports/townships/19", "township-report-haotang", ".stats");
    expect(await page.locator(".badge", { hasText: "预否决" }).count()).toBeGreaterThan(0);
  });

  it("leader: township and personal reports of last year, in English too", async () => {
    const page = await as("viewer");
    await page.getByLabel("考核周期").selectOption({ label: LAST_YEAR });
    await visit(page, "/reports", "dashboard-2025", "table.ranking-table tbody tr");
    expect((await drawnCanvases(page)).drawn).toBeGreaterThanOrEqual(4);
    await visit(page, "/reports/townships/23", "township-report-yangliu", ".stats");
    await page.getByRole("button", { name: "打印全部个人报告" }).click();
    await expect.poll(() => page.locator(".member-reports .person-report").count()).toBeGreaterThan(3);
    await page.locator(".member-reports progress").waitFor({ state: "detached" });
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "township-report-people-print");
    await page.emulateMedia({ media: "screen" });
    await visit(page, "/reports/people/1", "person-report-2025", ".person-report");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Personal year-end report" }).waitFor();
    await visit(page, "/reports", "dashboard-2025-english", "table.ranking-table tbody tr");
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { name: "全县考核看板" }).waitFor();
  });

  it("assessor: queue and audit log", async () => {
    const page = await as("assessor");
    await visit(page, "/assessor/queue?status=all", "assessor-queue", "table");
    await visit(page, "/audit", "audit-log", ".audit-sentences, .empty");
  });

  it("admin: periods, targets, people, users", async () => {
    const page = await as("admin");
    await visit(page, "/admin/periods", "admin-periods-list", ".card");
    await page.getByRole("button", { name: "新建考核周期" }).click();
    await page.getByLabel("年度", { exact: true }).fill("20x7");
    await page.getByRole("button", { name: "创建" }).click();
    await expect.poll(() => page.locator(".field-error", { hasText: "四位年份" }).count()).toBe(1);
    await screenshot(page, "admin-new-period-error");
    await visit(page, "/admin/targets?township=1", "admin-targets", "table.targets-grid");
    await page
      .getByLabel(/的 B1 随访服务人次 目标$/)
      .first()
      .fill("260");
    expect(await page.locator("td.edited").count()).toBe(1);
    const exportHref = await page.getByRole("link", { name: "导出目标" }).getAttribute("href");
    const exported = await page.request.get(exportHref ?? "");
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("spreadsheetml");
    await visit(page, "/admin/people?category=reassigned", "admin-people", "table");
    expect(await page.locator("tbody tr").count()).toBe(6);
    await visit(page, "/admin/users?role=township", "admin-users", "table");
  });

  it("admin: the scheme editor shows a server error at its field, and 试算 scores sample people", async () => {
    const page = await as("admin");
    await visit(page, "/admin/schemes", "admin-schemes", "table");
    await page
      .locator("tbody tr", { hasText: "GY-2025-STAFF" })
      .getByRole("link", { name: "编辑 / 试算" })
      .click();
    await page.locator(".indicator-editor summary").first().click();
    const step = page.getByLabel("每差").first();
    await step.fill("0");
    await page.getByRole("button", { name: "检查方案" }).click();
    // The check runs in the server's compute thread: wait for its answer as a user would (poll's default is 1 s).
    await expect.poll(() => step.getAttribute("aria-invalid"), { timeout: 15_000 }).toBe("true");
    await expect
      .poll(() =>
        page.locator('[aria-invalid="true"] ~ .field-error, .has-error .field-error').first().textContent(),
      )
      .not.toBe("");
    await screenshot(page, "admin-scheme-editor-error");
    await step.fill("0.1");
    await page.getByRole("button", { name: "试算", exact: true }).click();
    await page.locator("table", { hasText: "乡镇综合得分" }).waitFor();
    await screenshot(page, "admin-scheme-trial");
    await expectAccessible(page, "admin-scheme-editor");
  });

  it("admin resets a password; the user must choose a new one before anything else", async () => {
    const admin = await as("admin");
    await admin.goto("/admin/users?q=xz02");
    await admin.getByRole("button", { name: "重置密码 xz02" }).click();
    await admin.getByLabel("临时密码").fill("Temp-pass-4821");
    await admin.getByRole("button", { name: "保存" }).click();
    await admin.locator(".toast", { hasText: "已重置 xz02 的密码" }).waitFor();
    const session = await openPage(browser, server.url);
    sessions.push(session);
    const { page } = session;
    await signIn(page, "xz02", "Temp-pass-4821");
    await page.locator(".notice", { hasText: "初始密码" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/password");
    await page.getByLabel("当前密码").fill("Temp-pass-4821");
    await page.getByLabel("新密码", { exact: true }).fill("river-bridge-orchard-7");
    await page.getByLabel("再次输入新密码").fill("river-bridge-orchard-7");
    await page.getByRole("button", { name: "修改密码" }).last().click();
    await page.getByRole("heading", { name: "本乡镇考核表" }).waitFor();
  });

  it("change password: the wrong current password is named at its field", async () => {
    const page = await as("viewer");
    await visit(page, "/password", "change-password", "form");
    await page.getByLabel("当前密码").fill("not-my-password");
    await page.getByLabel("新密码", { exact: true }).fill("a-much-better-passphrase");
    await page.getByLabel("再次输入新密码").fill("a-much-better-passphrase");
    await page.getByRole("button", { name: "修改密码" }).last().click();
    await expect
      .poll(() => page.locator(".field-error", { hasText: "当前密码错误" }).count(), { timeout: 15_000 })
      .toBe(1);
    await screenshot(page, "change-password-error");
  });
});

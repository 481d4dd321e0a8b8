import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  expectAccessible,
  expectAnnounced,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type UserPage,
  unexpectedProblems,
} from "./support/browser";
import { E2E_LATE_ARRIVAL, E2E_STAFF } from "./support/county";
import { type RunningServer, startServer } from "./support/server";

// The real year's exits in the browser: a deadline moved (into the past, confirmed), an extension for one
// person, 代填 by the assessor, staff withdraw, 不参加本期考核 and restore, and a late arrival's new sheet.
// Each step is checked on the page that shows its result, not only by the click's announcement.

const VALUES: Record<string, string> = {
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
/** Another member of E2E_STAFF's township whose sheet is scored: the one the admin exempts. */
const EXEMPTED = "GY0101";

describe.runIf(browserAvailable())("the year's exits, through the browser", () => {
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

  async function periodPage(page: Page): Promise<void> {
    await page.goto("/admin/periods");
    await page.getByRole("link", { name: /^2026年度目标管理考核.*进度与调整$/ }).click();
    await page.locator("table.progress-table").waitFor();
  }

  /** The progress table's cell for a township row (or 合计) under a column heading; null when absent. */
  function progressCell(page: Page, row: string, column: string): Promise<string | null> {
    return page.evaluate(
      ([row, column]) => {
        const table = document.querySelector<HTMLTableElement>("table.progress-table");
        const heads = [...(table?.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent?.trim());
        const index = heads.indexOf(column);
        const tr = [...(table?.querySelectorAll<HTMLTableRowElement>("tbody tr, tfoot tr") ?? [])].find(
          (r) => r.cells[0]?.textContent?.trim() === row,
        );
        return tr && index >= 0 ? (tr.cells[index]?.textContent?.trim() ?? null) : null;
      },
      [row, column] as const,
    );
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

  it("the admin sees progress by township and moves the self-report deadline into the past, confirmed", async () => {
    const page = await as("admin");
    await periodPage(page);
    expect(await progressCell(page, "龙潭街道", "填报中")).toBe("1");
    expect(await progressCell(page, "合计", "合计")).toBe("170");
    await page.locator("#deadline-selfReportDeadline").fill("2026-11-30");
    await page.getByRole("button", { name: "保存截止日期" }).click();
    // The reason is required before anything is sent.
    await page.locator("text=必须说明理由").first().waitFor();
    await page.getByLabel("修改理由").fill("县考核办通知：自评统一提前至 11 月 30 日截止");
    await page.getByRole("button", { name: "保存截止日期" }).click();
    // The server lists the past date; nothing is saved until the admin confirms.
    await page.locator(".confirm", { hasText: "2026-11-30" }).waitFor();
    await check(page, "admin-period-deadline-past-confirm");
    await page.getByRole("button", { name: "确认保存" }).click();
    await expectAnnounced(page, "截止日期已修改");
    await page.reload();
    await expect.poll(() => page.locator("#deadline-selfReportDeadline").inputValue()).toBe("2026-11-30");
    await expect
      .poll(() => page.locator("label[for=deadline-selfReportDeadline]").textContent())
      .toContain("已过");
  });

  it("staff past the deadline are told why they can't edit", async () => {
    const page = await as(E2E_STAFF);
    await page.goto("/staff/self-report");
    await page.locator("text=自评截止日期（2026年11月30日）已过").waitFor();
    expect(await page.locator("input#item-A1").count()).toBe(0);
  });

  it("the admin grants one person an extension, which lists and lets them report again", async () => {
    const page = await as("admin");
    await periodPage(page);
    await page.getByLabel("延期对象").selectOption("person");
    const option = page.locator("#extension-target option", { hasText: E2E_STAFF });
    await page.locator("#extension-target").selectOption((await option.getAttribute("value")) ?? "");
    await page.locator("#extension-self").fill("2026-12-20");
    await page.locator("#extension-reason").fill("产假返岗，延期补报");
    await page.getByRole("button", { name: "批准延期" }).click();
    await expectAnnounced(page, "已批准延期");
    const row = page.locator("section[aria-labelledby=extensions-title] tr", { hasText: E2E_STAFF });
    await expect.poll(() => row.first().textContent()).toContain("产假返岗，延期补报");
    await check(page, "admin-period-detail");

    const staff = await as(E2E_STAFF);
    await staff.goto("/staff/self-report");
    await staff.locator("input#item-A1").waitFor();
    expect(await staff.locator("text=自评截止").first().textContent()).toMatch(/2026.12.20|12月20日/);
  });

  it("the assessor fills in the sheet on the person's behalf with a reason, and submits it", async () => {
    const page = await as("assessor");
    // The queue opens on 待评分; a draft is listed under 全部.
    await page.goto("/assessor/queue?status=all");
    await page.locator("tr", { hasText: E2E_STAFF }).getByRole("link").click();
    await page.getByRole("link", { name: /^代 .* 填报$/ }).click();
    await page.locator("input#item-A1").waitFor();
    for (const [code, value] of Object.entries(VALUES)) {
      const input = page.locator(`#item-${code}`);
      if ((await input.count()) > 0) await input.fill(value);
    }
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect
      .poll(() => page.locator("#on-behalf-reason-error").textContent())
      .toContain("代填必须说明理由");
    await page.getByLabel("代填理由").fill("本人住院，电话口述，县考核组代填");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expectAnnounced(page, "草稿已保存");
    await check(page, "assessor-on-behalf");
    await page.getByRole("button", { name: "提交考核表" }).click();
    await page.getByRole("button", { name: "确认提交" }).click();
    await expectAnnounced(page, "考核表已提交");
    await expect.poll(() => page.locator(".sheet-heading .badge").textContent()).toBe("已提交");

    const audit = await as("admin");
    await audit.goto("/audit");
    await audit.locator("text=本人住院，电话口述，县考核组代填").first().waitFor();
  });

  it("staff withdraw the submission before the township reviews it", async () => {
    const page = await as(E2E_STAFF);
    await page.goto("/staff/self-report");
    await page.locator("text=审核前可以撤回修改").waitFor();
    expect(await page.locator("#item-A1").textContent()).toContain("96.5");
    await page.getByRole("button", { name: "撤回提交" }).click();
    await page.getByRole("button", { name: "撤回提交" }).click();
    await expectAnnounced(page, "已撤回");
    await page.locator("input#item-A1").waitFor();
    await expect.poll(() => page.locator(".badge", { hasText: "填报中" }).count()).toBeGreaterThan(0);
    await check(page, "staff-withdrawn");
  });

  it("the admin exempts a person (调离), sees it in the lists and the progress, then restores them", async () => {
    const page = await as("admin");
    await page.goto("/assessor/queue?status=all");
    await page.locator("tr", { hasText: EXEMPTED }).getByRole("link").click();
    await page.getByRole("button", { name: "标记为不参加本期考核" }).click();
    await page.getByLabel("原因类别").selectOption({ label: "调离" });
    await page.getByRole("button", { name: "标记为不参加本期考核" }).click();
    await page.locator("text=必须说明理由").first().waitFor();
    await page.getByLabel("说明理由").fill("2026 年 9 月调往县妇幼保健院");
    await check(page, "admin-exempt-confirm");
    await page.getByRole("button", { name: "标记为不参加本期考核" }).click();
    await expectAnnounced(page, "已标记为不参加本期考核");
    await page.locator("text=此人不参加本期考核（调离）：2026 年 9 月调往县妇幼保健院").waitFor();

    await page.goto("/assessor/queue?status=all");
    const row = page.locator("tr", { hasText: EXEMPTED });
    await expect.poll(() => row.locator(".badge.exempt").textContent()).toBe("不参加考核·调离");
    await page.getByLabel("乡镇（街道）").selectOption({ label: "龙潭街道" });
    await expect.poll(() => page.locator("tbody tr").count()).toBe(7);
    await check(page, "queue-exempt");
    await periodPage(page);
    expect(await progressCell(page, "龙潭街道", "不参加本期考核")).toBe("1");

    await page.goto("/assessor/queue?status=all");
    await page.locator("tr", { hasText: EXEMPTED }).getByRole("link").click();
    await page.getByRole("button", { name: "恢复参加考核" }).click();
    await page.getByLabel("恢复理由").fill("调令撤回，继续在岗");
    await page.getByRole("button", { name: "恢复参加考核" }).click();
    await expectAnnounced(page, "已恢复参加本期考核");
    await page.goto("/assessor/queue?status=all");
    await page.locator("tr", { hasText: EXEMPTED }).waitFor();
    expect(await page.locator("tr", { hasText: EXEMPTED }).locator(".badge.exempt").count()).toBe(0);
  });

  it("the admin adds a late arrival to the running period (on a phone)", async () => {
    const page = await as("admin", { phone: true });
    await periodPage(page);
    const total = Number(await progressCell(page, "合计", "合计"));
    const label = `${E2E_LATE_ARRIVAL.employeeNo} ${E2E_LATE_ARRIVAL.name}`;
    await page.locator("#add-person").selectOption({ label });
    await page.getByRole("button", { name: "建立考核表" }).click();
    await expectAnnounced(page, `已为 ${E2E_LATE_ARRIVAL.name} 建立考核表`);
    await expect.poll(() => progressCell(page, "合计", "合计")).toBe(String(total + 1));
    expect(await page.locator("#add-person option", { hasText: E2E_LATE_ARRIVAL.name }).count()).toBe(0);
    await check(page, "admin-period-detail-phone");
    await page.goto("/assessor/queue?status=all");
    await page.locator("tr", { hasText: E2E_LATE_ARRIVAL.employeeNo }).waitFor();
  });

  it("creating a period with a past deadline asks first, naming the date", async () => {
    const page = await as("admin");
    await page.goto("/admin/periods");
    await page.getByRole("button", { name: "新建考核周期" }).click();
    await page.getByLabel("年度", { exact: true }).fill("2027");
    await page.getByLabel("名称", { exact: true }).fill("2027年度目标管理考核");
    await page.getByLabel("自评截止", { exact: true }).fill("2026-11-02");
    await page.getByRole("button", { name: "创建" }).click();
    await page.locator(".confirm", { hasText: "2026-11-02" }).waitFor();
    expect(await page.locator("article h2", { hasText: "2027年度" }).count()).toBe(0);
    await page.getByRole("button", { name: "确认保存" }).click();
    await expectAnnounced(page, "考核周期已创建");
    await page.locator("article h2", { hasText: "2027年度目标管理考核" }).waitFor();
  });
});

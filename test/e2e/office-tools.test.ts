import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, expectAccessible, expectAnnounced, screenshot } from "./support/browser";
import { useBrowserSuite } from "./support/suite";

// The county office's tools (issue 18): people one at a time, period control and 催报, signable documents,
// the readable audit log; as the admin and as the leader (viewer).

describe.runIf(browserAvailable())("the office's tools and papers", () => {
  const { as } = useBrowserSuite();

  it("admin: adds a person, sees a field error beside its field, edits, moves, opens a sign-in, retires", async () => {
    const page = await as("admin");
    await page.goto("/admin/people");
    await page.locator("table tbody tr").first().waitFor();
    await page.getByRole("button", { name: "新增人员" }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "新增人员" }) });
    await form.getByLabel("工号").fill("GY0188");
    await form.getByLabel("姓名").fill("石新");
    await form.getByLabel("乡镇（街道）").selectOption({ label: "龙潭街道" });
    await form.getByLabel("职务").fill("专干");
    await form.getByLabel("联系电话").fill("call me");
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.locator(".field.has-error").textContent()).toContain("联系电话");
    await screenshot(page, "people-add-field-error");
    await form.getByLabel("联系电话").fill("13800000001");
    await form.getByRole("button", { name: "保存" }).click();
    await page.getByRole("heading", { name: "石新（GY0188）" }).waitFor();
    await expectAccessible(page, "person page");

    await page.getByRole("button", { name: "开通账号" }).click();
    await expect
      .poll(() => page.locator(".one-time-password").textContent())
      .toMatch(/一次性密码 [a-z2-9]{12}/);
    await page.getByLabel("调入乡镇（街道）").selectOption({ label: "太和镇" });
    await page.getByLabel("调动原因").fill("工作需要");
    await page.getByRole("button", { name: "调动", exact: true }).click();
    await expectAnnounced(page, "已调入太和镇");
    await page.locator("main table", { hasText: "龙潭街道 → 太和镇" }).waitFor();
    await screenshot(page, "person-page");
    await page.getByLabel("原因", { exact: true }).fill("辞职");
    await page.getByRole("button", { name: "离岗" }).click();
    await page.getByRole("button", { name: "复岗" }).waitFor();
    await expect.poll(() => page.locator(".page-header .subtitle").textContent()).toContain("已离岗");

    await page.goto("/admin/people?q=GY0188&active=false");
    await page.locator("table tbody tr", { hasText: "石新" }).waitFor();
    await screenshot(page, "people-list-retired");
  });

  it("admin: the period page shows each township's progress; the 催报 list prints and exports; nav counts", async () => {
    const page = await as("admin");
    await page.goto("/admin/periods/2");
    await page.locator("table.control-table tbody tr").first().waitFor();
    expect(await page.locator("table.control-table tbody tr").count()).toBe(26);
    // The open 复核 and 申诉 of 2025 wait for the admin: counted beside 待处理复核/申诉.
    await expect
      .poll(() =>
        page.locator("#main-nav a", { hasText: "待处理复核/申诉" }).locator(".todo-count").textContent(),
      )
      .toContain("2");
    await screenshot(page, "period-control");
    await expectAccessible(page, "period control");
    await page.getByRole("link", { name: "催报名单" }).first().click();
    await page.locator("table.reminder-table tbody tr").first().waitFor();
    await page.getByLabel("乡镇（街道）").selectOption({ label: "龙潭街道" });
    await expect.poll(() => page.locator("table.control-table tbody tr").count()).toBe(1);
    await screenshot(page, "reminders-admin");
    await expectAccessible(page, "reminders");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toContain("龙潭街道_催报名单");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "reminders-print");
    await page.emulateMedia({ media: "screen" });
  });

  it("township: its own 催报 list, from its navigation", async () => {
    const page = await as("xz01");
    await page.getByRole("link", { name: "催报名单" }).click();
    await page.locator("table.reminder-table tbody tr").first().waitFor();
    const townships = await page.locator("table.reminder-table tbody td:first-child").allTextContents();
    expect(new Set(townships)).toEqual(new Set(["龙潭街道"]));
    await screenshot(page, "reminders-township");
    await expectAccessible(page, "township reminders");
  });

  /** Prints the page to an A4 PDF in test-artifacts/ and answers its text, page by page (pdftotext). */
  async function printed(page: Page, name: string): Promise<string[]> {
    await page.emulateMedia({ media: "print" });
    await screenshot(page, `${name}-print`);
    const path = `test-artifacts/${name}.pdf`;
    await page.pdf({ path, format: "A4", printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: "screen" });
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    return text.split("\f").filter((p) => p.trim() !== "");
  }

  const squash = (text: string) => text.replace(/\s+/g, "");

  function expectSignable(pages: string[], title: string, signatures: string[]) {
    const first = squash(pages[0] ?? "");
    expect(first).toContain(title);
    expect(first).toContain("桂阳县·2025年度目标管理考核");
    for (const [i, text] of pages.entries())
      expect(squash(text)).toContain(`第${i + 1}页共${pages.length}页`);
    const last = squash(pages.at(-1) ?? "");
    for (const label of signatures) expect(last).toContain(label);
  }

  it("leader: the personal and township reports and the ranking table print as signable A4 documents", async () => {
    const page = await as("viewer");
    await page.getByLabel("考核周期").selectOption({ label: "2025年度目标管理考核 · 已公示" });
    await page.goto("/reports/people/1");
    await page.locator(".person-report").waitFor();
    await page.locator("canvas").first().waitFor();
    const person = await printed(page, "document-person");
    expectSignable(person, "个人年度考核报告", [
      "被考核人签字",
      "考核组（签字）",
      "分管领导（签字）",
      "日期",
      "（考核组盖章）",
    ]);
    expect(squash(person[0] ?? "")).toContain("周琼秀（GY0101）");

    await page.goto("/reports/townships/23");
    await page.locator(".stats").first().waitFor();
    const township = await printed(page, "document-township");
    expectSignable(township, "乡镇年度考核报告", ["乡镇负责人（签字）", "分管领导（签字）", "（乡镇盖章）"]);

    await page.goto("/reports");
    await page.getByRole("link", { name: "排名表（可签署）" }).click();
    await page.locator("table.ranking-table tbody tr").first().waitFor();
    await screenshot(page, "document-ranking-screen");
    await expectAccessible(page, "ranking document");
    const ranking = await printed(page, "document-ranking");
    expectSignable(ranking, "乡镇综合得分排名", [
      "考核组（签字）",
      "分管领导（签字）",
      "（考核领导小组盖章）",
    ]);
    expect(squash(ranking.join(""))).toContain("鹿峰街道");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Word" }).click();
    expect((await download).suggestedFilename()).toMatch(/乡镇综合得分排名_\d{4}-\d{2}-\d{2}\.docx$/);
  });

  it("admin: the audit log reads as sentences, filtered with pickers", async () => {
    const page = await as("admin");
    await page.goto("/audit");
    await page.locator(".audit-sentences li").first().waitFor();
    await page.getByLabel("变更类别").selectOption({ label: "人员" });
    await page.getByRole("button", { name: "查询" }).click();
    await expect
      .poll(() => page.locator(".audit-sentences > li").first().textContent())
      .toMatch(/系统管理员 系统管理员 .*(调动|离岗|新增人员|修改人员信息)/);
    await screenshot(page, "audit-sentences");
    await expectAccessible(page, "audit sentences");
  });
});

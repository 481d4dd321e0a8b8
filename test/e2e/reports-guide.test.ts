import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, drawnCanvases, expectAccessible, screenshot } from "./support/browser";
import { useBrowserSuite } from "./support/suite";

// Issue 18, the reader's side: charts that say what they measure, 历年对比, 使用说明 and the first sign-in's
// next step, and the scheme editor in the office's language; as the leader (viewer) and the admin.

describe.runIf(browserAvailable())("charts, year over year, help and the scheme editor's language", () => {
  const { as } = useBrowserSuite();

  /** Picks the period of `year` in the header's period picker. */
  async function choosePeriod(page: Page, year: string) {
    const picker = page.locator(".period-picker select");
    const value = await picker.locator("option", { hasText: year }).first().getAttribute("value");
    await picker.selectOption(value ?? "");
  }

  it("viewer: the first sign-in shows the next step until dismissed; 使用说明 gives the period's deadlines", async () => {
    const page = await as("viewer");
    const hint = page.locator(".first-steps");
    await expect.poll(() => hint.textContent()).toContain("全县考核看板");
    await screenshot(page, "guide-viewer-first-steps");
    await expectAccessible(page, "viewer first steps");
    await hint.getByRole("button", { name: "知道了" }).click();
    await expect.poll(() => hint.count()).toBe(0);
    await page.reload();
    await page.locator("header.topbar").waitFor();
    await page.locator("main h1").waitFor();
    expect(await hint.count()).toBe(0);

    await page.getByRole("link", { name: "使用说明" }).click();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("县领导使用说明");
    const deadlines = page.locator("section.card", { hasText: "本周期的截止日期" });
    await expect.poll(() => deadlines.textContent()).toContain("自评截止");
    expect(await page.locator("main table").textContent()).toContain("历年对比");
    await screenshot(page, "guide-viewer-help");
    await expectAccessible(page, "viewer help");
  });

  it("viewer: dashboard charts drawn with their axes, on screen and in print", async () => {
    const page = await as("viewer");
    await page.goto("/reports");
    await choosePeriod(page, "2025");
    await page.locator("table.ranking-table tbody tr").first().waitFor();
    await expect.poll(async () => (await drawnCanvases(page)).drawn).toBeGreaterThanOrEqual(3);
    await screenshot(page, "charts-dashboard");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "charts-dashboard-print");
    await page.locator("canvas").first().screenshot({ path: "test-artifacts/charts-ranking-print.png" });
    await page.emulateMedia({ media: "screen" });
  });

  it("viewer: 历年对比 of a township and of one of its people, from the navigation and the reports", async () => {
    const page = await as("viewer");
    await page.getByRole("navigation").getByRole("link", { name: "历年对比" }).click();
    await page.getByLabel("乡镇（街道）").selectOption({ label: "浩塘镇" });
    const results = page.locator("section.card", { hasText: "各周期结果" });
    await results.locator("tbody tr").nth(1).waitFor();
    const rows = await results.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(2);
    // 2025 is published, 2026 still open: its results are not shown.
    expect(rows[0]).toMatch(/2025.*\d+\.\d{2}/);
    expect(rows[1]).toContain("未公示");
    await page.locator(".card canvas").waitFor();
    await expect.poll(async () => (await drawnCanvases(page)).drawn).toBeGreaterThanOrEqual(1);
    expect(
      await page.locator("section.card", { hasText: "各指标得分" }).locator("tbody tr").count(),
    ).toBeGreaterThan(5);
    await screenshot(page, "compare-township");
    await expectAccessible(page, "township comparison");

    const member = page.getByLabel("人员");
    await expect.poll(() => member.locator("option").count()).toBeGreaterThan(1);
    await member.selectOption({ index: 1 });
    await expect.poll(() => results.locator("thead").textContent()).toContain("乡镇内名次");
    await screenshot(page, "compare-person");

    const townshipId = new URL(page.url()).searchParams.get("township");
    await page.goto(`/reports/townships/${townshipId}`);
    await page.locator("main").getByRole("link", { name: "历年对比" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/reports/compare");
    expect(new URL(page.url()).searchParams.get("township")).toBe(townshipId);
    await results.locator("tbody tr").nth(1).waitFor();
  });

  it("admin: next step and help of the admin; the scheme editor speaks the office's language", async () => {
    const page = await as("admin");
    await expect.poll(() => page.locator(".first-steps").textContent()).toContain("考核周期");
    await page.goto("/help");
    await page.locator("main table tbody tr").first().waitFor();
    expect(await page.locator("main h1").textContent()).toBe("系统管理员使用说明");

    await page.goto("/admin/schemes");
    const staffScheme = page.locator("tbody tr", { hasText: "GY-2025-STAFF" });
    await staffScheme.getByRole("link", { name: "编辑 / 试算" }).click();
    const quota = page.getByLabel("优秀比例上限（%）");
    await expect.poll(() => quota.inputValue()).toBe("20");
    const firstGrade = page.getByLabel("等次 1", { exact: true });
    expect(await firstGrade.locator("option:checked").textContent()).toBe("优秀");
    await page.locator(".indicator-editor summary").first().click();
    expect(await page.getByLabel("指标代码").first().inputValue()).toBe("A1");

    // 示例4 has a case of “两非”: vetoed, and the reason stands apart from the grade.
    await page.getByLabel("示例4 的 V1", { exact: false }).selectOption({ label: "是" });
    await page.getByRole("button", { name: "试算", exact: true }).click();
    const people = page.locator("table", { hasText: "一票否决原因" });
    await people.waitFor();
    const rows = await people.locator("tbody tr").allTextContents();
    // floor(4 × 20 %) = 0 places: the top scorer's 优秀 is demoted by the quota, and the page says so.
    expect(rows[0]).toContain("合格（优秀名额已满）");
    expect(rows[3]).toContain("一票否决：");
    expect(rows[3]).toContain("V1 “两非”案件或瞒报漏报");
    expect(rows[3]).toContain("不合格");

    // The input table scrolls inside the page, its person column stays in view.
    const wrap = page.locator(".trial-input");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await wrap.evaluate((element) => element.scrollBy(400, 0));
    const [wrapBox, personBox] = await Promise.all([
      wrap.boundingBox(),
      wrap.locator("tbody th").first().boundingBox(),
    ]);
    expect(Math.abs((personBox?.x ?? -99) - (wrapBox?.x ?? 0))).toBeLessThanOrEqual(2);
    await screenshot(page, "scheme-editor-language");
    await page.locator(".trial-run").screenshot({ path: "test-artifacts/scheme-editor-trial.png" });
    await page
      .locator("fieldset.card")
      .first()
      .screenshot({ path: "test-artifacts/scheme-editor-basics.png" });
    await expectAccessible(page, "scheme editor");
  });

  it("admin: a scheme out to Excel and back; a bad cell is named by its address", async () => {
    const page = await as("admin");
    await page.goto("/admin/schemes");
    await page.locator("table tbody tr").first().waitFor();
    const staffScheme = page.locator("tbody tr", { hasText: "GY-2025-STAFF" });
    const href = await staffScheme.getByRole("link", { name: "导出 Excel" }).getAttribute("href");
    const exported = await page.request.get(href ?? "");
    expect(exported.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported.body()).buffer.slice(0) as ArrayBuffer);
    const rules = workbook.getWorksheet("考核细则");
    if (!rules) throw new Error("the workbook has no 考核细则 sheet");
    rules.getCell("F3").value = "十分";
    const broken = Buffer.from(await workbook.xlsx.writeBuffer());
    const input = page.locator("#scheme-workbook-import");
    await input.setInputFiles({ name: "方案.xlsx", mimeType: "application/octet-stream", buffer: broken });
    const problems = page.locator(".workbook-problems");
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain("考核细则!F3");
    await screenshot(page, "scheme-workbook-problems");

    await input.setInputFiles({
      name: "方案.xlsx",
      mimeType: "application/octet-stream",
      buffer: await exported.body(),
    });
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).not.toBe("/admin/schemes");
    await page.getByLabel("优秀比例上限（%）").waitFor();
    expect(await page.getByLabel("优秀比例上限（%）").inputValue()).toBe("20");
  });
});

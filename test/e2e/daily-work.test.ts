import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type UserPage,
  unexpectedProblems,
} from "./support/browser";
import { E2E_STAFF } from "./support/county";
import { type RunningServer, startServer } from "./support/server";

// The clerk's day on the staff, township and assessor pages, at 1366×768 and on a 390×844 phone: figures
// read the same everywhere (one formatter), errors are whole sentences from the catalogue, numbers are taken
// as people type them, drafts survive navigation.

describe.runIf(browserAvailable())("daily work on the staff, township and assessor pages", () => {
  let server: RunningServer;
  let browser: Browser;
  const sessions: UserPage[] = [];

  async function as(username: string, options: { phone?: boolean } = {}): Promise<Page> {
    const session = await openPage(browser, server.url, options);
    sessions.push(session);
    await signIn(session.page, username);
    return session.page;
  }

  /** Opens a page and waits until its data has loaded: a spinner that never goes away fails the test. */
  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await expect.poll(() => page.locator(".loading").count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator(".error-box").count(), `${path} shows an error`).toBe(0);
  }

  /** The id of a person's 2026 sheet, through the API as the signed-in user sees it. */
  async function sheetIdOf(page: Page, employeeNo: string): Promise<number> {
    const periods = await (await page.request.get("/api/v1/periods")).json();
    const period = periods.items.find((p: { year: number }) => p.year === 2026);
    const sheets = await (await page.request.get(`/api/v1/periods/${period.id}/sheets`)).json();
    const sheet = sheets.items.find((s: { employeeNo: string }) => s.employeeNo === employeeNo);
    expect(sheet, `a 2026 sheet of ${employeeNo}`).toBeDefined();
    return sheet.id;
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

  it("figures: targets and values read with their unit from the one formatter on staff and assessor pages", async () => {
    const staff = await as(E2E_STAFF);
    await open(staff, "/staff/targets", "table");
    const a2 = staff.locator("tr", { hasText: "A2 出生人口性别比" });
    // 性别比 carries its basis in brackets; a rate its % sign; a count its unit after a space.
    await expect.poll(() => a2.locator("td.num").nth(1).textContent()).toBe("107（女=100）");
    const b1 = staff.locator("tr", { hasText: "B1 随访服务人次" });
    await expect.poll(() => b1.locator("td.num").nth(1).textContent()).toMatch(/^\d+ 人次$/);
    const a1 = staff.locator("tr", { hasText: "A1 政策符合率" });
    await expect.poll(() => a1.locator("td.num").nth(1).textContent()).toBe("95%");
    await screenshot(staff, "figures-staff-targets");

    await open(staff, "/staff/self-report", ".item-card");
    const a1Card = staff.locator(".item-card", { hasText: "政策符合率" });
    expect(await a1Card.locator(".meta").textContent()).toContain("目标 95%");
    const d3Card = staff.locator(".item-card", { hasText: "春季集中宣传服务活动" });
    expect(await d3Card.count()).toBe(1);

    const assessor = await as("assessor");
    const id = await sheetIdOf(assessor, "GY0101");
    await open(assessor, `/assessor/sheets/${id}`, "table");
    const row = assessor.locator("tr", { hasText: "A2 出生人口性别比" });
    expect(await row.locator("th .muted").textContent()).toContain("目标 107（女=100）");
    // The self value of a rate: digits, then % with no space, never more decimals than the scheme's 2.
    const a1Self = await assessor
      .locator("tr", { hasText: "A1 政策符合率" })
      .locator("td.num")
      .first()
      .textContent();
    expect(a1Self).toMatch(/^\d{1,3}(\.\d{1,2})?%/);
    const b1Self = await assessor
      .locator("tr", { hasText: "B1 随访服务人次" })
      .locator("td.num")
      .first()
      .textContent();
    expect(b1Self).toMatch(/^[\d,]+(\.\d{1,2})? 人次/);
    await screenshot(assessor, "figures-assessor-scoring");
    await expectAccessible(assessor, "assessor scoring");
  });
});

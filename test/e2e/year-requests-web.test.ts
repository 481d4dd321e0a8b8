import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client";
import { periods } from "../../src/db/schema/period";
import { readWorkbook } from "../fixtures/workbooks";
import {
  fillSelfValues,
  listStageSheets,
  period2026,
  recompute,
  scoreSheets,
} from "../support/report-stages";
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
import { E2E_LATE_ARRIVAL, E2E_STAFF } from "./support/county";
import { type RunningServer, startServer } from "./support/server";

// The pending 复核/申诉 list and the staff-account generation, through the browser: a staff member files a
// 复核 through the API on the published 2026 results; the assessor finds it in 待处理复核/申诉 and opens the
// sheet where it is decided; the admin generates the accounts of a township and receives the .xlsx.

/** Who files the 复核: a scored member of E2E_STAFF's township (龙潭街道). */
const FILER = "GY0101";

/** The template with 2026 scored and published, so its results can be questioned. */
async function publishedFolder(): Promise<{ dir: string; filerSheetId: number }> {
  const dir = mkdtempSync(join(tmpdir(), "kaohe-e2e-requests-"));
  cpSync(inject("e2eTemplateDir"), dir, { recursive: true });
  let filerSheetId = 0;
  const handle = await createDb({ dataDir: dir });
  try {
    const db = handle.db;
    const periodId = await period2026(db);
    const all = await listStageSheets(db, periodId);
    const drafting = all.filter((s) => s.employeeNo === E2E_STAFF);
    filerSheetId = all.find((s) => s.employeeNo === FILER)?.sheetId ?? 0;
    await fillSelfValues(db, drafting);
    await scoreSheets(db, drafting);
    await db.execute(sql`update sheets set status = 'published' where period_id = ${periodId}`);
    await db
      .update(periods)
      .set({ status: "published", publishedAt: new Date() })
      .where(eq(periods.id, periodId));
    await recompute(db, periodId);
  } finally {
    await handle.close();
  }
  return { dir, filerSheetId };
}

describe.runIf(browserAvailable())("pending requests and staff accounts, through the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let dir = "";
  let filerSheetId = 0;
  const sessions: UserPage[] = [];

  async function as(username: string): Promise<Page> {
    const session = await openPage(browser, server.url);
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
    ({ dir, filerSheetId } = await publishedFolder());
    [server, browser] = await Promise.all([startServer(dir), launchBrowser()]);
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a 复核 filed through the API is listed for the assessor, and its row opens the sheet to decide it", async () => {
    const staff = await as(FILER);
    // The staff member's own signed-in page files it, as the result page would (same origin, session cookie).
    const status = await staff.evaluate(
      async (sheetId) =>
        (
          await fetch(`/api/v1/sheets/${sheetId}/recheck`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ reason: "B1 随访人次漏计 6 人次", indicatorCode: "B1" }),
          })
        ).status,
      filerSheetId,
    );
    expect(status).toBe(201);

    const page = await as("assessor");
    await page.getByRole("link", { name: "待处理复核/申诉" }).click();
    const row = page.locator("tbody tr", { hasText: FILER });
    await row.waitFor();
    await check(page, "assessor-pending-requests");
    const cells = await row.locator("td, th").allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      FILER,
      expect.any(String),
      "龙潭街道",
      "复核",
      expect.stringMatching(/^B1 /),
    ]);
    // A 复核 must be answered by the 2026 appeal deadline, 2027-02-28: not yet overdue.
    expect(cells[6]).toContain("2027");
    expect(cells[6]).not.toContain("逾期");
    // Filtering to 申诉 leaves no 复核.
    await page.getByLabel("类型").selectOption("appeal");
    await expect.poll(() => page.locator("tbody tr", { hasText: FILER }).count()).toBe(0);
    await page.getByLabel("类型").selectOption("recheck");
    await row.getByRole("link", { name: /^处理/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/assessor/sheets/${filerSheetId}`);
    await page.getByRole("heading", { name: /复核/ }).first().waitFor();
    await page.getByText("B1 随访人次漏计 6 人次").first().waitFor();
    await check(page, "assessor-pending-request-decide");
  });

  it("the admin generates a township's staff accounts after confirming, and downloads the passwords once", async () => {
    const page = await as("admin");
    await page.goto("/admin/people");
    const card = page.getByRole("region", { name: "生成工作人员账号" });
    await card.getByRole("button", { name: "生成工作人员账号" }).click();
    await card.getByText("请先选择乡镇", { exact: true }).last().waitFor();
    await card.getByLabel("乡镇（街道）").selectOption({ label: "龙潭街道" });
    await card.getByRole("button", { name: "生成工作人员账号" }).click();
    // Nothing is created before the admin confirms: the warning says the passwords are shown only once.
    await card.locator(".confirm", { hasText: "只显示这一次" }).waitFor();
    await check(page, "admin-staff-accounts-confirm");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("button", { name: "生成并下载" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^龙潭街道.*工作人员账号.*\.xlsx$/);
    const file = readFileSync(await download.path());
    const rows =
      (await readWorkbook(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength))).get(
        "账号",
      ) ?? [];
    // The late arrival of the template is 龙潭街道's only person without an account.
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ["龙潭街道", E2E_LATE_ARRIVAL.employeeNo, E2E_LATE_ARRIVAL.name, E2E_LATE_ARRIVAL.employeeNo],
    ]);
    expect(String(rows[1]?.[4])).toMatch(/^[a-z2-9]{12}$/);
    await card.getByText("已生成 1 个账号，文件已下载。").waitFor();
    await check(page, "admin-staff-accounts-done");
  });
});

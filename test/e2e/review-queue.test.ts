import { sql } from "drizzle-orm";
import type { APIRequestContext, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client";
import { PDF_BYTES, PNG_BYTES } from "../support/year-fixtures";
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
import { type RunningServer, startServer } from "./support/server";

// Waiting for the server's answer, not a speed check: a poll fails only if the page never shows it.
const WAIT = { timeout: 15_000 };
const SUBMITTERS = ["GY0301", "GY0302", "GY0303"];

// The township's review list (self-score, submitted at, evidence, flags, batch pass, return after pass) and
// the assessor's queue and scoring page (paged, searched, 待评分 first, evidence beside the values), at
// 1366×768 and on a 390×844 phone. 浩塘… township 03's sheets start as drafts its staff submit here.

/** Township 03's 2026 sheets back to 填报中, so its staff can submit them in the test. */
async function township03Drafts(dataDir: string): Promise<void> {
  const handle = await createDb({ dataDir });
  try {
    await handle.db.execute(sql`
      update sheets set status = 'draft', submitted_at = null, reviewed_at = null, scored_at = null
       where period_id = (select id from periods where year = 2026 and kind = 'annual')
         and person_id in (select id from people where employee_no like 'GY03%')`);
  } finally {
    await handle.close();
  }
}

describe.runIf(browserAvailable())("township review list and assessor queue", () => {
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
    await page.locator(ready).first().waitFor(WAIT);
    await expect.poll(() => page.locator(".loading").count(), WAIT).toBe(0);
    expect(await page.locator(".error-box").count(), `${path} shows an error`).toBe(0);
  }

  /** Fills in evidence for every item that needs it and submits, as the staff member through the API. */
  async function submitWithEvidence(request: APIRequestContext, employeeNo: string): Promise<void> {
    const login = await request.post("/api/v1/auth/login", {
      data: { username: employeeNo, password: "kaohe-demo" },
    });
    expect(login.status()).toBe(200);
    const mine = (await (await request.get("/api/v1/me/sheets")).json()).items;
    const sheetId = mine.find((s: { year: number }) => s.year === 2026).id;
    const view = await (await request.get(`/api/v1/sheets/${sheetId}`)).json();
    let first = true;
    for (const item of view.items) {
      const zeroBonus = item.ruleType === "bonus" && item.selfValue === 0;
      if (!item.evidenceRequired || item.selfValue === null || zeroBonus) continue;
      // The first file is a photo, the rest PDFs: the review page previews both kinds.
      const file = first
        ? { name: "现场照片.png", mimeType: "image/png", buffer: Buffer.from(PNG_BYTES) }
        : { name: `${item.code}证明.pdf`, mimeType: "application/pdf", buffer: Buffer.from(PDF_BYTES) };
      first = false;
      const uploaded = await request.post(`/api/v1/sheets/${sheetId}/items/${item.code}/evidence`, {
        multipart: { file },
      });
      expect(uploaded.status(), await uploaded.text()).toBe(201);
    }
    const fresh = await (await request.get(`/api/v1/sheets/${sheetId}`)).json();
    const submitted = await request.post(`/api/v1/sheets/${sheetId}/submit`, {
      data: { version: fresh.sheet.version },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  }

  const rowOf = (page: Page, employeeNo: string) => page.locator("tbody tr", { hasText: employeeNo });

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer(inject("e2eTemplateDir"), township03Drafts),
      launchBrowser(),
    ]);
    for (const employeeNo of SUBMITTERS) {
      const session = await openPage(browser, server.url);
      await submitWithEvidence(session.context.request, employeeNo);
      await session.context.close();
    }
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it("review list: self-score, submitted at, evidence and flags; the sheet beside its evidence", async () => {
    const township = await as("xz03");
    await open(township, "/township/sheets", "table.review-list");
    await expect.poll(() => township.locator(".notice").first().textContent(), WAIT).toContain("有 3 份");
    const row = rowOf(township, "GY0301");
    const selfScore = await row.locator('td[data-label="自评得分"]').textContent();
    expect(Number(selfScore)).toBeGreaterThan(50);
    expect(await row.locator('td[data-label="提交时间"]').textContent()).toMatch(/2026/);
    expect(await row.locator('td[data-label="佐证材料"]').textContent()).toMatch(/^[1-9]\d* 份$/);
    expect(await row.getByRole("checkbox").count()).toBe(1);
    // A draft cannot be passed: no box to tick.
    const draft = township.locator("tbody tr", { hasText: "填报中" }).first();
    expect(await draft.getByRole("checkbox").count()).toBe(0);
    await screenshot(township, "review-list-desktop");
    await expectAccessible(township, "township review list");

    await row.getByRole("link", { name: /审核/ }).click();
    await township.getByRole("button", { name: "在右侧查看 现场照片.png" }).click();
    const image = township.locator(".evidence-preview img");
    await image.waitFor(WAIT);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT)
      .toBeGreaterThan(0);
    await township
      .getByRole("button", { name: /在右侧查看 A3证明\.pdf|在右侧查看 .*\.pdf/ })
      .first()
      .click();
    const frame = township.locator(".evidence-preview iframe");
    await frame.waitFor(WAIT);
    const src = (await frame.getAttribute("src")) ?? "";
    expect(src).toMatch(/\/api\/v1\/evidence\/\d+\?preview=1$/);
    // The framed PDF is sandboxed by its own CSP, and the browser's viewer shows it (a frame sandboxed by
    // attribute would show Chromium's broken-page icon instead).
    const answer = await township.request.get(src);
    expect(answer.headers()["content-security-policy"]).toMatch(/^sandbox;/);
    await expect
      .poll(() => township.frames().some((f) => f.url().startsWith("chrome-extension://")), WAIT)
      .toBe(true);
    // Nothing is chosen for the reviewer.
    expect(await township.getByRole("radio", { checked: true }).count()).toBe(0);
    await screenshot(township, "review-sheet-desktop");
    await expectAccessible(township, "township review of one sheet");
  });

  it("batch pass: two ticked sheets pass after one confirmation naming them", async () => {
    const township = await as("xz03");
    await open(township, "/township/sheets", "table.review-list");
    await rowOf(township, "GY0301").getByRole("checkbox").check();
    await rowOf(township, "GY0302").getByRole("checkbox").check();
    await expect.poll(() => township.locator(".batch-actions").textContent(), WAIT).toContain("已选 2 份");
    await township.getByRole("button", { name: "批量审核通过" }).click();
    const question = township.locator("#batch-confirm");
    expect(await question.textContent()).toBe("确认审核通过以下 2 份考核表，报县考核组？");
    expect(await township.locator(".batch-bar .confirm").textContent()).toMatch(/GY0301|\p{Script=Han}+/u);
    await screenshot(township, "review-batch-confirm-desktop");
    await township.getByRole("button", { name: "确认通过 2 份" }).click();
    await expect
      .poll(() => township.locator(".batch-bar [role=status]").textContent(), WAIT)
      .toBe("已审核通过 2 份考核表。");
    await expect
      .poll(() => rowOf(township, "GY0301").locator(".badge").first().textContent(), WAIT)
      .toBe("乡镇已审核");
    expect(await rowOf(township, "GY0302").locator(".badge").first().textContent()).toBe("乡镇已审核");
    expect(await rowOf(township, "GY0303").locator(".badge").first().textContent()).toBe("已提交");
  });

  it("a passed sheet can still be returned before assessment starts", async () => {
    const township = await as("xz03");
    await open(township, "/township/sheets", "table.review-list");
    await rowOf(township, "GY0301").getByRole("link", { name: /审核/ }).click();
    await township.getByText("考核开始前，仍可退回本人修改").waitFor(WAIT);
    expect(await township.getByRole("radio", { name: /审核通过/ }).count()).toBe(0);
    await township.getByLabel("退回意见（必填）").fill("照片看不清，请重新上传。");
    await township.getByRole("button", { name: "退回", exact: true }).click();
    await township.locator("#review-confirm").waitFor(WAIT);
    await township.getByRole("button", { name: "退回", exact: true }).click();
    await township.locator("table.review-list").waitFor(WAIT);
    await expect
      .poll(() => rowOf(township, "GY0301").locator('td[data-label="提示"]').textContent(), WAIT)
      .toContain("退回过 1 次");
  });

  it("phone: the review list is labelled cards, the batch bar stays on screen", async () => {
    const township = await as("xz03", { phone: true });
    await open(township, "/township/sheets", "table.review-list");
    expect(await township.locator("table.review-list thead").isVisible()).toBe(false);
    const card = rowOf(township, "GY0303");
    const label = await card
      .locator('td[data-label="自评得分"]')
      .evaluate((cell) => getComputedStyle(cell, "::before").content);
    expect(label).toBe('"自评得分"');
    const box = await card.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300); // one card across, not one character per line
    const bar = await township.locator(".batch-bar").boundingBox();
    expect(bar && bar.y + bar.height).toBeLessThanOrEqual(844);
    await screenshot(township, "review-list-phone");
    await expectAccessible(township, "township review list on a phone");
  });

  it("queue: 待评分 by default, searchable by 工号, paged, actions only where the sheet allows them", async () => {
    const admin = await as("admin");
    const started = await admin.request.post(
      "/api/v1/periods/" + (await periodId(admin)) + "/start-assessing",
      {
        data: { confirm: true },
      },
    );
    expect(started.status(), await started.text()).toBe(200);

    const assessor = await as("assessor");
    await open(assessor, "/assessor/queue", "table");
    expect(await assessor.getByLabel("状态").inputValue()).toBe("reviewed");
    const rows = assessor.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("GY0302");
    expect(await rows.first().getByRole("link", { name: /^评分/ }).count()).toBe(1);
    await screenshot(assessor, "queue-to-score-desktop");

    await assessor.getByLabel("状态").selectOption("all");
    await expect.poll(() => assessor.locator(".pager").textContent(), WAIT).toMatch(/第 1 \/ 4 页/);
    expect(await rows.count()).toBe(50);
    await assessor.getByRole("button", { name: "下一页" }).click();
    await expect.poll(() => assessor.locator(".pager").textContent(), WAIT).toMatch(/第 2 \/ 4 页/);
    expect(assessor.url()).toContain("page=2");

    await assessor.getByLabel("姓名或工号").fill("GY0303");
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(assessor.url()).toContain("q=GY0303");
    // Submitted, not yet passed by the township: nothing to score, only details.
    expect(await rows.first().getByRole("link", { name: /^评分/ }).count()).toBe(0);
    expect(await rows.first().getByRole("link", { name: /^详情/ }).count()).toBe(1);
    await assessor.getByLabel("姓名或工号").fill("不存在的人");
    await assessor.getByText("没有符合条件的考核表。").waitFor(WAIT);
    await expectAccessible(assessor, "assessor queue");
  });

  it("scoring page: evidence beside the values; the edited row stays above the save bar", async () => {
    const assessor = await as("assessor");
    await open(assessor, "/assessor/queue", "table");
    await rowOf(assessor, "GY0302").getByRole("link", { name: /^评分/ }).click();
    await assessor.getByRole("button", { name: "在右侧查看 现场照片.png" }).click();
    const image = assessor.locator(".evidence-preview img");
    await image.waitFor(WAIT);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT)
      .toBeGreaterThan(0);
    const inputs = assessor.locator(".scoring-table input[id^=verify-]:not([id$=-reason])");
    const last = inputs.last();
    await last.focus();
    await last.fill("1");
    const row = await last.locator("xpath=ancestor::tr").boundingBox();
    const bar = await assessor.locator(".sticky-actions").boundingBox();
    expect(row && bar && row.y + row.height).toBeLessThanOrEqual((bar?.y ?? 0) + 1);
    await screenshot(assessor, "scoring-desktop");
    await expectAccessible(assessor, "scoring page");

    const phone = await as("assessor", { phone: true });
    await open(phone, "/assessor/queue", "table");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "queue-phone");
    await rowOf(phone, "GY0302").getByRole("link", { name: /^评分/ }).click();
    await phone.getByRole("button", { name: "在右侧查看 现场照片.png" }).click();
    await phone.locator(".evidence-preview img").waitFor(WAIT);
    // Cards, not a squeezed table: the indicator's name reads on one line, nothing scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const a1 = await phone.locator("tr", { hasText: "A1 政策符合率" }).locator("th").boundingBox();
    expect(a1?.height ?? 999).toBeLessThan(60);
    expect(await phone.locator('td[data-label^="核定值"]').first().isVisible()).toBe(true);
    await screenshot(phone, "scoring-phone");
    // What the phone shows at once: cards and the save bar at the bottom of the screen.
    await phone.locator("tr", { hasText: "B1 随访服务人次" }).scrollIntoViewIfNeeded();
    await phone.screenshot({ path: "test-artifacts/scoring-phone-screen.png" });
    const saveBar = await phone.locator(".sticky-actions").boundingBox();
    expect(saveBar && saveBar.y + saveBar.height).toBeLessThanOrEqual(844);
  });
});

async function periodId(page: Page): Promise<number> {
  const periods = await (await page.request.get("/api/v1/periods")).json();
  return periods.items.find((p: { year: number }) => p.year === 2026).id;
}

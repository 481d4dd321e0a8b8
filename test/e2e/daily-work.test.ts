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

// Waiting for the server's answer, not a speed check: a poll fails only if the page never shows it.
const WAIT = { timeout: 15_000 };

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
    await expect.poll(() => a2.locator("td.num").nth(1).textContent(), WAIT).toBe("107（女=100）");
    const b1 = staff.locator("tr", { hasText: "B1 随访服务人次" });
    await expect.poll(() => b1.locator("td.num").nth(1).textContent(), WAIT).toMatch(/^\d+ 人次$/);
    const a1 = staff.locator("tr", { hasText: "A1 政策符合率" });
    await expect.poll(() => a1.locator("td.num").nth(1).textContent(), WAIT).toBe("95%");
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

  it("errors by code: an .exe upload reads the whole Chinese sentence; a missing-evidence error goes once the file is up", async () => {
    const page = await as(E2E_STAFF);
    await open(page, "/staff/self-report", ".item-card");
    await page.setInputFiles("#evidence-A1", {
      name: "setup.exe",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("MZ\x90\x00 not evidence"),
    });
    const a1Error = page.locator("#evidence-A1-error");
    await expect
      .poll(() => a1Error.textContent(), WAIT)
      .toBe("只接受 PDF、JPG、PNG、XLSX、DOCX 文件，这个文件的类型不能作为佐证材料。");
    await screenshot(page, "errors-exe-upload");

    // Submitting with values and evidence missing: one whole sentence naming the items, each error at its item.
    await page.locator("#item-A3").fill("98");
    await page.getByRole("button", { name: "提交考核表" }).click();
    await page.getByRole("button", { name: "确认提交" }).click();
    const formError = page.locator(".score-panel .form-error");
    await expect
      .poll(() => formError.textContent(), WAIT)
      .toMatch(/^还有未完成的项目：.*A3.*。请填写数值、上传所需佐证材料后再提交。$/);
    expect(await formError.textContent()).not.toMatch(/[A-Za-z]{4,}/);
    const a3Evidence = page.locator("#evidence-A3-error");
    await expect.poll(() => a3Evidence.textContent(), WAIT).toBe("A3 缺少佐证材料，请上传后再提交。");
    await screenshot(page, "errors-submit-incomplete");
    await page.setInputFiles("#evidence-A3", {
      name: "核查表.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    });
    await page.locator(".item-card", { hasText: "全员人口信息准确率" }).getByText("核查表.pdf").waitFor();
    await expect.poll(() => a3Evidence.textContent(), WAIT).toBe("");
  });

  it("numbers as typed: full-width digits and 98.5% are taken, 150 % asks first; typed values survive navigation", async () => {
    const page = await as(E2E_STAFF);
    await open(page, "/staff/self-report", ".item-card");
    const total = page.locator(".score-panel .score-list dd.big");
    const before = await total.textContent();
    await page.locator("#item-B1").fill("１０８");
    await page.locator("#item-A1").fill("98.5%");
    // The live self-score follows the typing (computed in the browser by the src/domain engine), before saving.
    await expect.poll(() => total.textContent(), WAIT).not.toBe(before);
    expect(await page.locator("#item-A4-hint").textContent()).toContain("合理范围 0%～100%");
    await page.locator("#item-A4").fill("150");
    await page.getByRole("button", { name: "保存草稿" }).click();
    const confirm = page.locator("#unusual-values");
    await expect.poll(() => confirm.textContent(), WAIT).toContain("A4 孕前优生健康检查目标人群覆盖率 150%");
    await screenshot(page, "numbers-out-of-range-confirm");
    await page.locator("#item-A4").fill("85");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.locator(".toast", { hasText: "已保存" }).waitFor();
    expect(await page.locator("#item-B1").inputValue()).toBe("108");
    expect(await page.locator("#item-A1").inputValue()).toBe("98.5");
    expect(await page.locator("#item-B1-error").textContent()).toBe("");

    // Typed, not saved, then another menu item and back: the value is still there, and the page says so.
    await page.locator("#item-A3").fill("97.2");
    await page.getByRole("link", { name: "我的目标" }).click();
    await page.getByRole("heading", { name: "我的目标" }).waitFor();
    await page.getByRole("link", { name: "年度自评" }).click();
    await page.locator("#item-A3").waitFor();
    await expect.poll(() => page.locator("#item-A3").inputValue(), WAIT).toBe("97.2");
    await page.locator(".notice", { hasText: "已恢复上次未保存的 1 项修改" }).waitFor();
    await screenshot(page, "drafts-restored");
    await expectAccessible(page, "self-report with drafts");
  });

  it("autosave: a paused value reaches the server, a value to confirm waits, a stale version stops it", async () => {
    const page = await as(E2E_STAFF);
    await open(page, "/staff/self-report", ".item-card");
    const periods = (await (await page.request.get("/api/v1/periods")).json()).items;
    const period = periods.find((p: { year: number }) => p.year === 2026);
    const mine = (await (await page.request.get("/api/v1/me/sheets")).json()).items;
    const sheetId: number = mine.find((s: { periodId: number }) => s.periodId === period.id).id;
    const server = async () => {
      const view = await (await page.request.get(`/api/v1/sheets/${sheetId}`)).json();
      const value = (code: string) =>
        view.items.find((item: { code: string }) => item.code === code).selfValue as unknown;
      return { version: view.sheet.version as number, value };
    };
    const before = await server();
    expect(before.value("A4")).not.toBe(150);
    const status = page.locator(".autosave-status");

    // Typed and left alone: saved through the 保存草稿 API with an Idempotency-Key, without a click.
    const patched = page.waitForRequest(
      (r) => r.method() === "PATCH" && r.url().endsWith(`/${sheetId}/self`),
    );
    await page.locator("#item-B1").fill("１２６");
    await page.locator("#item-A4").fill("150");
    expect((await patched).headers()["idempotency-key"]).toMatch(/^[\w-]{8,128}$/);
    await expect.poll(() => status.textContent(), WAIT).toMatch(/^已自动保存 \d{2}:\d{2}/);
    // 150 % is outside the plausible range: it waits for the button's confirmation, and the page says so.
    expect(await status.textContent()).toContain("A4 的数值需要核对，没有自动保存；请点击“保存草稿”确认。");
    await screenshot(page, "drafts-autosaved");
    await page.locator(".score-panel").screenshot({ path: "test-artifacts/drafts-autosaved-panel.png" });
    const after = await server();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.value("B1")).toBe(126);
    expect(after.value("A4")).toBe(before.value("A4"));

    // Reloaded: 126 comes from the server (only A4 is still a draft of this tab).
    await page.reload();
    await page.locator("#item-B1").waitFor();
    await expect.poll(() => page.locator("#item-B1").inputValue(), WAIT).toBe("126");
    await page.locator(".notice", { hasText: "已恢复上次未保存的 1 项修改" }).waitFor();
    expect(await page.locator("#item-A4").inputValue()).toBe("150");

    // Changed elsewhere meanwhile: the autosave is refused as stale, overwrites nothing and stops; the typed
    // value stays, and after 重新载入 it is still there to check and save.
    const elsewhere = await page.request.patch(`/api/v1/sheets/${sheetId}/self`, {
      data: { version: after.version, items: [{ code: "B1", value: 130, note: null }] },
    });
    expect(elsewhere.status()).toBe(200);
    await page.locator("#item-B1").fill("131");
    await expect.poll(() => status.textContent(), WAIT).toContain("自动保存已停止");
    expect((await server()).value("B1")).toBe(130);
    expect(await page.locator("#item-B1").inputValue()).toBe("131");
    await screenshot(page, "drafts-autosave-stale");
    await page.locator(".score-panel").screenshot({ path: "test-artifacts/drafts-autosave-stale-panel.png" });
    await page.getByRole("button", { name: "重新载入" }).click();
    await expect
      .poll(() => status.textContent(), WAIT)
      .toBe("A4 的数值需要核对，没有自动保存；请点击“保存草稿”确认。");
    expect(await page.locator("#item-B1").inputValue()).toBe("131");
    expect((await server()).value("B1")).toBe(130);
    await expectAccessible(page, "self-report after autosave");
  });

  it("phone: progress inputs carry their label and unit", async () => {
    const page = await as(E2E_STAFF, { phone: true });
    await open(page, "/staff/progress", "table");
    const inputs = page.locator("td.input-cell input");
    expect(await inputs.count()).toBeGreaterThan(3);
    const b1 = page.locator("tr", { hasText: "B1 随访服务人次" });
    expect(await b1.locator("td.input-cell .unit").textContent()).toBe("人次");
    expect(await b1.locator("td.input-cell").getAttribute("data-label")).toMatch(/累计$/);
    await page.locator("#progress-B1").fill("１２０");
    await screenshot(page, "phone-progress-units");
    await expectAccessible(page, "progress on a phone");
  });
});

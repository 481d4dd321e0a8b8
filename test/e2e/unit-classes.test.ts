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
import { type RunningServer, startServer } from "./support/server";

// 分类考核 in the browser: the admin sets each township's unit class for a period, and the scheme editor shows
// the class-dependent parameters of an indicator.

describe.runIf(browserAvailable())("unit classes", () => {
  let server: RunningServer;
  let browser: Browser;
  const sessions: UserPage[] = [];
  let page: Page;
  let periodId = 0;
  let schemeId = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(inject("e2eTemplateDir")), launchBrowser()]);
    const session = await openPage(browser, server.url);
    sessions.push(session);
    page = session.page;
    await signIn(page, "admin");
    // A scheme with two classes and class values on C1, and a period of two townships using it.
    const list = await (await page.request.get("/api/v1/schemes")).json();
    const demo = await (await page.request.get(`/api/v1/schemes/${list.items.at(-1).id}`)).json();
    const document = structuredClone(demo.document);
    document.code = "GY-2040-CLASSES";
    document.unitClasses = ["一类", "二类"];
    const first = document.categories[0].indicators[0];
    first.byClass = {
      二类: { points: first.points - 2, target: first.target ? first.target - 5 : undefined },
    };
    const imported = await page.request.post("/api/v1/schemes?acceptWarnings=true", { data: document });
    expect(imported.status()).toBe(201);
    schemeId = (await imported.json()).scheme.id;
    const townships = (await (await page.request.get("/api/v1/townships")).json()).items;
    const created = await page.request.post("/api/v1/periods", {
      data: {
        year: 2040,
        name: "2040年度考核",
        schemeId,
        townshipIds: townships.slice(0, 2).map((t: { id: number }) => t.id),
        selfReportDeadline: "2099-01-10",
        reviewDeadline: "2099-01-20",
        recheckDeadline: "2099-02-15",
        appealDeadline: "2099-02-28",
      },
    });
    expect(created.status()).toBe(201);
    periodId = (await created.json()).period.id;
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it("admin: sets a township's class with a reason; the table shows it, and a missing reason is named", async () => {
    await page.goto(`/admin/periods/${periodId}`);
    await page.getByRole("link", { name: "单位类别" }).click();
    await page.getByRole("heading", { name: "2040年度考核：单位类别" }).waitFor();
    const rows = page.locator("main table tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const firstName = (await rows.first().locator("th").textContent()) ?? "";
    await page.getByLabel(`${firstName}的本期类别`).selectOption({ label: "二类" });
    await page.getByRole("button", { name: "保存单位类别" }).click();
    await expect.poll(() => page.locator(".field.has-error").textContent()).toContain("必须说明理由");
    await page.getByLabel("修改理由（如乡镇分类文件文号）").fill("县人口计生委分类文件（2040）1 号");
    await page.getByRole("button", { name: "保存单位类别" }).click();
    await expectAnnounced(page, "份考核表的单位类别");
    await expect.poll(() => rows.first().locator("td").nth(1).textContent()).toBe("二类");
    await expect.poll(() => rows.nth(1).locator("td").nth(1).textContent()).toBe("未定类别");
    await expectAccessible(page, "unit classes page");
    await screenshot(page, "unit-classes");
    const stored = await (await page.request.get(`/api/v1/periods/${periodId}/unit-classes`)).json();
    const classes = new Set(
      stored.items.map((item: { unitClass: string | null }) => item.unitClass ?? "none"),
    );
    expect([...classes].sort()).toEqual(["none", "二类"].sort());
  });

  it("admin: the scheme editor shows and edits an indicator's class values", async () => {
    await page.goto(`/admin/schemes/${schemeId}`);
    const a1 = page.locator("details.indicator-editor", { has: page.locator("summary", { hasText: "A1" }) });
    await a1.locator("summary").click();
    const fieldset = a1.locator("legend", { hasText: "按单位类别改参数" }).locator("xpath=..");
    await fieldset.waitFor();
    // 二类 carries the points and target typed into the document above; 一类 has none of its own.
    const second = fieldset.locator("div", { has: page.locator("strong", { hasText: "二类" }) }).last();
    await expect.poll(() => second.getByLabel("分值").first().inputValue()).toBe("8");
    await second.getByLabel("分值").first().fill("7");
    await expect.poll(() => second.getByLabel("分值").first().inputValue()).toBe("7");
    // The class values at the top of the window, clear of the editor's sticky save bar.
    await fieldset.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: "test-artifacts/scheme-editor-class-values.png" });
  });

  it("staff: the self-report says how each item and the total are scored", async () => {
    const session = await openPage(browser, server.url);
    sessions.push(session);
    const staff = session.page;
    await signIn(staff, "GY0103");
    await staff.goto("/staff/self-report");
    const a1 = staff.locator("article.item-card", { hasText: "政策符合率" });
    await expect.poll(() => a1.locator(".rule-text").textContent()).toContain("计分规则：");
    await staff.getByText("计分说明（总分怎样算）").click();
    const notes = staff.locator(".scheme-notes li");
    await expect
      .poll(() => notes.allTextContents())
      .toContain("每项得分四舍五入保留 2 位小数；基本分 = 各项得分之和 ÷ 各项分值之和 × 100，保留 2 位小数");
    await expect
      .poll(async () => (await notes.allTextContents()).join("\n"))
      .toMatch(/加分项与超目标加分合计最多 \d+ 分/);
    await expectAccessible(staff, "self-report with rule text");
    await screenshot(staff, "self-report-rule-text");
  });
});

import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import campaignScheme from "../../src/db/seed/campaign-scheme.json";
import { DEMO_TOWNSHIPS } from "../../src/services/demo/county-data";
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

// A campaign (专项活动) in which the townships are what is assessed (issue 19), in the browser: a township's
// 自查自纠 on a phone, the county's 督查 and scoring, 公示, the township's 复核, the leading group's 预否决
// decisions, 兑现奖惩 and the 通报 printed on A4. The other 25 townships go through the API: clicking them all
// would prove nothing more than one does.

const PERIOD_NAME = "2026年秋季优质服务专项活动";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const DOCUMENT_NO = "桂人口组发〔2026〕9号";

// The townships' values, as in test/integration/township-campaign.test.ts: a better-run township (the demo's
// `quality`) reports and is rated higher, so 杨柳乡 and 浩塘镇 end last.
const qualityOf = (name: string) => DEMO_TOWNSHIPS.find((t) => t.name === name)?.quality ?? 0;
const s2Of = (q: number) => 2.25 * Math.min(40, Math.round(20 + q * 24));
const s3Of = (q: number) => (q >= 0.7 ? 96 : q >= 0.6 ? 91 : q >= 0.5 ? 85 : 75);
const ratingOf = (q: number) => (q >= 0.7 ? "优" : q >= 0.6 ? "良" : q >= 0.5 ? "中" : "差");

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
type Json = any;

describe.runIf(browserAvailable())("a township campaign, from 自查自纠 to the 通报", () => {
  let server: RunningServer;
  let browser: Browser;
  const sessions: UserPage[] = [];
  const tokens = new Map<string, string>();
  let periodId = 0;
  let townships: { id: number; name: string; user: string; sheetId: number }[] = [];
  const yangliu = () => townships.find((t) => t.name === "杨柳乡") as (typeof townships)[number];

  /** The API as one user (Bearer token, no browser), failing on any error answer. */
  async function apiAs(username: string, method: string, path: string, body?: unknown): Promise<Json> {
    let token = tokens.get(username);
    if (!token) {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: "kaohe-demo" }),
      });
      token = ((await login.json()) as Json).token as string;
      tokens.set(username, token);
    }
    const form = body instanceof FormData;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined || form ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const answer = (await response.json()) as Json;
    expect(response.status, `${method} ${path}: ${JSON.stringify(answer).slice(0, 300)}`).toBeLessThan(300);
    return answer;
  }

  async function as(username: string, options: { phone?: boolean } = {}): Promise<Page> {
    const session = await openPage(browser, server.url, options);
    sessions.push(session);
    await signIn(session.page, username);
    // The campaign in the header's period picker (it is one of several periods of 2026).
    await session.page.getByLabel("考核周期").selectOption(String(periodId));
    return session.page;
  }

  async function check(page: Page, name: string): Promise<void> {
    await page.locator(".loading").first().waitFor({ state: "detached", timeout: 15_000 });
    await screenshot(page, name);
    await expectAccessible(page, name);
  }

  /** A township's 自查自纠 through the API: its values, the evidence S2 requires, submitted. */
  async function selfCheck(t: (typeof townships)[number]): Promise<void> {
    const q = qualityOf(t.name);
    let view = await apiAs(t.user, "GET", `/api/v1/sheets/${t.sheetId}`);
    view = await apiAs(t.user, "PATCH", `/api/v1/sheets/${t.sheetId}/self`, {
      version: view.sheet.version,
      items: [
        { code: "S2", value: s2Of(q) },
        { code: "S3", value: s3Of(q) },
      ],
    });
    const form = new FormData();
    form.append("file", new File([PDF], "自查报告.pdf", { type: "application/pdf" }));
    await apiAs(t.user, "POST", `/api/v1/sheets/${t.sheetId}/items/S2/evidence`, form);
    view = await apiAs(t.user, "GET", `/api/v1/sheets/${t.sheetId}`);
    await apiAs(t.user, "POST", `/api/v1/sheets/${t.sheetId}/submit`, { version: view.sheet.version });
  }

  /** 督查 and scoring of a township's sheet through the API. */
  async function inspectAndScore(t: (typeof townships)[number]): Promise<void> {
    let view = await apiAs("assessor", "GET", `/api/v1/sheets/${t.sheetId}`);
    view = await apiAs("assessor", "POST", `/api/v1/sheets/${t.sheetId}/inspect`, {
      version: view.sheet.version,
      decision: "pass",
    });
    view = await apiAs("assessor", "PATCH", `/api/v1/sheets/${t.sheetId}/score`, {
      version: view.sheet.version,
      items: [{ code: "S1", value: ratingOf(qualityOf(t.name)) }],
    });
    await apiAs("assessor", "POST", `/api/v1/sheets/${t.sheetId}/mark-scored`, {
      version: view.sheet.version,
    });
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(inject("e2eTemplateDir")), launchBrowser()]);
    // The campaign and its township scheme, as an admin sets them up (the scheme editor has its own tests).
    const imported = await apiAs("admin", "POST", "/api/v1/schemes", {
      ...campaignScheme,
      code: "GY-2026-AUTUMN",
      name: "2026年秋季优质服务专项活动考核方案",
    });
    const created = await apiAs("admin", "POST", "/api/v1/periods", {
      year: 2026,
      name: PERIOD_NAME,
      kind: "campaign",
      startsOn: "2026-09-01",
      endsOn: "2026-10-31",
      schemeId: imported.scheme?.id ?? imported.id,
      selfReportDeadline: "2036-11-10",
      reviewDeadline: "2036-11-15",
      recheckDeadline: "2036-12-15",
      appealDeadline: "2036-12-30",
    });
    periodId = created.period.id;
    await apiAs("admin", "POST", `/api/v1/periods/${periodId}/open`);
    const list = (await apiAs("admin", "GET", "/api/v1/townships")).items as Json[];
    const sheets = (await apiAs("admin", "GET", `/api/v1/periods/${periodId}/sheets`)).items as Json[];
    townships = list.map((t, i) => ({
      id: t.id,
      name: t.name,
      user: `xz${String(i + 1).padStart(2, "0")}`,
      sheetId: sheets.find((s) => s.townshipId === t.id).id,
    }));
  }, 240_000);

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it("the township checks itself on a phone: values, evidence, live score, submit (自查自纠)", async () => {
    const page = await as(yangliu().user, { phone: true });
    await page.getByRole("button", { name: "菜单" }).click();
    await page.getByRole("link", { name: "本乡镇考核表" }).click();
    const row = page.locator("tr", { hasText: "乡镇（街道）" });
    await row.waitFor();
    await check(page, "campaign-township-sheets-phone");
    await row.getByRole("link", { name: "自查自纠 杨柳乡" }).click();
    await page.locator("#item-S2").waitFor();
    const q = qualityOf("杨柳乡");
    await page.locator("#item-S2").fill(String(s2Of(q)));
    await page.locator("#item-S3").fill(String(s3Of(q)));
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expectAnnounced(page, "草稿已保存");
    await expect.poll(() => page.locator("#live-score-title + dl dd.big").textContent()).not.toBe("0.00");
    await page
      .locator("#evidence-S2")
      .setInputFiles({ name: "S2-自查台账.pdf", mimeType: "application/pdf", buffer: PDF });
    await expectAnnounced(page, "已上传 S2-自查台账.pdf");
    await check(page, "campaign-township-self-check-phone");
    await page.getByRole("button", { name: "提交考核表" }).click();
    await page.getByRole("button", { name: "确认提交" }).click();
    await expectAnnounced(page, "考核表已提交");
    await expect.poll(() => page.locator(".badge", { hasText: "已提交" }).count()).toBeGreaterThan(0);
    for (const t of townships) if (t.name !== "杨柳乡") await selfCheck(t);
    await apiAs("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true });
  }, 240_000);

  it("the county inspectors find the township sheets in the queue, inspect one and score it with a reason (督查)", async () => {
    const page = await as("assessor");
    await page.getByLabel("乡镇（街道）").selectOption({ label: "杨柳乡" });
    await expect.poll(() => page.locator("main table tbody tr").count()).toBe(1);
    await check(page, "campaign-queue");
    await page.getByRole("link", { name: "督查 杨柳乡" }).click();
    await page.getByLabel("督查通过，进入评分").check();
    await page.getByRole("button", { name: "通过", exact: true }).click();
    await page.locator("#review-confirm", { hasText: "杨柳乡" }).waitFor();
    await check(page, "campaign-inspect-confirm");
    await page.getByRole("button", { name: "通过", exact: true }).click();
    await expectAnnounced(page, "督查通过");
    // Passed, the page reloads the sheet: its items turn from read-only figures into fields.
    await page.locator("select#verify-S1").waitFor();
    await page.locator("select#verify-S1").selectOption(ratingOf(qualityOf("杨柳乡")));
    await page.locator("#verify-S3").fill("70");
    await page.getByRole("button", { name: "保存并标记为已评分" }).click();
    await expect.poll(() => page.locator("#verify-S3-reason-error").textContent()).toContain("必须说明理由");
    await page.locator("#verify-S3-reason").fill("入户抽查 20 户，满意 14 户，核定为 70%");
    await check(page, "campaign-scoring");
    await page.getByRole("button", { name: "保存并标记为已评分" }).click();
    await expectAnnounced(page, "已标记为已评分");
    for (const t of townships) if (t.name !== "杨柳乡") await inspectAndScore(t);
  }, 240_000);

  it("the leading group decides 预否决 before publication, then publishes", async () => {
    const page = await as("admin");
    await page.goto("/admin/periods");
    const card = page.locator("article", { hasText: PERIOD_NAME });
    // The period list says what kind of period it is (the name need not).
    await expect
      .poll(() => card.locator("p", { hasText: "种类" }).textContent())
      .toMatch(/种类: 专项活动 · /);
    await card.getByRole("link", { name: `${PERIOD_NAME}：领导小组决定` }).click();
    const table = page.locator("table.pre-veto-table");
    await table.locator("tbody tr").first().waitFor();
    expect(await table.locator("tbody tr").count()).toBe(26);
    const proposed = await table.locator("tbody tr:has(td:nth-child(4) .badge) th").allTextContents();
    expect(proposed.sort()).toEqual(["杨柳乡", "浩塘镇"].sort());
    for (const name of ["杨柳乡", "浩塘镇"]) {
      await page.getByLabel("乡镇（街道）").selectOption({ label: `${name}（系统拟定）` });
      await page.getByLabel("决定", { exact: true }).selectOption({ label: "确认预否决" });
      await page.getByLabel("理由（必填）").fill("领导小组会议议定：综合得分排在全县后两位");
      await page.getByRole("button", { name: "保存决定" }).click();
      await expectAnnounced(page, `${name}：已确认预否决`);
    }
    // Adding a township needs a reason; added, then taken back.
    await page.getByLabel("乡镇（街道）").selectOption({ label: "白水乡" });
    await page.getByLabel("决定", { exact: true }).selectOption({ label: "增加预否决" });
    await page.getByRole("button", { name: "保存决定" }).click();
    await page.locator(".field.has-error", { hasText: "必须说明理由" }).waitFor();
    await page.getByLabel("理由（必填）").fill("督查发现重大问题");
    await page.getByRole("button", { name: "保存决定" }).click();
    await expectAnnounced(page, "白水乡：已增加预否决");
    await page.getByLabel("乡镇（街道）").selectOption({ label: "白水乡" });
    await page.getByLabel("决定", { exact: true }).selectOption({ label: "取消预否决" });
    await page.getByLabel("理由（必填）").fill("问题查实为误报，撤销");
    await page.getByRole("button", { name: "保存决定" }).click();
    await expectAnnounced(page, "白水乡：已取消预否决");
    await expect
      .poll(async () => (await table.locator("tbody tr.pre-veto th").allTextContents()).sort())
      .toEqual(["杨柳乡", "浩塘镇"].sort());
    await check(page, "campaign-pre-veto");

    await page.goto("/admin/periods");
    await card.getByRole("button", { name: "发布公示" }).click();
    await card.getByRole("button", { name: "发布公示" }).click();
    await expectAnnounced(page, "结果已发布公示");
  });

  it("the township reads its published result, asks for a 复核, then appeals (申诉) as the party", async () => {
    const page = await as(yangliu().user, { phone: true });
    await page.goto(`/township/own/${yangliu().sheetId}`);
    await page.locator("text=核定为 70%").waitFor();
    await page.getByLabel("涉及指标").selectOption("S3");
    await page.getByLabel("理由").fill("抽查户中 3 户为外出务工人员家属，不应计入");
    await page.getByRole("button", { name: "申请复核" }).click();
    await expectAnnounced(page, "复核申请已提交");
    await expect.poll(() => page.locator(".badge", { hasText: "复核中" }).count()).toBeGreaterThan(0);
    await check(page, "campaign-township-recheck-phone");
    // The inspectors keep the score; the township, still not satisfied, appeals (申诉) to the admin.
    const open = await apiAs("assessor", "GET", `/api/v1/requests?periodId=${periodId}`);
    const recheck = open.items.find((r: Json) => r.sheetId === yangliu().sheetId);
    await apiAs("assessor", "POST", `/api/v1/requests/${recheck.id}/decide`, {
      outcome: "kept",
      reason: "抽查名单已核，维持核定值",
    });
    await page.reload();
    await page.locator("text=抽查名单已核，维持核定值").waitFor();
    await page.getByLabel("理由").fill("外出务工人员家属不属于本次活动服务对象，请领导小组裁定");
    await page.getByRole("button", { name: "提出申诉" }).click();
    await expectAnnounced(page, "申诉已提交");
    await expect.poll(() => page.locator(".badge", { hasText: "申诉中" }).count()).toBeGreaterThan(0);
    await check(page, "campaign-township-appeal-phone");
  });

  it("the admin records the consequences applied, generates the 通报 and prints it on A4", async () => {
    const page = await as("admin");
    await page.goto(`/admin/periods/${periodId}/outcome`);
    const consequences = page.locator("table.consequence-table");
    await consequences.locator("tbody tr").first().waitFor();
    const yl = consequences.locator("tbody tr", { hasText: "杨柳乡" });
    expect(await yl.textContent()).toContain("经济处罚：扣减人口计生工作经费 ¥20000");
    // No 预否决 was decided for 白水乡: it owes nothing.
    expect(await consequences.locator("tbody tr", { hasText: "白水乡" }).count()).toBe(0);
    await yl.getByRole("button", { name: /记录兑现 杨柳乡 经济处罚/ }).click();
    const form = page.locator("#record-consequence");
    expect(await form.getByLabel("措施").inputValue()).toBe("扣减人口计生工作经费");
    expect(await form.getByLabel("金额（元，选填）").inputValue()).toBe("20000");
    await form.getByLabel("兑现日期").fill("2026-11-20");
    await form.getByLabel("文号（选填）").fill(DOCUMENT_NO);
    await form.getByRole("button", { name: "保存" }).click();
    await expectAnnounced(page, "已记录 杨柳乡 的兑现");
    await expect.poll(() => yl.locator("td").last().textContent()).toContain(DOCUMENT_NO);

    await page.getByLabel("文号", { exact: true }).fill(DOCUMENT_NO);
    await page.getByLabel("成文日期").fill("2026-11-25");
    await page.getByLabel("发文机关").fill("桂阳县人口和计划生育工作领导小组");
    await page.getByRole("button", { name: "生成通报" }).click();
    await expectAnnounced(page, "通报已生成");
    await check(page, "campaign-outcome");
    const download = page.waitForEvent("download");
    await page.locator(".notice-ready").getByRole("link", { name: "导出 Word" }).click();
    expect((await download).suggestedFilename()).toBe(`关于${PERIOD_NAME}开展情况的通报.docx`);

    await page.getByRole("link", { name: "A4 打印页" }).click();
    await page.locator("table.notice-table tbody tr").first().waitFor();
    expect(await page.locator("table.notice-table tbody tr").count()).toBe(26);
    await check(page, "campaign-notice");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "campaign-notice-print");
    const path = "test-artifacts/campaign-notice.pdf";
    await page.pdf({ path, format: "A4", printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: "screen" });
    const pages = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" })
      .split("\f")
      .filter((text) => text.trim() !== "");
    const squash = (text: string) => text.replace(/\s+/g, "");
    const first = squash(pages[0] ?? "");
    expect(first).toContain(`关于${PERIOD_NAME}开展情况的通报`);
    expect(first).toContain(DOCUMENT_NO);
    const all = squash(pages.join(""));
    expect(all).toContain("桂阳县人口和计划生育工作领导小组");
    expect(all).toContain("2026年11月25日");
    expect(all).toContain("附件：全县26个乡镇（街道）综合得分排名表");
    // The attachment: 26 rows in rank order, 杨柳乡 and 浩塘镇 last and marked 预否决.
    const rows = [...pages.join("\n").matchAll(/^\s*(\d+)\s+(\S+)\s+(\d+\.\d\d)\b(.*)$/gm)];
    expect(rows).toHaveLength(26);
    const ranks = rows.map((row) => Number(row[1]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(
      rows
        .slice(-2)
        .map((row) => row[2])
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
    expect(
      rows
        .filter((row) => (row[4] ?? "").includes("预否决"))
        .map((row) => row[2])
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
    // Each page carries its number as a circular does: — 1 —.
    for (const [i, text] of pages.entries()) expect(squash(text)).toContain(`—${i + 1}—`);
  });
});

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  expectAccessible,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
} from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

describe.runIf(browserAvailable())("sign-in", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(inject("e2eTemplateDir")), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("refuses a wrong password next to the form, then signs in", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await page.goto("/");
    await expect.poll(() => page.title()).toContain("目标管理考核系统");
    await screenshot(page, "sign-in");
    await expectAccessible(page, "sign-in");
    await page.getByLabel("用户名").fill("GY0101");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("用户名或密码错误");
    await signIn(page, "GY0101");
    await screenshot(page, "staff-home");
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { CHROMIUM } from "./chromium-path";

const ARTIFACTS = "test-artifacts";

/**
 * Whether the browser tests can run here, as the suite's global setup found once (./global-setup.ts): on CI
 * (CI=true) a missing Chromium fails the run there, elsewhere the suite is left out with one line saying so.
 */
export function browserAvailable(): boolean {
  return inject("browserReady");
}

/** Debian's Chromium, headless, with the flags that keep it quiet and offline. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed page scripts seen so far; a test expects none. */
  problems: string[];
}

/** A fresh browser context (own cookies) at the sign-in page, at 1366×768 or a phone's size. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { phone?: boolean } = {},
): Promise<UserPage> {
  const context = await browser.newContext({
    baseURL,
    locale: "zh-CN",
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Signs in through the sign-in form with the demo password. */
export async function signIn(page: Page, username: string, password = "kaohe-demo"): Promise<void> {
  await page.goto("/");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator("header.topbar").waitFor();
}

/** A full-page screenshot into test-artifacts/, for looking at by eye. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core in the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Evaluated through DevTools rather than a <script> tag, which the app's CSP (script-src 'self') refuses.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time.
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations as AxeViolation[];
  });
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    );
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/** Waits until the page-wide live region announces `text` (saved, submitted …). */
export async function expectAnnounced(page: Page, text: string): Promise<void> {
  await page.locator(".toast", { hasText: text }).waitFor({ timeout: 15_000 });
}

/**
 * Script errors and console errors, except the browser's own "Failed to load resource" lines: those are
 * API refusals the page handles (the 401 of the signed-out start, a 409 shown next to a form).
 */
export function unexpectedProblems(problems: readonly string[]): string[] {
  return problems.filter((problem) => !problem.includes("Failed to load resource"));
}

/** How many canvases on the page have something drawn on them (non-transparent pixels). */
export async function drawnCanvases(page: Page): Promise<{ total: number; drawn: number }> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll("canvas")];
    const drawn = canvases.filter((canvas) => {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
      return painted > 500;
    });
    return { total: canvases.length, drawn: drawn.length };
  });
}

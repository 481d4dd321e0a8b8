import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client";
import { periods } from "../../src/db/schema/period";
import {
  fillSelfValues,
  firstHalfTownships,
  listStageSheets,
  period2026,
  recompute,
  scoreSheets,
  setStatus,
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
import { type RunningServer, startServer } from "./support/server";

// The county dashboard at three moments of 2026, photographed into test-artifacts/ for a look by eye: open
// (progress only), assessing with half the townships scored (progress for the leader; a labelled provisional
// ranking for the assessors), published (the ranking, grades and 预否决).

type Stage = "open" | "assessing" | "published";

/** A data folder with the 2026 period at a stage, made from the browser tests' template. */
async function stageFolder(stage: Stage): Promise<{ dir: string; reassignedDraft: string }> {
  const dir = mkdtempSync(join(tmpdir(), `kaohe-e2e-${stage}-`));
  let reassignedDraft = "";
  cpSync(inject("e2eTemplateDir"), dir, { recursive: true });
  const handle = await createDb({ dataDir: dir });
  try {
    const db = handle.db;
    const periodId = await period2026(db);
    // The template scores 2026 for the year test; start again from an untouched year.
    await db.execute(sql`update sheet_items set self_value = null, self_flag = null, self_rating = null,
      verified_value = null, verified_flag = null, verified_rating = null, change_reason = null
      where sheet_id in (select id from sheets where period_id = ${periodId})`);
    await db.execute(sql`update sheets set status = 'draft' where period_id = ${periodId}`);
    const all = await listStageSheets(db, periodId);
    const firstHalf = firstHalfTownships(all);
    const reported = all.filter((s, i) => firstHalf.has(s.townshipId) || i % 3 !== 0);
    await fillSelfValues(db, reported);
    // A reassigned person still drafting (with values): their live self-score has D3 to be rated.
    const drafting = reported.find((s) => s.category === "reassigned" && !firstHalf.has(s.townshipId));
    if (!drafting) throw new Error("no reassigned person in the second half");
    reassignedDraft = drafting.employeeNo;
    await setStatus(
      db,
      reported.filter((_, i) => i % 4 === 1),
      "submitted",
    );
    await setStatus(
      db,
      reported.filter((_, i) => i % 4 >= 2),
      "reviewed",
    );
    await db.execute(sql`update sheets set status = 'draft' where id = ${drafting.sheetId}`);
    if (stage !== "open") {
      await db.update(periods).set({ status: "assessing" }).where(eq(periods.id, periodId));
      await scoreSheets(
        db,
        all.filter((s) => firstHalf.has(s.townshipId)),
      );
    }
    if (stage === "published") {
      await fillSelfValues(
        db,
        all.filter((s) => !reported.includes(s)),
      );
      await scoreSheets(db, all);
      await db.execute(sql`update sheets set status = 'published' where period_id = ${periodId}`);
      await db
        .update(periods)
        .set({ status: "published", publishedAt: new Date() })
        .where(eq(periods.id, periodId));
    }
    await recompute(db, periodId);
  } finally {
    await handle.close();
  }
  return { dir, reassignedDraft };
}

describe.runIf(browserAvailable())("the dashboard through the year", () => {
  let browser: Browser;
  const sessions: UserPage[] = [];
  const cleanup: (() => Promise<void>)[] = [];

  async function dashboard(server: RunningServer, username: string, name: string): Promise<Page> {
    const session = await openPage(browser, server.url);
    sessions.push(session);
    await signIn(session.page, username);
    await session.page.goto("/reports");
    await session.page.locator("main h1").first().waitFor();
    await session.page
      .locator(".loading")
      .first()
      // A spinner that never goes away fails the test (it used to be swallowed here).
      .waitFor({ state: "detached", timeout: 15_000 });
    await session.page.locator(".stats").first().waitFor();
    expect(await session.page.locator(".error-box").count(), `${name} shows an error`).toBe(0);
    await screenshot(session.page, name);
    await expectAccessible(session.page, name);
    return session.page;
  }

  async function serve(stage: Stage) {
    const { dir, reassignedDraft } = await stageFolder(stage);
    const server = await startServer(dir);
    cleanup.push(async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    return Object.assign(server, { reassignedDraft });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    for (const stop of cleanup) await stop();
  });

  it("open: the leader and the assessors see progress, no ranking", async () => {
    const server = await serve("open");
    const viewer = await dashboard(server, "viewer", "dashboard-2026-open-viewer");
    await expect.poll(() => viewer.getByText("结果尚未公示").count()).toBeGreaterThan(0);
    expect(await viewer.locator(".ranking-table").count()).toBe(0);
    expect(await viewer.getByText("已评分").count()).toBeGreaterThan(0);
    const assessor = await dashboard(server, "assessor", "dashboard-2026-open-assessor");
    expect(await assessor.locator(".ranking-table").count()).toBe(0);
    // The live self-score of a reassigned person names D3 as still to be rated instead of counting it as 0.
    const session = await openPage(browser, server.url);
    sessions.push(session);
    await signIn(session.page, server.reassignedDraft);
    await session.page.goto("/staff/self-report");
    await session.page
      .locator("#live-score-title")
      .waitFor({ timeout: 15_000 })
      .catch(async (error) => {
        await screenshot(session.page, "self-report-2026-open-reassigned-failed");
        throw error;
      });
    await expect.poll(() => session.page.getByText("待考核组评定").count()).toBeGreaterThan(0);
    await screenshot(session.page, "self-report-2026-open-reassigned");
    await session.page.goto("/staff/report");
    await session.page.locator(".person-report").waitFor();
    await expect.poll(() => session.page.getByText("公示后显示").count()).toBeGreaterThan(0);
    expect(await session.page.getByText("考核组没有修改自评值").count()).toBe(0);
    await screenshot(session.page, "person-report-2026-open-staff");
  });

  it("assessing: the leader sees progress; the assessors a ranking of the scored half, labelled", async () => {
    const server = await serve("assessing");
    const viewer = await dashboard(server, "viewer", "dashboard-2026-assessing-viewer");
    expect(await viewer.locator(".ranking-table").count()).toBe(0);
    expect(await viewer.locator(".pre-veto, .badge.red").count()).toBe(0);
    const assessor = await dashboard(server, "assessor", "dashboard-2026-assessing-assessor");
    expect(await assessor.getByText("未公示·仅供考核组").count()).toBeGreaterThan(0);
    expect(await assessor.locator(".ranking-table tbody tr").count()).toBe(13);
    expect(await assessor.locator(".ranking-table .pre-veto").count()).toBe(0);
    await expect.poll(() => assessor.getByText("第 1 / 13 名").count()).toBeGreaterThan(0);
  });

  it("published: the leader sees the ranking out of 26, grades and 预否决", async () => {
    const server = await serve("published");
    const viewer = await dashboard(server, "viewer", "dashboard-2026-published-viewer");
    expect(await viewer.locator(".ranking-table tbody tr").count()).toBe(26);
    expect(await viewer.locator(".ranking-table .pre-veto").count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => viewer.getByText("第 1 / 26 名").count()).toBeGreaterThan(0);
  });
});

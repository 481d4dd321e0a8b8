import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { launchBrowser, openPage, signIn, type UserPage, unexpectedProblems } from "./browser";
import { type RunningServer, startServer } from "./server";

/**
 * A browser suite on its own copy of the demo template: the server and Chromium start before the suite's tests
 * and stop after them, and no page may have logged an unexpected console error. `as(user)` opens a signed-in page.
 */
export function useBrowserSuite(): { as: (username: string) => Promise<Page> } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const sessions: UserPage[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(inject("e2eTemplateDir")), launchBrowser()]);
  });

  afterAll(async () => {
    for (const session of sessions)
      expect(unexpectedProblems(session.problems), "console errors").toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  return {
    as: async (username) => {
      if (!browser || !server) throw new Error("the browser suite has not started");
      const session = await openPage(browser, server.url);
      sessions.push(session);
      await signIn(session.page, username);
      return session.page;
    },
  };
}

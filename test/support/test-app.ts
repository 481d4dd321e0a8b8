import { expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createApp } from "../../src/http/app";
import type { AppDeps } from "../../src/http/env";
import { createThreadCompute } from "../../src/services/compute/compute-thread";
import { createMemoryStorage } from "../../src/storage/evidence-storage";
import { describeRequest, guardRequest } from "./loop-guard";

const threadCompute = createThreadCompute();

export const TEST_SESSION_POLICY = { idleMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 };
/**
 * Sessions follow the app's clock. Tests that walk the calendar (deadlines, a whole year) model users who
 * stay signed in throughout, so their apps keep sessions for a century unless a test asks for a policy;
 * the tests of expiry itself (auth-sessions) jump the clock under TEST_SESSION_POLICY.
 */
const CALENDAR_SESSION_POLICY = { idleMs: 100 * 365 * 86_400_000, absoluteMs: 100 * 365 * 86_400_000 };

/**
 * The real app over a test database, with helpers to call it as a signed-in user; `overrides` replace deps.
 * With `loopGuard`, every `app.request` runs under the event-loop guard (test/support/loop-guard.ts).
 */
export function createTestApp(
  handle: DbHandle,
  overrides: Partial<AppDeps> = {},
  options: { loopGuard?: boolean } = {},
) {
  const app = createApp({
    db: handle.db,
    databaseKind: handle.kind,
    sessionPolicy: overrides.clock ? CALENDAR_SESSION_POLICY : TEST_SESSION_POLICY,
    storage: createMemoryStorage(),
    // As on Node in production: workbooks and 试算 are computed in a worker thread.
    compute: threadCompute,
    ...overrides,
  });
  if (options.loopGuard) {
    const request = app.request.bind(app);
    // The first request warms the process up (the embedded database loads its catalogue, code compiles):
    // a cost of starting, not of any request's work, so it is not judged.
    let warm = false;
    app.request = async (input, init, ...rest) => {
      if (!warm) {
        warm = true;
        return request(input, init, ...rest);
      }
      return guardRequest(describeRequest(input, init), async () => request(input, init, ...rest));
    };
  }
  const tokens = new Map<string, string>();

  /** Signs in (once per user) and returns the session cookie header. */
  async function cookieFor(username: string, password = "kaohe-demo"): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status, `sign-in of ${username}`).toBe(200);
    const cookie = res.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`no session cookie for ${username}`);
    tokens.set(username, cookie);
    return cookie;
  }

  /** Calls the API as a user (or anonymously with `null`), sending `body` as JSON (and `extraHeaders`). */
  async function call(
    username: string | null,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (username) headers.cookie = await cookieFor(username);
    if (body !== undefined) headers["content-type"] = "application/json";
    return app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Signs in afresh (no cache): a new session each time, for tests about sessions themselves. */
  async function signIn(username: string, password = "kaohe-demo", headers: Record<string, string> = {}) {
    const res = await app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    const token = res.ok ? ((await res.clone().json()) as { token: string }).token : "";
    return { res, cookie, token };
  }

  return { app, call, cookieFor, signIn };
}

import type { ClientResponse } from "hono/client";
import { testClient } from "hono/testing";
import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { type ErrorBody, errorBodySchema } from "../../src/http/api-schemas";
import type { ApiApp } from "../../src/http/app";
import type { AppDeps } from "../../src/http/env";
import { createTestApp } from "./test-app";
import { openTestDb } from "./test-db";

// The one setup of an integration test file: its own database (a copy of the demo county unless told
// otherwise), the real app over it, and a client typed by the app's own routes (the type the web's hono/client
// uses), so a renamed route, a changed body or a changed answer breaks the typecheck of the tests as well.

/** The typed API client (`api.users[":id"].$patch(…)`), calling `app` in-process with `headers`. */
export function apiClient(app: ApiApp, headers: Record<string, string> = {}) {
  return testClient(app, undefined, undefined, { headers }).api.v1;
}
export type ApiClient = ReturnType<typeof apiClient>;

type JsonAnswer = Response | ClientResponse<unknown>;

/** A JSON answer whose type the test states (raw requests: `app.request`, `call` by path). */
export const json = <T>(res: JsonAnswer): Promise<T> => res.json() as Promise<T>;

/** An error answer, checked against the one error shape every refusal has (src/http/errors.ts). */
export async function errorOf(res: JsonAnswer): Promise<ErrorBody> {
  return errorBodySchema.parse(await res.json());
}

/** The field problems of a refusal (a 400's `details` list: path, message, code). */
export async function problemsOf(
  res: JsonAnswer,
): Promise<Extract<ErrorBody["error"]["details"], unknown[]>> {
  const { details } = (await errorOf(res)).error;
  if (!Array.isArray(details))
    throw new Error(`expected a list of field problems, got ${JSON.stringify(details)}`);
  return details;
}

export interface TestAppOptions {
  /** The demo county (default), or an empty migrated database. */
  demo?: boolean;
  /** Dependencies that replace the test defaults (a clock, storage, an access log). */
  deps?: Partial<AppDeps>;
  /** Every request under the event-loop guard (test/support/loop-guard.ts). */
  loopGuard?: boolean;
}

/**
 * Registers the file's beforeAll/afterAll and returns the fixture; its members are read inside tests and hooks,
 * after the database is open. `as(user)` is the typed client signed in as that user (one session per user,
 * the password `kaohe-demo` unless given); `call` and `signIn` are test-app.ts's path-based helpers.
 */
export function useTestApp(options: TestAppOptions = {}) {
  let opened: { handle: DbHandle; test: ReturnType<typeof createTestApp> } | undefined;
  const clients = new Map<string, ApiClient>();
  beforeAll(async () => {
    const handle = await openTestDb({ demo: options.demo ?? true });
    opened = { handle, test: createTestApp(handle, options.deps, { loopGuard: options.loopGuard }) };
  });
  afterAll(() => opened?.handle.close());
  const ready = () => {
    if (!opened) throw new Error("useTestApp: read in a test or hook, after the database is open");
    return opened;
  };

  return {
    get handle(): DbHandle {
      return ready().handle;
    },
    get db(): DbHandle["db"] {
      return ready().handle.db;
    },
    get app(): ApiApp {
      return ready().test.app;
    },
    /** The typed client as `username` (signed in once), or anonymous with `null`. */
    async as(username: string | null, password?: string): Promise<ApiClient> {
      const key = username ?? "";
      const cached = clients.get(key);
      if (cached) return cached;
      const { app, cookieFor } = ready().test;
      const client = apiClient(app, username ? { cookie: await cookieFor(username, password) } : {});
      clients.set(key, client);
      return client;
    },
    call: (...args: Parameters<ReturnType<typeof createTestApp>["call"]>) => ready().test.call(...args),
    cookieFor: (username: string, password?: string) => ready().test.cookieFor(username, password),
    signIn: (...args: Parameters<ReturnType<typeof createTestApp>["signIn"]>) => ready().test.signIn(...args),
  };
}

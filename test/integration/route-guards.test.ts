import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, validateSessionToken } from "../../src/auth/session";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { type GuardSpec, guardOf, publicRoute, signedIn } from "../../src/http/guards";
import { createTestApp, TEST_SESSION_POLICY } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Everything here is derived from the app's own route table, so routes added later are covered without
// editing this file: each needs exactly one guard, and the guard must do what it says for every role.

interface ApiRoute {
  method: string;
  path: string;
  guards: GuardSpec[];
  guardFirst: boolean;
}

interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

/** Groups the app's handlers by method and path; `.use()` middleware (ALL on a `*` path) is not a route. */
function apiRouteTable(routes: readonly RouteEntry[]): ApiRoute[] {
  const table = new Map<string, { method: string; path: string; handlers: unknown[] }>();
  for (const r of routes) {
    if (!r.path.startsWith("/api/") || (r.method === "ALL" && r.path.endsWith("*"))) continue;
    const key = `${r.method} ${r.path}`;
    const entry = table.get(key) ?? { method: r.method, path: r.path, handlers: [] };
    entry.handlers.push(r.handler);
    table.set(key, entry);
  }
  return [...table.values()].map(({ method, path, handlers }) => ({
    method,
    path,
    guards: handlers.map(guardOf).filter((g): g is GuardSpec => g !== undefined),
    guardFirst: guardOf(handlers[0]) !== undefined,
  }));
}

function guardProblems(table: readonly ApiRoute[]): string[] {
  return table.flatMap((r) => {
    const where = `${r.method} ${r.path}`;
    if (r.guards.length === 0)
      return [`${where}: no guard (publicRoute, signedIn, ownAccount or roles(...))`];
    if (r.guards.length > 1) return [`${where}: ${r.guards.length} guards, expected exactly one`];
    if (!r.guardFirst) return [`${where}: the guard must be the first handler after the path`];
    return [];
  });
}

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let table: ApiRoute[];

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
  table = apiRouteTable(api.app.routes);
});
afterAll(() => handle.close());

describe("route table", () => {
  it("has a guard, exactly one and first, on every API route", () => {
    expect(table.length).toBeGreaterThan(5);
    expect(guardProblems(table)).toEqual([]);
  });

  it("catches a route without a guard, with two guards, or with the guard after another handler", () => {
    const probe = new Hono()
      .get("/api/v1/open", (c) => c.text("oops"))
      .get("/api/v1/twice", publicRoute, signedIn, (c) => c.text("oops"))
      .get(
        "/api/v1/late",
        (_c, next) => next(),
        signedIn,
        (c) => c.text("oops"),
      )
      .get("/api/v1/fine", signedIn, (c) => c.text("ok"));
    expect(guardProblems(apiRouteTable(probe.routes))).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/open: no guard/),
      expect.stringMatching(/^GET \/api\/v1\/twice: 2 guards/),
      expect.stringMatching(/^GET \/api\/v1\/late: the guard must be the first/),
    ]);
  });
});

interface Caller {
  name: string;
  username: string | null;
  role: Role | null;
}

// Township and staff accounts see only their own data: their handlers may answer 403/404 by scope.
const SCOPED_ROLES: readonly Role[] = ["township", "staff"];
const CALLERS: readonly Caller[] = [
  { name: "anonymous", username: null, role: null },
  { name: "admin", username: "admin", role: "admin" },
  { name: "assessor", username: "assessor", role: "assessor" },
  { name: "viewer", username: "viewer", role: "viewer" },
  { name: "township", username: "xz01", role: "township" },
  { name: "staff", username: "GY0101", role: "staff" },
  { name: "staff of another township", username: "GY0201", role: "staff" },
];
const MISSING_ID = "2147483000";

/** A harmless request: reads use existing ids (1), writes use ids that do not exist and an empty body. */
function harmlessRequest(route: ApiRoute): { method: string; path: string; body?: string } {
  const method = route.method === "ALL" ? "GET" : route.method;
  const fill = method === "GET" ? "1" : MISSING_ID;
  const path = route.path.replace(/:\w+(\{[^}]*\})?\??/g, fill).replace(/\*/g, "x");
  return { method, path, body: ["POST", "PUT", "PATCH"].includes(method) ? "{}" : undefined };
}

const tokens = new Map<string, string>();

/** A live session token for a user; signs in again when a route (sign-out, say) ended the last one. */
async function tokenFor(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached && (await validateSessionToken(handle.db, cached, TEST_SESSION_POLICY))) return cached;
  const { token, res } = await api.signIn(username);
  expect(res.status, `sign-in of ${username}`).toBe(200);
  tokens.set(username, token);
  return token;
}

async function callAs(username: string | null, route: ApiRoute) {
  const request = harmlessRequest(route);
  const headers: Record<string, string> = {};
  if (username) headers.cookie = `kaohe_session=${await tokenFor(username)}`;
  if (request.body) headers["content-type"] = "application/json";
  const res = await api.app.request(request.path, { method: request.method, headers, body: request.body });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code, request };
}

type Outcome = Awaited<ReturnType<typeof callAs>>;

/** What the guard promises for this caller, as a problem description, or null when kept. */
function checkOutcome(spec: GuardSpec, caller: Caller, outcome: Outcome): string | null {
  const { status, code } = outcome;
  if (status >= 500) return `got ${status} ${code ?? ""}: never a 500`;
  const guardRefused = (status === 401 && code === "UNAUTHENTICATED") || status === 403;
  if (spec.kind === "public") return guardRefused ? `got ${status} ${code} on a public route` : null;
  if (caller.role === null) return status === 401 ? null : `expected 401 for anonymous, got ${status}`;
  const included = spec.kind === "signedIn" || spec.roles.includes(caller.role);
  if (!included)
    return status === 403 && code === "FORBIDDEN" ? null : `expected 403 FORBIDDEN, got ${status} ${code}`;
  if (status === 401) return "got 401 for a signed-in caller";
  if (status === 403 && !SCOPED_ROLES.includes(caller.role)) {
    return `got 403 ${code} from the handler; a county-wide role the guard admits must not be refused (declare roles(...))`;
  }
  return null;
}

describe("authorization matrix", () => {
  it("answers every route as the guard promises, for every role, another township's staff and anonymous", async () => {
    const problems: string[] = [];
    for (const route of table) {
      const [spec] = route.guards;
      if (!spec) continue;
      for (const caller of CALLERS) {
        const outcome = await callAs(caller.username, route);
        const problem = checkOutcome(spec, caller, outcome);
        const { method, path } = outcome.request;
        if (problem) problems.push(`${method} ${path} (${route.path}) as ${caller.name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  }, 90_000); // every route × 7 callers; under a loaded 2-core machine it passed 30 s

  it("refuses a user who must change their password everywhere but on their own account routes", async () => {
    await handle.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, "GY0301"));
    const problems: string[] = [];
    for (const route of table) {
      const [spec] = route.guards;
      if (!spec || spec.kind === "public") continue;
      const { status, code, request } = await callAs("GY0301", route);
      const allowed = spec.kind === "signedIn" && spec.duringPasswordChange === true;
      const refused = status === 403 && code === "PASSWORD_CHANGE_REQUIRED";
      if (allowed === refused) {
        problems.push(
          `${request.method} ${request.path}: ${allowed ? "refused" : "allowed"} (${status} ${code})`,
        );
      }
    }
    expect(problems).toEqual([]);
    // Its own account routes are the few that say so.
    const own = table.filter((r) => r.guards[0]?.kind === "signedIn" && r.guards[0].duringPasswordChange);
    expect(own.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /api/v1/auth/me",
      "POST /api/v1/auth/logout",
      "POST /api/v1/auth/logout-all",
      "POST /api/v1/auth/password",
    ]);
  });
});

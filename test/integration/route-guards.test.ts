import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, validateSessionToken } from "../../src/auth/session";
import type { DbHandle } from "../../src/db/client";
import { users } from "../../src/db/schema/auth";
import { type GuardSpec, guardOf, publicRoute, signedIn } from "../../src/http/guards";
import { createTestApp, TEST_SESSION_POLICY } from "../support/test-app";
import { openTestDb } from "../support/test-db";

// Every route of the app's own route table needs exactly one guard, first; and every route needs a line in the
// hand-written PERMISSIONS below, against which each role's answer is checked (never against the guard itself,
// which is what is under test).

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

// Who may call what, written by hand from the design (roles in README / docs/ARCHITECTURE.md "Security"), NOT
// read from the guards: a guard widened by mistake — `roles("admin")` becoming `roles("admin", "viewer")` —
// makes the viewer's request get past it, and this table says it must not. A new route fails the first test
// below until it gets a line here.
//   "public": anyone;  "own": any signed-in user, also one who must change their password (their own account);
//   "any": any signed-in user;  a list: exactly those roles (township and staff then only within their scope).
type Permission = "public" | "own" | "any" | readonly Role[];
const ADMIN: readonly Role[] = ["admin"];
const ANY_ROLE_BUT_VIEWER: readonly Role[] = ["staff", "township", "assessor", "admin"];
const REPORT_READERS: readonly Role[] = ["admin", "assessor", "viewer", "township"];
const SCORERS: readonly Role[] = ["assessor", "admin"];
const PERMISSIONS: Record<string, Permission> = {
  "GET /api/v1/health": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /api/docs": "public",
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": "own",
  "POST /api/v1/auth/logout-all": "own",
  "POST /api/v1/auth/password": "own",
  "GET /api/v1/auth/me": "own",
  "GET /api/v1/townships": "any",
  "GET /api/v1/stations": "any",
  "GET /api/v1/people": "any",
  // One person (issue 18): the county office changes the roster; a township reads its own township's people.
  "GET /api/v1/people/:id": ["admin", "township"],
  "POST /api/v1/people": ADMIN,
  "PATCH /api/v1/people/:id": ADMIN,
  "POST /api/v1/people/:id/move": ADMIN,
  "POST /api/v1/people/:id/retire": ADMIN,
  "POST /api/v1/people/:id/reinstate": ADMIN,
  "POST /api/v1/people/:id/account": ADMIN,
  // Period control and 催报 (issue 18): the county office and each township for its own.
  "GET /api/v1/periods/:id/control": ["admin", "assessor", "township"],
  "GET /api/v1/periods/:id/control/export": ["admin", "assessor", "township"],
  "GET /api/v1/me/todo": "any",
  "GET /api/v1/audit/filters": ["admin", "assessor"],
  "GET /api/v1/audit/export": ["admin", "assessor"],
  // Signable .docx documents: the same readers as the reports they print.
  "GET /api/v1/reports/periods/:id/documents/ranking": "any",
  "GET /api/v1/reports/periods/:id/documents/townships/:townshipId": REPORT_READERS,
  "GET /api/v1/reports/periods/:id/documents/people/:personId": "any",
  // Periods: everyone reads them; only an admin creates, moves through the year or changes deadlines.
  "GET /api/v1/periods": "any",
  "GET /api/v1/periods/:id": "any",
  "POST /api/v1/periods": ADMIN,
  "PATCH /api/v1/periods/:id/deadlines": ADMIN,
  "POST /api/v1/periods/:id/extensions": ADMIN,
  "POST /api/v1/periods/:id/people": ADMIN,
  "POST /api/v1/periods/:id/open": ADMIN,
  "POST /api/v1/periods/:id/start-assessing": ADMIN,
  "POST /api/v1/periods/:id/return-to-open": ADMIN,
  "POST /api/v1/periods/:id/publish": ADMIN,
  "POST /api/v1/periods/:id/finalize": ADMIN,
  "POST /api/v1/periods/:id/reopen": ADMIN,
  // Township outcome (issue 19): 预否决 decisions, 兑现奖惩 records, the 通报 and its template.
  "GET /api/v1/periods/:id/pre-veto": SCORERS,
  "POST /api/v1/periods/:id/pre-veto": ADMIN,
  "GET /api/v1/periods/:id/consequences": ["admin", "assessor", "viewer"],
  "POST /api/v1/periods/:id/consequences": ADMIN,
  "GET /api/v1/periods/:id/notice": ADMIN,
  "GET /api/v1/periods/:id/notice.docx": ADMIN,
  "GET /api/v1/notice-template": ADMIN,
  "PUT /api/v1/notice-template": ADMIN,
  // Targets and progress: townships set their own people's targets; staff report their own progress.
  "GET /api/v1/periods/:id/targets": ANY_ROLE_BUT_VIEWER,
  "PUT /api/v1/periods/:id/targets": ["township", "admin"],
  "PUT /api/v1/periods/:id/township-targets": ["township", "admin"],
  "GET /api/v1/periods/:id/decomposition": ["township", "assessor", "admin"],
  "GET /api/v1/periods/:id/progress": ANY_ROLE_BUT_VIEWER,
  "PUT /api/v1/periods/:id/progress": ["staff"],
  // Each sheet's unit class (it can change scores): read by assessors, recorded by an admin with a reason.
  "GET /api/v1/periods/:id/unit-classes": SCORERS,
  "PUT /api/v1/periods/:id/unit-classes": ADMIN,
  // 考核表: staff fill in their own (assessors and admins 代填), townships review, assessors score.
  "GET /api/v1/periods/:id/sheets": ANY_ROLE_BUT_VIEWER,
  "GET /api/v1/sheets/:id": ANY_ROLE_BUT_VIEWER,
  // A township account fills in its own 乡镇考核表 (issue 19) as staff fill in theirs.
  "PATCH /api/v1/sheets/:id/self": ANY_ROLE_BUT_VIEWER,
  "POST /api/v1/sheets/:id/submit": ANY_ROLE_BUT_VIEWER,
  "POST /api/v1/sheets/:id/withdraw": ["staff", "township"],
  "POST /api/v1/sheets/:id/exempt": ADMIN,
  "POST /api/v1/sheets/:id/restore": ADMIN,
  "POST /api/v1/sheets/:id/review": ["township"],
  "PATCH /api/v1/sheets/:id/score": SCORERS,
  "POST /api/v1/sheets/:id/mark-scored": SCORERS,
  "POST /api/v1/sheets/:id/recheck": ["staff", "township"],
  "POST /api/v1/sheets/:id/appeal": ["staff", "township"],
  // 督查: assessors inspect a township sheet.
  "POST /api/v1/sheets/:id/inspect": SCORERS,
  "POST /api/v1/sheets/:id/items/:code/evidence": ["staff", "township"],
  "GET /api/v1/evidence/:id": ANY_ROLE_BUT_VIEWER,
  "DELETE /api/v1/evidence/:id": ["staff", "township"],
  "GET /api/v1/requests": SCORERS,
  "POST /api/v1/requests/:id/decide": SCORERS,
  "GET /api/v1/me/sheets": ["staff"],
  // Schemes: read by all; 试算 by those who design or apply them; stored by an admin.
  "GET /api/v1/schemes": "any",
  "GET /api/v1/schemes/:id": "any",
  "GET /api/v1/schemes/:id/export": "any",
  "GET /api/v1/schemes/:id/workbook": "any",
  "POST /api/v1/schemes/workbook": ADMIN,
  "POST /api/v1/schemes/preview": ["admin", "assessor"],
  "POST /api/v1/schemes": ADMIN,
  "GET /api/v1/users": ADMIN,
  "POST /api/v1/users": ADMIN,
  "PATCH /api/v1/users/:id": ADMIN,
  "POST /api/v1/users/staff-accounts": ADMIN,
  "POST /api/v1/users/:id/reset-password": ADMIN,
  "GET /api/v1/audit": ["admin", "assessor"],
  // Reports: leaders (viewer) read them; staff only their own person report and the township ranking.
  "GET /api/v1/reports/periods/:id/dashboard": REPORT_READERS,
  "GET /api/v1/reports/periods/:id/townships": "any",
  "GET /api/v1/reports/periods/:id/people": REPORT_READERS,
  "GET /api/v1/reports/periods/:id/townships/:townshipId": REPORT_READERS,
  "GET /api/v1/reports/periods/:id/people/:personId": "any",
  "GET /api/v1/reports/compare": "any",
  "GET /api/v1/excel/templates/:kind": ["admin", "township"],
  "POST /api/v1/excel/imports/:kind": ["admin", "township"],
  "GET /api/v1/excel/imports/:jobId": ["admin", "township"],
  "GET /api/v1/excel/exports/periods/:id/townships": "any",
  "GET /api/v1/excel/exports/periods/:id/people": REPORT_READERS,
  "GET /api/v1/excel/exports/periods/:id/scores": REPORT_READERS,
  "GET /api/v1/excel/exports/periods/:id/targets": ["admin", "assessor", "township"],
  "GET /api/v1/excel/exports/periods/:id/progress": ["admin", "assessor", "township"],
};

const routeKey = (route: ApiRoute) => `${route.method} ${route.path}`;

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

/** What the permission table promises for this caller, as a problem description, or null when kept. */
function checkOutcome(permission: Permission, caller: Caller, outcome: Outcome): string | null {
  const { status, code } = outcome;
  if (status >= 500) return `got ${status} ${code ?? ""}: never a 500`;
  const refused = (status === 401 && code === "UNAUTHENTICATED") || (status === 403 && code === "FORBIDDEN");
  if (permission === "public") return refused ? `got ${status} ${code} on a public route` : null;
  if (caller.role === null) return status === 401 ? null : `expected 401 for anonymous, got ${status}`;
  const admitted = permission === "any" || permission === "own" || permission.includes(caller.role);
  if (!admitted)
    return status === 403 && code === "FORBIDDEN"
      ? null
      : `expected 403 FORBIDDEN (not in the permission table), got ${status} ${code}`;
  if (status === 401) return "got 401 for a signed-in caller";
  if (status === 403 && !SCOPED_ROLES.includes(caller.role))
    return `got 403 ${code}; the permission table admits ${caller.role} county-wide`;
  return null;
}

describe("authorization matrix", () => {
  it("has a hand-written permission for every route, and none for a route that is gone", () => {
    const routes = table.map(routeKey);
    expect(
      routes.filter((key) => !(key in PERMISSIONS)),
      "add these routes to PERMISSIONS",
    ).toEqual([]);
    expect(Object.keys(PERMISSIONS).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it("answers every route as the permission table says, for every role, another township's staff and anonymous", async () => {
    const problems: string[] = [];
    for (const route of table) {
      const permission = PERMISSIONS[routeKey(route)];
      if (!permission) continue;
      for (const caller of CALLERS) {
        const outcome = await callAs(caller.username, route);
        const problem = checkOutcome(permission, caller, outcome);
        const { method, path } = outcome.request;
        if (problem) problems.push(`${method} ${path} (${route.path}) as ${caller.name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000); // every route × 7 callers: 40 s on PGlite, and over 90 s on PostgreSQL with a loaded 2-core machine

  it("would catch a guard widened by mistake: a viewer admitted to an admin write", () => {
    const viewer = CALLERS.find((c) => c.role === "viewer");
    if (!viewer) throw new Error("no viewer");
    const admitted = { status: 400, code: "VALIDATION_FAILED", request: { method: "POST", path: "/x" } };
    expect(checkOutcome(ADMIN, viewer, admitted)).toMatch(/expected 403 FORBIDDEN/);
    expect(checkOutcome(ADMIN, viewer, { ...admitted, status: 403, code: "FORBIDDEN" })).toBeNull();
  });

  it("refuses a user who must change their password everywhere but on their own account routes", async () => {
    await handle.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, "GY0301"));
    const problems: string[] = [];
    for (const route of table) {
      const permission = PERMISSIONS[routeKey(route)];
      if (!permission || permission === "public") continue;
      const { status, code, request } = await callAs("GY0301", route);
      const allowed = permission === "own";
      const refused = status === 403 && code === "PASSWORD_CHANGE_REQUIRED";
      if (allowed === refused) {
        problems.push(
          `${request.method} ${request.path}: ${allowed ? "refused" : "allowed"} (${status} ${code})`,
        );
      }
    }
    expect(problems).toEqual([]);
    // Its own account routes are the few that say so, in the table and in their guards.
    const own = table.filter((r) => r.guards[0]?.kind === "signedIn" && r.guards[0].duringPasswordChange);
    expect(own.map(routeKey).sort()).toEqual(
      Object.keys(PERMISSIONS)
        .filter((key) => PERMISSIONS[key] === "own")
        .sort(),
    );
    expect(own.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /api/v1/auth/me",
      "POST /api/v1/auth/logout",
      "POST /api/v1/auth/logout-all",
      "POST /api/v1/auth/password",
    ]);
  });
});

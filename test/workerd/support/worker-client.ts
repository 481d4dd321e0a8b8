import { SELF } from "cloudflare:test";
import { expect } from "vitest";

// Requests go through SELF: the Worker from wrangler.toml (src/entry-worker.ts) with its real bindings, so
// each call opens its own postgres.js client through Hyperdrive, exactly as in production.

const ORIGIN = "https://kaohe.test";
const cookies = new Map<string, string>();

/** Sends a request to the Worker; a path is resolved against the test origin. */
export function workerFetch(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(new URL(path, ORIGIN).toString(), init);
}

/** Signs a demo user in (once per user) and returns the session cookie. */
export async function cookieFor(username: string, password = "kaohe-demo"): Promise<string> {
  const cached = cookies.get(username);
  if (cached) return cached;
  const res = await workerFetch("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, `sign-in of ${username}`).toBe(200);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`no session cookie for ${username}`);
  cookies.set(username, cookie);
  return cookie;
}

/** Calls the API as a signed-in user, sending `body` as JSON when given. */
export async function callAs(
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { cookie: await cookieFor(username) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return workerFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

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

/** Reads a JSON body after checking the status; the body is shown when the status is wrong. */
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
export async function expectJson(res: Response, status = 200): Promise<any> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

/** Uploads one evidence file to a sheet item as multipart field `file`. */
export async function uploadEvidence(
  username: string,
  sheetId: number,
  code: string,
  file: File,
): Promise<Response> {
  const form = new FormData();
  form.append("file", file);
  return workerFetch(`/api/v1/sheets/${sheetId}/items/${code}/evidence`, {
    method: "POST",
    headers: { cookie: await cookieFor(username) },
    body: form,
  });
}

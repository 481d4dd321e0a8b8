import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type SessionPolicy, validateSessionToken } from "../auth/session";
import type { AppEnv } from "./env";

export const SESSION_COOKIE = "kaohe_session";

function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header?.match(/^Bearer\s+([a-z0-9]{16,64})$/i);
  return match?.[1];
}

/**
 * Reads the session cookie (or a Bearer token for scripts) and puts the session on the context. Expiry is
 * judged by the request's clock (`deps.clock`, the system time in production), as deadlines and throttling are.
 */
export function loadSession(policy: SessionPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = bearerToken(c);
    const cookie = getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    const session =
      token && /^[a-z0-9]{16,64}$/i.test(token)
        ? await validateSessionToken(c.var.db, token, policy, c.var.now)
        : null;
    if (!bearer && cookie) {
      // Keep the browser's cookie in step with the (possibly extended) session, or drop a dead one.
      if (session) setSessionCookie(c, cookie, session.expiresAt);
      else clearSessionCookie(c);
    }
    c.set("session", session);
    await next();
  };
}

// Browsers keep a cookie at most 400 days (RFC 6265bis); hono refuses a longer one.
const MAX_COOKIE_SECONDS = 400 * 86_400;

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. Its lifetime is sent as Max-Age, counted
 * from the request's clock: the browser then needs no agreement with the server's clock, and a moved test
 * clock (sessions follow `deps.clock`) gives the same cookie as the system time would.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const seconds = Math.ceil((expiresAt.getTime() - c.var.now.getTime()) / 1000);
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: Math.min(MAX_COOKIE_SECONDS, Math.max(0, seconds)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { log } from "../log";
import type { AppEnv } from "./env";

/**
 * One line per request: method, the route pattern (`/api/v1/sheets/:id`, never the concrete path, which can
 * carry ids a log should not collect), status, duration and the signed-in user's id. Never headers, tokens,
 * query strings or bodies: the sign-in body holds a password, the Authorization header a session token.
 */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const startedAt = performance.now();
    try {
      await next();
    } finally {
      // Unmatched requests (static files, 404s) have the catch-all pattern; keep the method and status.
      log.info("request", {
        method: c.req.method,
        route: routePath(c),
        status: c.res.status,
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
        userId: c.var.session?.user.id ?? null,
      });
    }
  };
}

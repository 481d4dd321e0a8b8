import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import { refusal } from "../services/errors";
import { SESSION_COOKIE } from "./session-middleware";

/**
 * Response headers for every answer: a CSP without inline script (Chart.js sets inline styles, hence
 * 'unsafe-inline' for styles only), no framing, no MIME sniffing, referrers kept to this origin.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "same-origin",
    // A handler may narrow these for its own answer (evidence previewed in a sandboxed frame of this origin).
    overwrite: false,
  });
}

/**
 * Headers for a file shown inside a page of this app (an evidence preview): framed only by this origin, and
 * sandboxed by its own CSP (no script, no plugin beyond the browser's viewer, no navigation of the app).
 */
export const PREVIEW_HEADERS = {
  "content-security-policy":
    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
  "x-frame-options": "SAMEORIGIN",
} as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state-changing requests (CSRF), the way `hono/csrf` decides (the Origin header equals
 * this server's origin, or Sec-Fetch-Site is same-origin) but for every content type: `hono/csrf` looks only
 * at form-like bodies and relies on CORS preflight for JSON, and a later CORS setting must not open a hole.
 *
 * Exempt: requests that carry a Bearer token and no session cookie (a browser never attaches one by
 * itself), and requests with neither Origin nor Sec-Fetch-Site. Every current browser sends Origin on a
 * cross-origin POST/PUT/PATCH/DELETE, so a request without both comes from a non-browser client (curl,
 * scripts, tests), which holds no victim's cookie to abuse.
 */
export function refuseCrossSiteRequests(): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !isExempt(c) && !isSameOrigin(c)) {
      throw refusal("CROSS_SITE_REQUEST", {
        origin: c.req.header("origin") ?? null,
      });
    }
    await next();
  };
}

function isExempt(c: Context): boolean {
  const bearerOnly = /^Bearer\s/i.test(c.req.header("authorization") ?? "") && !getCookie(c, SESSION_COOKIE);
  const notABrowser = c.req.header("origin") === undefined && c.req.header("sec-fetch-site") === undefined;
  return bearerOnly || notABrowser;
}

function isSameOrigin(c: Context): boolean {
  // Behind a proxy that changes scheme or host the Origin will differ from the URL this server sees;
  // Sec-Fetch-Site (sent by all current browsers) still recognises same-origin requests then.
  if (c.req.header("sec-fetch-site") === "same-origin") return true;
  const origin = c.req.header("origin");
  return origin !== undefined && origin === new URL(c.req.url).origin;
}

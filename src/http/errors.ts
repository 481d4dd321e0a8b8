import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { databaseFaultOf, isUniqueViolation } from "../db/faults";
import { log } from "../log";
import { refusal, ServiceError } from "../services/errors";

// Hono's own refusals (a body over its limit, a method it does not route) carry a status and no code.
const GENERIC_CODES: Partial<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
};

/** Seconds a client is asked to wait before retrying after a database fault (503 Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The one error handler: every error leaves as `{error: {code, message, details}}`, never a stack trace. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = GENERIC_CODES[status] ?? "HTTP_ERROR";
    return c.json({ error: { code, message: error.message || code, details: [] } }, status);
  }
  const refused = asServiceError(error, c);
  if (refused.status === 503) c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
  const { code, message, details, params } = refused;
  return c.json(
    { error: { code, message, details: details ?? [], ...(params ? { params } : {}) } },
    refused.status as ContentfulStatusCode,
  );
}

/** The refusal an error stands for: a ServiceError as thrown, a database fault as its catalogued code. */
function asServiceError(error: Error, c: Context): ServiceError {
  if (error instanceof ServiceError) return error;
  // A check-then-insert lost a race to an identical write that committed first (two admins creating the
  // same period at once): the same answer as a sequential duplicate, instead of a 500.
  if (isUniqueViolation(error)) return refusal("CONFLICT");
  if (error.name === "CommitUnknownError") {
    console.warn(`[kaohe] ${c.req.method} ${c.req.path}: connection lost at commit, answered COMMIT_UNKNOWN`);
    return refusal("COMMIT_UNKNOWN", { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  }
  const fault = databaseFaultOf(error);
  if (fault) {
    log.warn("database fault, answered 503", {
      method: c.req.method,
      route: routePath(c),
      cause: fault.cause,
    });
    return refusal(fault.code, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, cause: fault.cause });
  }
  log.error("request failed", { method: c.req.method, route: routePath(c), error });
  return refusal("INTERNAL");
}

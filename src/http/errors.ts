import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { databaseFaultOf, isUniqueViolation } from "../db/faults";
import { log } from "../log";
import { type ErrorDetail, type ErrorParams, ServiceError } from "../services/errors";

export type { ErrorDetail } from "../services/errors";

/** An error the API means to return: a stable `code` the client can branch on, and details per field. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly details: readonly ErrorDetail[] | Record<string, unknown> | undefined;
  readonly params: ErrorParams | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details?: readonly ErrorDetail[] | Record<string, unknown>,
    params?: ErrorParams,
  ) {
    super(status, { message });
    this.code = code;
    this.details = details;
    this.params = params;
  }
}

export const badRequest = (message: string, details?: readonly ErrorDetail[]) =>
  new ApiError(400, "VALIDATION_FAILED", message, details);
export const unauthorized = (message = "请先登录 Sign-in required") =>
  new ApiError(401, "UNAUTHENTICATED", message);
export const forbidden = (message = "无权执行此操作 Not allowed for your role") =>
  new ApiError(403, "FORBIDDEN", message);
export const notFound = (what: string) => new ApiError(404, "NOT_FOUND", `${what}不存在 ${what} not found`);

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
  if (error instanceof ApiError || error instanceof ServiceError) {
    if (error.status === 503) c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    const { code, message, details, params } = error;
    return c.json(
      { error: { code, message, details: details ?? [], ...(params ? { params } : {}) } },
      error.status as ContentfulStatusCode,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = GENERIC_CODES[status] ?? "HTTP_ERROR";
    return c.json({ error: { code, message: error.message || code, details: [] } }, status);
  }
  if (isUniqueViolation(error)) {
    // A check-then-insert lost a race to an identical write that committed first (two admins creating the
    // same period at once): the same answer as a sequential duplicate, instead of a 500.
    return c.json(
      {
        error: {
          code: "CONFLICT",
          message:
            "数据已被同时提交的另一请求修改，请刷新后查看 Someone else just made the same change; reload",
          details: [],
        },
      },
      409,
    );
  }
  if (error.name === "CommitUnknownError") {
    console.warn(`[kaohe] ${c.req.method} ${c.req.path}: connection lost at commit, answered COMMIT_UNKNOWN`);
    c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(
      {
        error: {
          code: "COMMIT_UNKNOWN",
          message:
            "提交时与数据库的连接中断，修改可能已经保存：请先刷新查看，再决定是否重试 The connection broke while saving; the change may have been saved — reload before retrying",
          details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
        },
      },
      503,
    );
  }
  const fault = databaseFaultOf(error);
  if (fault) {
    log.warn("database fault, answered 503", {
      method: c.req.method,
      route: routePath(c),
      cause: fault.cause,
    });
    c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    const message =
      fault.code === "DATABASE_BUSY"
        ? "数据库繁忙，未保存任何内容，请稍后重试 The database is busy; nothing was saved, try again shortly"
        : "数据库暂时不可用，未保存任何内容，请稍后重试 The database is briefly unavailable; nothing was saved, try again shortly";
    return c.json(
      {
        error: {
          code: fault.code,
          message,
          details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, cause: fault.cause },
        },
      },
      503,
    );
  }
  log.error("request failed", { method: c.req.method, route: routePath(c), error });
  return c.json(
    { error: { code: "INTERNAL", message: "服务器内部错误 Internal server error", details: [] } },
    500,
  );
}

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ServiceError } from "../services/errors";

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error the API means to return: a stable `code` the client can branch on, and details per field. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly details: readonly ErrorDetail[] | Record<string, unknown> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details?: readonly ErrorDetail[] | Record<string, unknown>,
  ) {
    super(status, { message });
    this.code = code;
    this.details = details;
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

/** The one error handler: every error leaves as `{error: {code, message, details}}`, never a stack trace. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(
      { error: { code: error.code, message: error.message, details: error.details ?? [] } },
      error.status,
    );
  }
  if (error instanceof ServiceError) {
    return c.json(
      { error: { code: error.code, message: error.message, details: error.details ?? [] } },
      error.status,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = GENERIC_CODES[status] ?? "HTTP_ERROR";
    return c.json({ error: { code, message: error.message || code, details: [] } }, status);
  }
  console.error(`[kaohe] ${c.req.method} ${c.req.path} failed:`, error);
  return c.json(
    { error: { code: "INTERNAL", message: "服务器内部错误 Internal server error", details: [] } },
    500,
  );
}

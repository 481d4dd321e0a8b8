// Errors a use case means to report. The HTTP layer maps them 1:1 to `{error: {code, message, details}}`
// with `status`; services stay free of HTTP types (imports run http → services, never back).

export type ServiceErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** A refusal with a stable code, an HTTP-like status and optional details. */
export class ServiceError extends Error {
  constructor(
    readonly status: ServiceErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: readonly { path: string; message: string }[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** 409: the state of the data does not allow the change. */
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new ServiceError(409, code, message, details);

/** 404 for things that do not exist or that the caller may not know exist. */
export const missing = (what: string) =>
  new ServiceError(404, "NOT_FOUND", `${what}不存在 ${what} not found`);

/** 400 naming the offending fields. */
export const invalid = (message: string, details: { path: string; message: string }[]) =>
  new ServiceError(400, "VALIDATION_FAILED", message, details);

/** 403 for a caller outside the scope of the data. */
export const outOfScope = (message = "无权操作此数据 Outside your scope") =>
  new ServiceError(403, "FORBIDDEN", message);

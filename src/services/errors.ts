// Errors a use case means to report. The HTTP layer maps them 1:1 to `{error: {code, message, details}}`
// with `status`; services stay free of HTTP types (imports run http → services, never back).

export type ServiceErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** Values a client puts into its own sentence for an error code (`{maxMb: 20}`, `{items: ["A1"]}`). */
export type ErrorParams = Record<string, string | number | boolean | readonly string[]>;

/**
 * One problem at a field: the bilingual `message` for API readers, and a stable `code` with `params` from
 * which the web writes its own sentence in the reader's language (never by cutting `message` apart).
 */
export interface ErrorDetail {
  path: string;
  message: string;
  code?: string;
  params?: ErrorParams;
}

/** A refusal with a stable code, an HTTP-like status, optional details and the params of its sentence. */
export class ServiceError extends Error {
  constructor(
    readonly status: ServiceErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[] | Record<string, unknown>,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** 409: the state of the data does not allow the change. */
export const conflict = (
  code: string,
  message: string,
  details?: Record<string, unknown>,
  params?: ErrorParams,
) => new ServiceError(409, code, message, details, params);

/** 404 for things that do not exist or that the caller may not know exist. */
export const missing = (what: string) =>
  new ServiceError(404, "NOT_FOUND", `${what}不存在 ${what} not found`);

/** 400 naming the offending fields. */
export const invalid = (message: string, details: ErrorDetail[]) =>
  new ServiceError(400, "VALIDATION_FAILED", message, details);

/** 403 for a caller outside the scope of the data. */
export const outOfScope = (message = "无权操作此数据 Outside your scope") =>
  new ServiceError(403, "FORBIDDEN", message);

// The one error family of the server. Every refusal — of a use case, a guard, a validator or the database —
// is a ServiceError: a stable `code` the client branches on, an HTTP status, the bilingual sentence for API
// readers, and details per field. The HTTP layer's one handler (src/http/errors.ts) writes it as
// `{error: {code, message, details}}`; services stay free of HTTP types (imports run http → services).
import { type CataloguedCode, ERROR_CATALOGUE, sentenceOf } from "./error-catalogue";

export type ServiceErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

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

/** A refusal with a stable code, an HTTP status, optional details and the params of its sentence. */
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

/** A refusal whose status and sentence are the catalogue's (src/services/error-catalogue.ts). */
export const refusal = (
  code: CataloguedCode,
  details?: readonly ErrorDetail[] | Record<string, unknown>,
  params?: ErrorParams,
) => new ServiceError(ERROR_CATALOGUE[code].status, code, sentenceOf(code), details, params);

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
export const invalid = (message: string, details?: readonly ErrorDetail[]) =>
  new ServiceError(400, "VALIDATION_FAILED", message, details);

/** 401: nobody is signed in (or the session ended). */
export const unauthenticated = (message = sentenceOf("UNAUTHENTICATED")) =>
  new ServiceError(401, "UNAUTHENTICATED", message);

/** 403 for a role that may not do this at all. */
export const forbidden = (message = sentenceOf("FORBIDDEN")) => new ServiceError(403, "FORBIDDEN", message);

/** 403 for a caller outside the scope of the data. */
export const outOfScope = (message = "无权操作此数据 Outside your scope") =>
  new ServiceError(403, "FORBIDDEN", message);

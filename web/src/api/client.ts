import type { ClientResponse } from "hono/client";
import { hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { ApiApp } from "../../../src/http/app";
import { createKeyedFetch } from "./keyed-fetch";

/**
 * The typed API client: `api.periods.$get()` etc. Same origin, so the session cookie rides along. Writes carry
 * an Idempotency-Key and are retried with it after a network failure or a 503 (./keyed-fetch.ts).
 */
export const api = hc<ApiApp>("/", { fetch: createKeyedFetch((input, init) => fetch(input, init)) }).api.v1;

/** Values the web puts into its own sentence for an error or a field problem. */
export type ErrorParams = Readonly<Record<string, unknown>>;

/**
 * One problem the server found, at a field path such as `categories[1].indicators[3].rule.step`: a stable
 * `code` with `params` (the web writes the sentence) and the server's bilingual `message` for codes it lacks.
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string | undefined;
  params?: ErrorParams | undefined;
}

/** An error answer from the API: `{error: {code, message, details}}`, or a network failure (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldProblem[] = [],
    readonly extra?: Record<string, unknown>,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

let onSignedOut: () => void = () => {};

/** Called when any API call answers 401: the session ended, so the app goes back to sign-in. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

type OkBody<R> =
  R extends ClientResponse<infer T, infer U, infer _F> ? (U extends SuccessStatusCode ? T : never) : never;

/** The ApiFailure an error response describes. */
export async function failureOf(response: Response): Promise<ApiFailure> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = typeof body === "object" && body !== null && "error" in body ? body.error : undefined;
  if (typeof error !== "object" || error === null)
    return new ApiFailure(response.status, "HTTP_ERROR", response.statusText);
  const code = "code" in error && typeof error.code === "string" ? error.code : "HTTP_ERROR";
  const message =
    "message" in error && typeof error.message === "string" ? error.message : response.statusText;
  const raw = "details" in error ? error.details : undefined;
  const details = Array.isArray(raw) ? raw.filter(isFieldProblem).map(fieldProblem) : [];
  const extra =
    raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const params = "params" in error && isRecord(error.params) ? error.params : {};
  return new ApiFailure(response.status, code, message, details, extra, params);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Only the fields the web reads, each of its type.
function fieldProblem(raw: FieldProblem): FieldProblem {
  return {
    path: raw.path,
    message: raw.message,
    code: typeof raw.code === "string" ? raw.code : undefined,
    params: isRecord(raw.params) ? raw.params : undefined,
  };
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    "path" in value &&
    "message" in value &&
    typeof value.path === "string" &&
    typeof value.message === "string"
  );
}

/** Awaits a hono/client call: its JSON body when it succeeded, else an ApiFailure carrying the server's error. */
export async function call<R extends ClientResponse<unknown, number, "json">>(
  pending: Promise<R>,
): Promise<OkBody<R>> {
  let response: R;
  try {
    response = await pending;
  } catch {
    throw new ApiFailure(0, "NETWORK", "network error");
  }
  if (!response.ok) {
    const failure = await failureOf(response as unknown as Response);
    if (failure.status === 401 && failure.code === "UNAUTHENTICATED") onSignedOut();
    throw failure;
  }
  return (await response.json()) as OkBody<R>;
}

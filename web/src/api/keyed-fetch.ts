/**
 * The front end's fetch for API calls. Every state-changing request gets an `Idempotency-Key` — one per
 * user action, i.e. per call — and is retried with that same key after a network failure or a 503 (database
 * briefly unavailable, busy, or COMMIT_UNKNOWN): the server replays the first answer instead of saving
 * twice (src/http/idempotency.ts). Reads, sign-in, 试算 and Excel imports pass
 * through untouched.
 */

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** Retries of one action after its first attempt. */
export const MAX_RETRIES = 2;
const MAX_WAIT_MS = 3_000;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The server does not key these (src/http/idempotency.ts UNKEYED_PATHS), so they are sent once, unretried.
const UNKEYED_PATHS = /\/api\/v1\/((auth|excel\/imports)\/|schemes\/preview$)/;

/**
 * A fresh key: 32 hex digits from crypto.getRandomValues, which (unlike crypto.randomUUID) also exists on
 * an intranet page served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Milliseconds to wait before a retry: the server's Retry-After (capped), else a short back-off. */
export function retryDelayMs(retryAfter: string | null, attempt: number): number {
  const seconds = Number(retryAfter);
  if (retryAfter !== null && Number.isFinite(seconds) && seconds >= 0)
    return Math.min(seconds * 1000, MAX_WAIT_MS);
  return Math.min(500 * (attempt + 1), MAX_WAIT_MS);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wraps a fetch so that writes carry a key and are retried with it; `wait` is replaceable for tests. */
export function createKeyedFetch(
  send: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
  wait: (ms: number) => Promise<void> = sleep,
): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    if (!WRITES.has(method) || UNKEYED_PATHS.test(url)) return send(input, init);
    const headers = new Headers(init?.headers);
    if (!headers.has(IDEMPOTENCY_HEADER)) headers.set(IDEMPOTENCY_HEADER, newIdempotencyKey());
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(input, { ...init, headers });
      } catch (error) {
        if (attempt >= MAX_RETRIES) throw error;
        await wait(retryDelayMs(null, attempt));
        continue;
      }
      if (response.status !== 503 || attempt >= MAX_RETRIES) return response;
      await response.body?.cancel();
      await wait(retryDelayMs(response.headers.get("retry-after"), attempt));
    }
  };
}

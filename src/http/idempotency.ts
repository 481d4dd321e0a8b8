import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { invalid, refusal } from "../services/errors";
import {
  findAnswer,
  IDEMPOTENCY_KEY_TTL_MS,
  type KeyedOutcome,
  runKeyed,
  type StoredAnswer,
} from "../services/idempotency-store";
import type { AppEnv } from "./env";

/** The request header naming one user action; a retry of that action sends the same value. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** Set on an answer replayed from the first request with the same key. */
export const REPLAYED_HEADER = "Idempotent-Replayed";
export { IDEMPOTENCY_KEY_TTL_MS };
/** Answers longer than this are not kept (the row still blocks a second change; see ALREADY_APPLIED). */
export const MAX_KEPT_ANSWER_CHARS = 1024 * 1024;

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * Writes that ignore the header. Sign-in and sign-out have no user yet, or end the one they have. An Excel
 * import of more than a few hundred rows runs as a background job after its answer, outside any request
 * transaction; the web client sends imports unkeyed and does not retry them (web/src/api/keyed-fetch.ts).
 * 试算 (scheme preview) is a POST that changes nothing: keeping its answer would only fill the table.
 */
export const UNKEYED_PATHS = /^\/api\/v1\/((auth|excel\/imports)\/|schemes\/preview$)/;

/** Thrown inside the transaction when the route failed, so that nothing it wrote is kept. */
class RouteFailed extends Error {}

/**
 * Writes that a client can retry safely. A state-changing request with an `Idempotency-Key` runs its route
 * inside one transaction, opened by the store (`runKeyed`), that first claims the key (user + key, unique)
 * and finally stores the answer; the change and its answer commit together or not at all. A retry with the same key — after a timeout, a
 * 503 or COMMIT_UNKNOWN — gets the stored answer (`Idempotent-Replayed: true`) and changes nothing; the same
 * key with a different request is refused (422). A retry that arrives while the first is still running
 * waits on the claimed key and then replays its answer. Requests without the header are unchanged.
 */
export function idempotentWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const session = c.var.session;
    if (key === undefined || !WRITE_METHODS.has(c.req.method) || UNKEYED_PATHS.test(c.req.path))
      return next();
    if (!KEY_PATTERN.test(key))
      throw invalid("请求头 Idempotency-Key 格式有误 The Idempotency-Key header is malformed", [
        { path: IDEMPOTENCY_HEADER, message: "8–128 个字母、数字、- 或 _ 8–128 letters, digits, - or _" },
      ]);
    // Anonymous: the route's own guard answers 401; there is no user to key the answer to.
    if (!session) return next();
    const userId = session.user.id;
    const now = c.var.now;
    const fingerprint = await fingerprintOf(c.req.raw);
    const db = c.var.db;

    const earlier = await findAnswer(db, userId, key, now);
    if (earlier) return replay(c, earlier, fingerprint);

    let outcome: KeyedOutcome;
    try {
      outcome = await runKeyed(db, { userId, key, fingerprint, now }, async (tx) => {
        c.set("db", tx);
        try {
          await next();
        } finally {
          c.set("db", db);
        }
        if (c.error) throw new RouteFailed();
        return answerOf(c.res);
      });
    } catch (error) {
      // The route's own error answer is already in c.res; its writes were rolled back with the claim.
      if (c.error) return;
      throw error;
    }
    if (outcome.kind === "done") return;
    if (outcome.answer) return replay(c, outcome.answer, fingerprint);
    throw refusal("IDEMPOTENCY_KEY_BUSY");
  };
}

function replay(c: Context<AppEnv>, answer: StoredAnswer, fingerprint: string): Response {
  if (answer.fingerprint !== fingerprint)
    throw refusal("IDEMPOTENCY_KEY_REUSED", [
      { path: IDEMPOTENCY_HEADER, message: "used for a different request" },
    ]);
  if (answer.body === null) throw refusal("ALREADY_APPLIED");
  c.header(REPLAYED_HEADER, "true");
  if (answer.contentType) c.header("content-type", answer.contentType);
  return c.body(answer.body, answer.status as ContentfulStatusCode);
}

async function answerOf(response: Response) {
  const contentType = response.headers.get("content-type");
  // Only text answers are kept: a file (an .xlsx of one-time passwords) is bytes a text column cannot hold,
  // and must not be handed out twice anyway; its replay answers ALREADY_APPLIED.
  const textual = contentType !== null && /^(application\/json|text\/)/i.test(contentType);
  const body = textual ? await response.clone().text() : null;
  return {
    status: response.status,
    contentType,
    body: body !== null && body.length <= MAX_KEPT_ANSWER_CHARS ? body : null,
  };
}

/** SHA-256 over method, path, query and body; a multipart body by its fields, since its boundary varies. */
async function fingerprintOf(request: Request): Promise<string> {
  const url = new URL(request.url);
  const parts: (string | Uint8Array)[] = [request.method, url.pathname, url.search];
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => undefined);
    for (const [name, value] of form ?? []) {
      parts.push(name);
      if (typeof value === "string") parts.push(value);
      else parts.push(value.name, value.type, new Uint8Array(await value.arrayBuffer()));
    }
  } else {
    parts.push(contentType, new Uint8Array(await request.clone().arrayBuffer()));
  }
  const encoder = new TextEncoder();
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part));
  // Each part is length-prefixed, so that no two different requests give the same bytes.
  const length = chunks.reduce((sum, chunk) => sum + 8 + chunk.length, 0);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    new DataView(bytes.buffer).setFloat64(offset, chunk.length);
    bytes.set(chunk, offset + 8);
    offset += 8 + chunk.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

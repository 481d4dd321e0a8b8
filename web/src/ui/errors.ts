import { ApiFailure, type FieldProblem } from "../api/client";
import type { Messages } from "../i18n/zh-CN";

/** A sentence for the user: the catalogue's words for known error codes, else the server's message. */
export function describeFailure(error: unknown, m: Messages): string {
  if (!(error instanceof ApiFailure)) return m.errors.unexpected;
  const known = m.errors.codes[error.code];
  if (known) return known;
  if (error.status === 0) return m.errors.network;
  if (error.status >= 500) return m.errors.server;
  return localiseServerMessage(error.message, m);
}

/** Server messages are "中文 English"; show the half that matches the locale. */
export function localiseServerMessage(message: string, m: Messages): string {
  const split = message.match(/^([^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$/);
  if (!split) return message;
  return m.meta.locale === "en" ? (split[2] ?? message) : (split[1] ?? message);
}

/** Field problems by path, for showing each one next to its field. */
export function problemsByPath(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!(error instanceof ApiFailure)) return map;
  for (const problem of error.details as FieldProblem[]) {
    const before = map.get(problem.path);
    map.set(problem.path, before ? `${before}; ${problem.message}` : problem.message);
  }
  return map;
}

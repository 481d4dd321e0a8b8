import { ApiFailure, type FieldProblem } from "../api/client";
import type { Messages } from "../i18n/zh-CN";

// Every error the user reads is written by the web from its catalogues (zh-CN, en) by the error's code and
// params: the server's prose is never cut apart at its first Latin letter ("只接受 PDF…" became "只接受").
// A field problem whose code has no sentence of its own shows the server's bilingual message whole.

/** A sentence for the user: the catalogue's words for the error's code and params. */
export function describeFailure(error: unknown, m: Messages): string {
  if (!(error instanceof ApiFailure)) return m.errors.unexpected;
  if (error.status === 0) return m.errors.network;
  const known = m.errors.codes[error.code];
  if (typeof known === "function") return known(error.params);
  if (known) return known;
  if (error.status >= 500) return m.errors.server;
  return m.errors.refused(error.code);
}

/** The sentence for one field problem: the catalogue's by its code and params, else the server's whole message. */
export function describeProblem(problem: FieldProblem, m: Messages): string {
  const sentence = problem.code ? m.errors.details[problem.code] : undefined;
  return sentence ? sentence(problem.params ?? {}) : problem.message;
}

/** The failure's sentence followed by each field problem's (for forms that cannot show them at their fields). */
export function describeFailureInFull(error: unknown, m: Messages, limit = 10): string {
  const head = describeFailure(error, m);
  if (!(error instanceof ApiFailure) || error.details.length === 0) return head;
  const lines = error.details.slice(0, limit).map((problem) => describeProblem(problem, m));
  return [head, ...new Set(lines)].join(" ");
}

/** Field problems by path, each in the catalogue's words, for showing next to its field. */
export function problemsByPath(error: unknown, m: Messages): Map<string, string> {
  const map = new Map<string, string>();
  if (!(error instanceof ApiFailure)) return map;
  for (const problem of error.details) {
    const text = describeProblem(problem, m);
    const before = map.get(problem.path);
    map.set(problem.path, before ? `${before} ${text}` : text);
  }
  return map;
}

// The server's one catalogue of error sentences for API consumers, keyed by code: Chinese first, then English
// (docs/decisions/20-06-transactions-and-one-error-family.md). A code listed here always answers with its
// status and this sentence. A refusal that names the data it refuses (a person, a date, a field) writes its
// sentence where it is thrown, and gives `params` from which the web writes its own, in the reader's language,
// from its catalogues (web/src/i18n).

/** A catalogued refusal: its HTTP status and its sentence in both languages. */
export interface CataloguedError {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  zh: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  // Who asks
  UNAUTHENTICATED: { status: 401, zh: "请先登录", en: "Sign-in required" },
  INVALID_CREDENTIALS: { status: 401, zh: "用户名或密码错误", en: "Wrong username or password" },
  FORBIDDEN: { status: 403, zh: "无权执行此操作", en: "Not allowed for your role" },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: "请先修改密码",
    en: "You must change your password before continuing",
  },
  CROSS_SITE_REQUEST: { status: 403, zh: "拒绝跨站请求", en: "Cross-site request refused" },
  // The request
  BAD_REQUEST: { status: 400, zh: "请求有误", en: "Bad request" },
  NOT_FOUND: { status: 404, zh: "不存在", en: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, zh: "不支持此操作", en: "Method not allowed" },
  PAYLOAD_TOO_LARGE: { status: 413, zh: "请求内容过大", en: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: "不支持此内容类型", en: "Unsupported media type" },
  TOO_MANY_REQUESTS: {
    status: 429,
    zh: "请求过于频繁，请稍后再试",
    en: "Too many requests; try again shortly",
  },
  // Keyed writes (Idempotency-Key, src/http/idempotency.ts)
  IDEMPOTENCY_KEY_BUSY: {
    status: 409,
    zh: "同一操作正在处理中，请稍后刷新查看",
    en: "The same action is still being processed; reload shortly",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: "此 Idempotency-Key 已用于另一个请求，请为新操作使用新的键",
    en: "This Idempotency-Key was used for a different request; use a new key for a new action",
  },
  ALREADY_APPLIED: {
    status: 409,
    zh: "此操作已经完成，请刷新查看结果",
    en: "This action was already done; reload to see its result",
  },
  // The database and the server
  CONFLICT: {
    status: 409,
    zh: "数据已被同时提交的另一请求修改，请刷新后查看",
    en: "Someone else just made the same change; reload",
  },
  COMMIT_UNKNOWN: {
    status: 503,
    zh: "提交时与数据库的连接中断，修改可能已经保存：请先刷新查看，再决定是否重试",
    en: "The connection broke while saving; the change may have been saved — reload before retrying",
  },
  DATABASE_BUSY: {
    status: 503,
    zh: "数据库繁忙，未保存任何内容，请稍后重试",
    en: "The database is busy; nothing was saved, try again shortly",
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: "数据库暂时不可用，未保存任何内容，请稍后重试",
    en: "The database is briefly unavailable; nothing was saved, try again shortly",
  },
  INTERNAL: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
} as const satisfies Record<string, CataloguedError>;

export type CataloguedCode = keyof typeof ERROR_CATALOGUE;

/** The bilingual sentence of a catalogued code, as the API writes it: "中文 English". */
export function sentenceOf(code: CataloguedCode): string {
  const { zh, en } = ERROR_CATALOGUE[code];
  return `${zh} ${en}`;
}

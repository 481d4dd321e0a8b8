import type { PeriodStatus } from "./period-state";

// 考核表 state machine. Each action names the sheet status it needs, the period status it needs, and the
// sheet status it leads to. Who may act (role, scope) and deadlines are checked by the services.

export const SHEET_STATUSES = [
  "draft",
  "submitted",
  "reviewed",
  "scored",
  "published",
  "review_requested", // 复核
  "appealed", // 申诉
  "final",
] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export type SheetAction =
  | "saveSelf"
  | "submit"
  | "pass"
  | "return"
  | "score"
  | "markScored"
  | "publish"
  | "requestRecheck"
  | "decideRecheck"
  | "appeal"
  | "decideAppeal"
  | "finalize"
  | "reopen";

interface SheetRule {
  from: readonly SheetStatus[];
  period: readonly PeriodStatus[];
  /** The status after the action; `same` keeps the current one. */
  to: SheetStatus | "same";
  /** The error code when the period is in the wrong status. */
  periodCode: string;
}

const RULES: Record<SheetAction, SheetRule> = {
  saveSelf: { from: ["draft"], period: ["open"], to: "same", periodCode: "PERIOD_NOT_OPEN" },
  submit: { from: ["draft"], period: ["open"], to: "submitted", periodCode: "PERIOD_NOT_OPEN" },
  pass: { from: ["submitted"], period: ["open", "assessing"], to: "reviewed", periodCode: "PERIOD_NOT_OPEN" },
  return: { from: ["submitted"], period: ["open", "assessing"], to: "draft", periodCode: "PERIOD_NOT_OPEN" },
  score: {
    from: ["reviewed", "scored"],
    period: ["assessing"],
    to: "same",
    periodCode: "PERIOD_NOT_ASSESSING",
  },
  markScored: {
    from: ["reviewed", "scored"],
    period: ["assessing"],
    to: "scored",
    periodCode: "PERIOD_NOT_ASSESSING",
  },
  publish: { from: ["scored"], period: ["assessing"], to: "published", periodCode: "PERIOD_NOT_ASSESSING" },
  requestRecheck: {
    from: ["published"],
    period: ["published"],
    to: "review_requested",
    periodCode: "PERIOD_NOT_PUBLISHED",
  },
  decideRecheck: {
    from: ["review_requested"],
    period: ["published"],
    to: "published",
    periodCode: "PERIOD_NOT_PUBLISHED",
  },
  appeal: { from: ["published"], period: ["published"], to: "appealed", periodCode: "PERIOD_NOT_PUBLISHED" },
  decideAppeal: {
    from: ["appealed"],
    period: ["published"],
    to: "published",
    periodCode: "PERIOD_NOT_PUBLISHED",
  },
  finalize: { from: ["published"], period: ["published"], to: "final", periodCode: "PERIOD_NOT_PUBLISHED" },
  reopen: { from: ["final"], period: ["final"], to: "published", periodCode: "PERIOD_NOT_FINAL" },
};

/** Error codes for a sheet that is not in the status an action needs. */
const WRONG_STATUS_CODES: Partial<Record<SheetStatus, string>> = {
  submitted: "SHEET_ALREADY_SUBMITTED",
  reviewed: "SHEET_ALREADY_REVIEWED",
  scored: "SHEET_ALREADY_SCORED",
  published: "SHEET_PUBLISHED",
  review_requested: "RECHECK_PENDING",
  appealed: "APPEAL_PENDING",
  final: "PERIOD_FINAL",
};

export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = {
  draft: "填报中",
  submitted: "已提交",
  reviewed: "乡镇已审核",
  scored: "已评分",
  published: "公示中",
  review_requested: "复核中",
  appealed: "申诉中",
  final: "已归档",
};

export type SheetTransition = { ok: true; to: SheetStatus } | { ok: false; code: string; message: string };

/** The status a sheet action leads to, or why the sheet or its period does not allow it. */
export function transitionSheet(
  status: SheetStatus,
  periodStatus: PeriodStatus,
  action: SheetAction,
): SheetTransition {
  const rule = RULES[action];
  if (periodStatus === "final" && action !== "reopen")
    return { ok: false, code: "PERIOD_FINAL", message: "考核周期已归档，不能修改 The period is final" };
  if (!rule.period.includes(periodStatus)) {
    return {
      ok: false,
      code: rule.periodCode,
      message: `考核周期当前不允许此操作 The period (${periodStatus}) does not allow ${action}`,
    };
  }
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      code: WRONG_STATUS_CODES[status] ?? "INVALID_SHEET_TRANSITION",
      message: `考核表处于“${SHEET_STATUS_LABELS[status]}”状态，不能执行此操作 The sheet is ${status}; ${action} needs ${rule.from.join(" or ")}`,
    };
  }
  return { ok: true, to: rule.to === "same" ? status : rule.to };
}

/** Every sheet transition, for documentation and tests. */
export function sheetTransitionTable() {
  return Object.entries(RULES).map(([action, rule]) => ({ action, ...rule }));
}

/** Whether results (verified values, scores, grade, rank) may be shown to the person and their township. */
export function isResultPublic(status: SheetStatus): boolean {
  return (
    status === "published" || status === "review_requested" || status === "appealed" || status === "final"
  );
}

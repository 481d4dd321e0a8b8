import type { PeriodStatus } from "./period-state";

// 考核表 state machine. Each action names the sheet status it needs, the period status it needs, and the
// sheet status it leads to; `sheetActionsFor` adds who may act. Deadlines are checked by the services.

export const SHEET_STATUSES = [
  "draft",
  "submitted",
  "reviewed",
  "scored",
  "published",
  "recheck_requested", // 复核
  "appealed", // 申诉
  "final",
] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/** 不参加本期考核: why a person takes no part in a period. */
export const EXEMPT_CATEGORIES = ["sick_leave", "transferred", "new_hire", "other"] as const;
export type ExemptCategory = (typeof EXEMPT_CATEGORIES)[number];
export const EXEMPT_CATEGORY_LABELS: Record<ExemptCategory, string> = {
  sick_leave: "长期病假",
  transferred: "调离",
  new_hire: "新进未满考核期",
  other: "其他",
};

export const SHEET_ACTIONS = [
  "saveSelf",
  "submit",
  "withdraw", // 撤回: staff take back a submission the township has not reviewed yet
  "saveOnBehalf", // 代填: an admin or assessor enters values for the person, with a reason
  "submitOnBehalf",
  "pass",
  "return",
  "score",
  "markScored",
  "publish",
  "requestRecheck",
  "decideRecheck",
  "appeal",
  "decideAppeal",
  "finalize",
  "reopen",
  "exempt", // 不参加本期考核
  "restore",
] as const;
export type SheetAction = (typeof SHEET_ACTIONS)[number];

interface SheetRule {
  from: readonly SheetStatus[];
  period: readonly PeriodStatus[];
  /** The status after the action; `same` keeps the current one. */
  to: SheetStatus | "same";
  /** The error code when the period is in the wrong status. */
  periodCode: string;
  /** Further statuses the action starts from, only while the period is in one of `period`. */
  alsoFrom?: { from: readonly SheetStatus[]; period: readonly PeriodStatus[] };
}

// A sheet is filled in while the period is open, and also while it is assessing: a sheet the township
// returns during 考核 must be correctable and resubmittable, or it would block 公示 for ever.
const FILLING: readonly PeriodStatus[] = ["open", "assessing"];
const BEFORE_PUBLISH: readonly PeriodStatus[] = ["draft", "open", "assessing"];
const UNPUBLISHED: readonly SheetStatus[] = ["draft", "submitted", "reviewed", "scored"];

const RULES: Record<SheetAction, SheetRule> = {
  saveSelf: { from: ["draft"], period: FILLING, to: "same", periodCode: "PERIOD_NOT_OPEN" },
  submit: { from: ["draft"], period: FILLING, to: "submitted", periodCode: "PERIOD_NOT_OPEN" },
  withdraw: { from: ["submitted"], period: FILLING, to: "draft", periodCode: "PERIOD_NOT_OPEN" },
  saveOnBehalf: { from: ["draft"], period: FILLING, to: "same", periodCode: "PERIOD_NOT_OPEN" },
  submitOnBehalf: { from: ["draft"], period: FILLING, to: "submitted", periodCode: "PERIOD_NOT_OPEN" },
  pass: { from: ["submitted"], period: FILLING, to: "reviewed", periodCode: "PERIOD_NOT_OPEN" },
  // A passed sheet can still be returned until 考核 starts; from then on it is the assessors'.
  return: {
    from: ["submitted"],
    period: FILLING,
    to: "draft",
    periodCode: "PERIOD_NOT_OPEN",
    alsoFrom: { from: ["reviewed"], period: ["open"] },
  },
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
    to: "recheck_requested",
    periodCode: "PERIOD_NOT_PUBLISHED",
  },
  decideRecheck: {
    from: ["recheck_requested"],
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
  // Exemption and its restoration are settled before 公示: published results are not rewritten.
  exempt: { from: UNPUBLISHED, period: BEFORE_PUBLISH, to: "same", periodCode: "PERIOD_PUBLISHED" },
  restore: { from: UNPUBLISHED, period: BEFORE_PUBLISH, to: "same", periodCode: "PERIOD_PUBLISHED" },
};

/** Error codes for a sheet that is not in the status an action needs. */
const WRONG_STATUS_CODES: Partial<Record<SheetStatus, string>> = {
  draft: "SHEET_NOT_SUBMITTED",
  submitted: "SHEET_ALREADY_SUBMITTED",
  reviewed: "SHEET_ALREADY_REVIEWED",
  scored: "SHEET_ALREADY_SCORED",
  published: "SHEET_PUBLISHED",
  recheck_requested: "RECHECK_PENDING",
  appealed: "APPEAL_PENDING",
  final: "PERIOD_FINAL",
};

export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = {
  draft: "填报中",
  submitted: "已提交",
  reviewed: "乡镇已审核",
  scored: "已评分",
  published: "公示中",
  recheck_requested: "复核中",
  appealed: "申诉中",
  final: "已归档",
};

export type SheetTransition = { ok: true; to: SheetStatus } | { ok: false; code: string; message: string };

/** The status a sheet action leads to, or why the sheet (exempt or not) or its period does not allow it. */
export function transitionSheet(
  status: SheetStatus,
  periodStatus: PeriodStatus,
  action: SheetAction,
  exempt = false,
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
  if (exempt && action !== "restore")
    return {
      ok: false,
      code: "SHEET_EXEMPT",
      message: "此人不参加本期考核，须先恢复 The person is exempt from this period; restore them first",
    };
  if (!exempt && action === "restore")
    return { ok: false, code: "SHEET_NOT_EXEMPT", message: "此人参加本期考核 The person is not exempt" };
  const laterStart = rule.alsoFrom?.from.includes(status) && rule.alsoFrom.period.includes(periodStatus);
  if (!rule.from.includes(status) && !laterStart) {
    return {
      ok: false,
      code: WRONG_STATUS_CODES[status] ?? "INVALID_SHEET_TRANSITION",
      message: `考核表处于“${SHEET_STATUS_LABELS[status]}”状态，不能执行此操作 The sheet is ${status}; ${action} needs ${rule.from.join(" or ")}`,
    };
  }
  return { ok: true, to: rule.to === "same" ? status : rule.to };
}

/** How the caller relates to a sheet: its owner, its township's account, or a county-wide role. */
export type SheetRelation = "owner" | "township" | "assessor" | "admin" | "other";

// Who may take each action (period-wide actions such as publish are the admin's, through the period).
const ACTORS: Record<SheetAction, readonly SheetRelation[]> = {
  saveSelf: ["owner"],
  submit: ["owner"],
  withdraw: ["owner"],
  saveOnBehalf: ["admin", "assessor"],
  submitOnBehalf: ["admin", "assessor"],
  pass: ["township"],
  return: ["township"],
  score: ["admin", "assessor"],
  markScored: ["admin", "assessor"],
  publish: [],
  requestRecheck: ["owner"],
  decideRecheck: ["admin", "assessor"],
  appeal: ["owner"],
  decideAppeal: ["admin"],
  finalize: [],
  reopen: [],
  exempt: ["admin"],
  restore: ["admin"],
};

/** The sheet actions this caller may take now (deadlines and one-time requests are checked on the action). */
export function sheetActionsFor(
  relation: SheetRelation,
  status: SheetStatus,
  periodStatus: PeriodStatus,
  exempt: boolean,
): SheetAction[] {
  return SHEET_ACTIONS.filter(
    (action) => ACTORS[action].includes(relation) && transitionSheet(status, periodStatus, action, exempt).ok,
  );
}

/** Every sheet transition, for documentation. */
export function sheetTransitionTable() {
  return Object.entries(RULES).map(([action, rule]) => ({
    action,
    ...rule,
    actors: ACTORS[action as SheetAction],
  }));
}

/** Whether results (verified values, scores, grade, rank) may be shown to the person and their township. */
export function isResultPublic(status: SheetStatus): boolean {
  return (
    status === "published" || status === "recheck_requested" || status === "appealed" || status === "final"
  );
}

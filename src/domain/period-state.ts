import type { SheetStatus } from "./sheet-state";

// 考核周期 state machine: draft → open → assessing → published (公示) → final. Two ways back: the admin can
// return a period from assessing to open (scores given are kept) and reopen a final period to published;
// both need a reason.

export const PERIOD_STATUSES = ["draft", "open", "assessing", "published", "final"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export type PeriodAction = "open" | "startAssessing" | "returnToOpen" | "publish" | "finalize" | "reopen";

const TRANSITIONS: Record<PeriodAction, { from: PeriodStatus; to: PeriodStatus }> = {
  open: { from: "draft", to: "open" },
  startAssessing: { from: "open", to: "assessing" },
  returnToOpen: { from: "assessing", to: "open" },
  publish: { from: "assessing", to: "published" },
  finalize: { from: "published", to: "final" },
  reopen: { from: "final", to: "published" },
};

/** The period actions that need a reason from the admin (they undo a step). */
export const PERIOD_ACTIONS_WITH_REASON: ReadonlySet<PeriodAction> = new Set(["returnToOpen", "reopen"]);

// What a period action does to its sheets: which sheet statuses move, and where to. Exempt sheets
// (不参加本期考核) never move: they stay out of the pool whatever the period does.
const SHEET_MOVES: Partial<Record<PeriodAction, { from: readonly SheetStatus[]; to: SheetStatus }>> = {
  publish: { from: ["scored"], to: "published" },
  finalize: { from: ["published"], to: "final" },
  reopen: { from: ["final"], to: "published" },
};

/** The sheets a period action carries along: `from` statuses move to `to`; undefined when none move. */
export function sheetMoveOf(action: PeriodAction) {
  return SHEET_MOVES[action];
}

export type TransitionResult<S> = { ok: true; to: S } | { ok: false; code: string; message: string };

/** The status a period action leads to, or why the period's status does not allow it. */
export function transitionPeriod(status: PeriodStatus, action: PeriodAction): TransitionResult<PeriodStatus> {
  const rule = TRANSITIONS[action];
  if (status === rule.from) return { ok: true, to: rule.to };
  if (status === "final")
    return { ok: false, code: "PERIOD_FINAL", message: "考核周期已归档，不能修改 The period is final" };
  return {
    ok: false,
    code: "INVALID_PERIOD_TRANSITION",
    message: `考核周期处于“${PERIOD_STATUS_LABELS[status]}”状态，不能执行此操作 Period is ${status}; ${action} needs ${rule.from}`,
  };
}

/** Chinese labels of the period statuses, for messages. */
export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = {
  draft: "草稿",
  open: "填报中",
  assessing: "考核中",
  published: "公示中",
  final: "已归档",
};

/** The period actions possible from a status (what an admin may do next). */
export function periodActionsFrom(status: PeriodStatus): PeriodAction[] {
  return (Object.keys(TRANSITIONS) as PeriodAction[]).filter((action) => TRANSITIONS[action].from === status);
}

/** Every transition, for documentation. */
export function periodTransitionTable() {
  return Object.entries(TRANSITIONS).map(([action, rule]) => ({ action, ...rule }));
}

// 考核周期 state machine: draft → open → assessing → published (公示) → final; final can be reopened by
// the admin (with a reason) back to published.

export const PERIOD_STATUSES = ["draft", "open", "assessing", "published", "final"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export type PeriodAction = "open" | "startAssessing" | "publish" | "finalize" | "reopen";

const TRANSITIONS: Record<PeriodAction, { from: PeriodStatus; to: PeriodStatus }> = {
  open: { from: "draft", to: "open" },
  startAssessing: { from: "open", to: "assessing" },
  publish: { from: "assessing", to: "published" },
  finalize: { from: "published", to: "final" },
  reopen: { from: "final", to: "published" },
};

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

/** Every transition, for documentation and tests. */
export function periodTransitionTable() {
  return Object.entries(TRANSITIONS).map(([action, rule]) => ({ action, ...rule }));
}

import {
  type PeriodAction,
  type PeriodStatus,
  sheetMoveOf,
  transitionPeriod,
} from "../../src/domain/period-state";
import {
  type SheetAction,
  type SheetStatus,
  sheetActionsFor,
  transitionSheet,
} from "../../src/domain/sheet-state";

// A pure planner over the domain's transition tables: from the stored statuses of a period and its sheets,
// the admin's own way to 归档 (final), step by step, or the step where it breaks. The model-based year test
// asks it after every step (no trap, ever) and at the end also walks the plan through the HTTP app.

export interface PlannedSheet {
  id: number;
  status: SheetStatus;
  exempt: boolean;
}

export type Plan = { ok: true; steps: string[] } | { ok: false; steps: string[]; stuck: string };

class Stuck extends Error {}

/** The admin's plan to take the period to final, using only actions the domain lets the admin take. */
export function planToFinal(periodStatus: PeriodStatus, sheets: readonly PlannedSheet[]): Plan {
  const steps: string[] = [];
  let period = periodStatus;
  const state = sheets.map((s) => ({ ...s }));

  const periodStep = (action: PeriodAction) => {
    const result = transitionPeriod(period, action);
    if (!result.ok) throw new Stuck(`period ${period}: ${action} refused (${result.code})`);
    const move = sheetMoveOf(action);
    if (move) for (const s of state) if (!s.exempt && move.from.includes(s.status)) s.status = move.to;
    steps.push(`period ${action}`);
    period = result.to;
  };
  const sheetStep = (sheet: PlannedSheet, action: SheetAction) => {
    if (!sheetActionsFor("admin", sheet.status, period, sheet.exempt).includes(action))
      throw new Stuck(
        `sheet ${sheet.id} ${sheet.status}${sheet.exempt ? " (exempt)" : ""} in ${period}: admin cannot ${action}`,
      );
    const result = transitionSheet(sheet.status, period, action, sheet.exempt);
    if (!result.ok) throw new Stuck(`sheet ${sheet.id}: ${action} refused (${result.code})`);
    if (action === "exempt") sheet.exempt = true;
    sheet.status = result.to;
    steps.push(`sheet ${sheet.id} ${action}`);
  };

  try {
    for (let guard = 0; period !== "final" && guard < 10; guard++) {
      if (period === "draft") periodStep("open");
      else if (period === "open") periodStep("startAssessing");
      else if (period === "assessing") {
        // Score whoever the township passed; take out of the period whoever cannot be scored.
        for (const sheet of state.filter((s) => !s.exempt && s.status !== "scored"))
          sheetStep(sheet, sheet.status === "reviewed" ? "markScored" : "exempt");
        // publish needs every sheet in the pool scored (the service's precondition, SHEETS_NOT_SCORED).
        const unscored = state.filter((s) => !s.exempt && s.status !== "scored");
        if (unscored.length > 0)
          throw new Stuck(`sheets not scored: ${unscored.map((s) => s.id).join(", ")}`);
        periodStep("publish");
      } else if (period === "published") {
        for (const sheet of state.filter((s) => !s.exempt))
          if (sheet.status === "recheck_requested") sheetStep(sheet, "decideRecheck");
          else if (sheet.status === "appealed") sheetStep(sheet, "decideAppeal");
        periodStep("finalize");
      }
    }
  } catch (error) {
    if (error instanceof Stuck) return { ok: false, steps, stuck: error.message };
    throw error;
  }
  if (period !== "final") return { ok: false, steps, stuck: `ended in ${period}` };
  // 归档 means every sheet of the pool is final; one left behind would never be scored or published.
  const behind = state.filter((s) => !s.exempt && s.status !== "final");
  if (behind.length > 0)
    return {
      ok: false,
      steps,
      stuck: `after finalize, sheets not final: ${behind.map((s) => `${s.id}:${s.status}`).join(", ")}`,
    };
  return { ok: true, steps };
}

import { describe, expect, it } from "vitest";
import { endOfDeadline, isPastDeadline } from "../../src/domain/deadlines";
import {
  PERIOD_STATUSES,
  type PeriodAction,
  periodTransitionTable,
  transitionPeriod,
} from "../../src/domain/period-state";
import {
  SHEET_STATUSES,
  type SheetAction,
  sheetTransitionTable,
  transitionSheet,
} from "../../src/domain/sheet-state";

describe("period state machine", () => {
  const table = periodTransitionTable();

  it("allows exactly draft→open→assessing→published→final and reopen final→published", () => {
    expect(table.map((t) => `${t.from}-${t.action}->${t.to}`)).toEqual([
      "draft-open->open",
      "open-startAssessing->assessing",
      "assessing-publish->published",
      "published-finalize->final",
      "final-reopen->published",
    ]);
  });

  it.each(
    table.flatMap((rule) => PERIOD_STATUSES.map((status) => [rule.action, status, rule.from] as const)),
  )("%s from %s", (action, status, from) => {
    const result = transitionPeriod(status, action as PeriodAction);
    if (status === from) expect(result.ok).toBe(true);
    else {
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.code).toBe(status === "final" ? "PERIOD_FINAL" : "INVALID_PERIOD_TRANSITION");
    }
  });
});

describe("sheet state machine", () => {
  const table = sheetTransitionTable();
  const cases = table.flatMap((rule) =>
    SHEET_STATUSES.flatMap((status) =>
      PERIOD_STATUSES.map((period) => [rule.action, status, period] as const),
    ),
  );

  it.each(cases)("%s on a %s sheet in a %s period", (action, status, period) => {
    const rule = table.find((r) => r.action === action);
    if (!rule) throw new Error(action);
    const result = transitionSheet(status, period, action as SheetAction);
    const allowed = rule.from.includes(status) && rule.period.includes(period);
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      if (period === "final" && action !== "reopen") expect(result.code).toBe("PERIOD_FINAL");
      else if (!rule.period.includes(period)) expect(result.code).toBe(rule.periodCode);
      else expect(result.code).not.toBe("");
    }
  });

  it("gives the codes a county office reads", () => {
    const submitTwice = transitionSheet("submitted", "open", "submit");
    expect(submitTwice).toMatchObject({ ok: false, code: "SHEET_ALREADY_SUBMITTED" });
    expect(transitionSheet("draft", "draft", "saveSelf")).toMatchObject({
      ok: false,
      code: "PERIOD_NOT_OPEN",
    });
    expect(transitionSheet("published", "final", "requestRecheck")).toMatchObject({
      ok: false,
      code: "PERIOD_FINAL",
    });
    expect(transitionSheet("reviewed", "open", "score")).toMatchObject({
      ok: false,
      code: "PERIOD_NOT_ASSESSING",
    });
    expect(transitionSheet("draft", "open", "submit")).toMatchObject({ ok: true, to: "submitted" });
    expect(transitionSheet("submitted", "assessing", "return")).toMatchObject({ ok: true, to: "draft" });
  });
});

describe("deadlines in China time", () => {
  it("lasts to the end of the deadline day in UTC+8", () => {
    expect(endOfDeadline("2027-01-10").toISOString()).toBe("2027-01-10T15:59:59.999Z");
    expect(isPastDeadline("2027-01-10", new Date("2027-01-10T23:59:59+08:00"))).toBe(false);
    expect(isPastDeadline("2027-01-10", new Date("2027-01-11T00:00:00+08:00"))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { endOfDeadline, isPastDeadline } from "../../src/domain/deadlines";
import {
  PERIOD_STATUSES,
  type PeriodAction,
  type PeriodStatus,
  periodActionsFrom,
  sheetMoveOf,
  transitionPeriod,
} from "../../src/domain/period-state";
import {
  SHEET_STATUSES,
  type SheetAction,
  type SheetStatus,
  sheetActionsFor,
  transitionSheet,
} from "../../src/domain/sheet-state";

// Every answer of the state machines, written out by hand from the rules in docs/ARCHITECTURE.md — not derived
// from the product's own tables, so a wrong entry there fails here.

const PERIODS = ["draft", "open", "assessing", "published", "final"] as const;
const SHEETS = [
  "draft",
  "submitted",
  "reviewed",
  "scored",
  "published",
  "recheck_requested",
  "appealed",
  "final",
] as const;

describe("period state machine", () => {
  // action: the answer from each period status, in the order draft, open, assessing, published, final.
  const TABLE: Record<PeriodAction, string> = {
    open: "open  INV  INV  INV  FIN",
    startAssessing: "INV  assessing  INV  INV  FIN",
    returnToOpen: "INV  INV  open  INV  FIN",
    publish: "INV  INV  published  INV  FIN",
    finalize: "INV  INV  INV  final  FIN",
    reopen: "INV  INV  INV  INV  published",
  };
  const CODES: Record<string, string> = { INV: "INVALID_PERIOD_TRANSITION", FIN: "PERIOD_FINAL" };

  const cases = Object.entries(TABLE).flatMap(([action, row]) =>
    row.split(/\s+/).map((cell, i) => [action, PERIODS[i], cell] as const),
  );
  it("covers every status of the product", () => {
    expect([...PERIOD_STATUSES]).toEqual([...PERIODS]);
    expect(cases).toHaveLength(6 * 5);
  });
  it.each(cases)("%s from %s → %s", (action, status, expected) => {
    const result = transitionPeriod(status as PeriodStatus, action as PeriodAction);
    if (CODES[expected]) expect(result).toMatchObject({ ok: false, code: CODES[expected] });
    else expect(result).toEqual({ ok: true, to: expected });
  });

  it("offers the admin a next step from every status but final's reopen-only", () => {
    expect(PERIODS.map((s) => periodActionsFrom(s))).toEqual([
      ["open"],
      ["startAssessing"],
      ["returnToOpen", "publish"],
      ["finalize"],
      ["reopen"],
    ]);
  });

  it("carries sheets along on publish, finalize and reopen only", () => {
    expect(sheetMoveOf("publish")).toEqual({ from: ["scored"], to: "published" });
    expect(sheetMoveOf("finalize")).toEqual({ from: ["published"], to: "final" });
    expect(sheetMoveOf("reopen")).toEqual({ from: ["final"], to: "published" });
    expect(sheetMoveOf("open")).toBeUndefined();
    expect(sheetMoveOf("startAssessing")).toBeUndefined();
    expect(sheetMoveOf("returnToOpen")).toBeUndefined();
  });
});

// Cells: `ok` (status unchanged), a status name (the sheet moves there), or a refusal: NO PERIOD_NOT_OPEN,
// NA PERIOD_NOT_ASSESSING, NP PERIOD_NOT_PUBLISHED, NF PERIOD_NOT_FINAL, PP PERIOD_PUBLISHED, PF PERIOD_FINAL,
// NE SHEET_NOT_EXEMPT, EX SHEET_EXEMPT, x = the sheet is in the wrong status (code by sheet status below).
const CELL_CODES: Record<string, string> = {
  NO: "PERIOD_NOT_OPEN",
  NA: "PERIOD_NOT_ASSESSING",
  NP: "PERIOD_NOT_PUBLISHED",
  NF: "PERIOD_NOT_FINAL",
  PP: "PERIOD_PUBLISHED",
  PF: "PERIOD_FINAL",
  NE: "SHEET_NOT_EXEMPT",
  EX: "SHEET_EXEMPT",
};
const WRONG_STATUS: Record<SheetStatus, string> = {
  draft: "SHEET_NOT_SUBMITTED",
  submitted: "SHEET_ALREADY_SUBMITTED",
  reviewed: "SHEET_ALREADY_REVIEWED",
  scored: "SHEET_ALREADY_SCORED",
  published: "SHEET_PUBLISHED",
  recheck_requested: "RECHECK_PENDING",
  appealed: "APPEAL_PENDING",
  final: "PERIOD_FINAL",
};

// Rows: sheet status (draft … final); columns: period status (draft, open, assessing, published, final).
const FILL_FROM_DRAFT = (to: string) => `
  NO ${to} ${to} NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF`;
const FROM_SUBMITTED = (to: string) => `
  NO x  x  NO PF
  NO ${to} ${to} NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF`;
const SCORING = (to: string) => `
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA ${to === "same" ? "ok" : to} NA PF
  NA NA ${to === "same" ? "ok" : to} NA PF
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA x  NA PF`;
const PUBLISHED_ONLY = (row: SheetStatus, to: string) =>
  SHEETS.map((s) => `NP NP NP ${s === row ? to : "x"} PF`).join("\n");

const SHEET_TABLE: Record<SheetAction, string> = {
  saveSelf: FILL_FROM_DRAFT("ok"),
  submit: FILL_FROM_DRAFT("submitted"),
  saveOnBehalf: FILL_FROM_DRAFT("ok"),
  submitOnBehalf: FILL_FROM_DRAFT("submitted"),
  withdraw: FROM_SUBMITTED("draft"),
  pass: FROM_SUBMITTED("reviewed"),
  // A passed sheet can be returned while the period is open, not once 考核 has started.
  return: `
  NO x  x  NO PF
  NO draft draft NO PF
  NO draft x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF
  NO x  x  NO PF`,
  score: SCORING("same"),
  markScored: SCORING("scored"),
  publish: `
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA published NA PF
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA x  NA PF
  NA NA x  NA PF`,
  requestRecheck: PUBLISHED_ONLY("published", "recheck_requested"),
  appeal: PUBLISHED_ONLY("published", "appealed"),
  decideRecheck: PUBLISHED_ONLY("recheck_requested", "published"),
  decideAppeal: PUBLISHED_ONLY("appealed", "published"),
  finalize: PUBLISHED_ONLY("published", "final"),
  reopen: `
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF x
  NF NF NF NF published`,
  exempt: `
  ok ok ok PP PF
  ok ok ok PP PF
  ok ok ok PP PF
  ok ok ok PP PF
  x  x  x  PP PF
  x  x  x  PP PF
  x  x  x  PP PF
  x  x  x  PP PF`,
  // A sheet that is not exempt cannot be restored, whatever its status.
  restore: `
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF
  NE NE NE PP PF`,
};

function parseTable(table: string): string[][] {
  return table
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
}

function expectAnswer(result: ReturnType<typeof transitionSheet>, cell: string, sheet: SheetStatus): void {
  if (cell === "ok") expect(result).toEqual({ ok: true, to: sheet });
  else if (CELL_CODES[cell]) expect(result).toMatchObject({ ok: false, code: CELL_CODES[cell] });
  else if (cell === "x") expect(result).toMatchObject({ ok: false, code: WRONG_STATUS[sheet] });
  else expect(result).toEqual({ ok: true, to: cell });
}

describe("sheet state machine", () => {
  const cases = Object.entries(SHEET_TABLE).flatMap(([action, table]) => {
    const rows = parseTable(table);
    return SHEETS.flatMap((sheet, r) =>
      PERIODS.map((period, c) => [action, sheet, period, rows[r]?.[c] ?? "?"] as const),
    );
  });

  it("covers every status and action of the product", () => {
    expect([...SHEET_STATUSES]).toEqual([...SHEETS]);
    expect(cases).toHaveLength(18 * 8 * 5);
    expect(cases.filter(([, , , cell]) => cell === "?")).toEqual([]);
  });

  it.each(cases)("%s on a %s sheet in a %s period → %s", (action, sheet, period, cell) => {
    expectAnswer(transitionSheet(sheet, period, action as SheetAction), cell, sheet);
  });

  // An exempt sheet (不参加本期考核): only restore, before 公示; everything else says SHEET_EXEMPT once the period
  // allows the action at all.
  const EXEMPT_RESTORE = `
  ok ok ok PP PF
  ok ok ok PP PF
  ok ok ok PP PF
  ok ok ok PP PF
  x  x  x  PP PF
  x  x  x  PP PF
  x  x  x  PP PF
  x  x  x  PP PF`;
  it.each(
    SHEETS.flatMap((sheet, r) =>
      PERIODS.map((period, c) => [sheet, period, parseTable(EXEMPT_RESTORE)[r]?.[c] ?? "?"] as const),
    ),
  )("restore on an exempt %s sheet in a %s period → %s", (sheet, period, cell) => {
    expectAnswer(transitionSheet(sheet, period, "restore", true), cell, sheet);
  });
  it.each([
    ["saveSelf", "draft", "open", "EX"],
    ["submit", "draft", "assessing", "EX"],
    ["saveOnBehalf", "draft", "open", "EX"],
    ["pass", "submitted", "open", "EX"],
    ["markScored", "reviewed", "assessing", "EX"],
    ["exempt", "draft", "open", "EX"],
    ["saveSelf", "draft", "published", "NO"],
    ["score", "reviewed", "open", "NA"],
    ["saveSelf", "draft", "final", "PF"],
  ] as const)("%s on an exempt %s sheet in a %s period → %s", (action, sheet, period, cell) => {
    expectAnswer(transitionSheet(sheet, period, action, true), cell, sheet);
  });
});

describe("who may act (the sheet answer's actions)", () => {
  it.each([
    ["owner", "draft", "open", false, ["saveSelf", "submit"]],
    ["owner", "draft", "assessing", false, ["saveSelf", "submit"]],
    ["owner", "submitted", "open", false, ["withdraw"]],
    ["owner", "reviewed", "assessing", false, []],
    ["owner", "published", "published", false, ["requestRecheck", "appeal"]],
    ["owner", "draft", "open", true, []],
    ["township", "submitted", "assessing", false, ["pass", "return"]],
    ["township", "reviewed", "open", false, ["return"]],
    ["township", "reviewed", "assessing", false, []],
    ["township", "draft", "open", false, []],
    ["admin", "draft", "open", false, ["saveOnBehalf", "submitOnBehalf", "exempt"]],
    ["admin", "scored", "assessing", false, ["score", "markScored", "exempt"]],
    ["admin", "draft", "open", true, ["restore"]],
    ["admin", "appealed", "published", false, ["decideAppeal"]],
    ["assessor", "reviewed", "assessing", false, ["score", "markScored"]],
    ["assessor", "appealed", "published", false, []],
    ["assessor", "recheck_requested", "published", false, ["decideRecheck"]],
    ["assessor", "draft", "open", false, ["saveOnBehalf", "submitOnBehalf"]],
    ["other", "draft", "open", false, []],
    ["admin", "final", "final", false, []],
  ] as const)("%s on a %s sheet in a %s period (exempt %s) → %j", (who, sheet, period, exempt, actions) => {
    expect(sheetActionsFor(who, sheet, period, exempt)).toEqual(actions);
  });
});

describe("deadlines in China time", () => {
  it("lasts to the end of the deadline day in UTC+8", () => {
    expect(endOfDeadline("2027-01-10").toISOString()).toBe("2027-01-10T15:59:59.999Z");
    expect(isPastDeadline("2027-01-10", new Date("2027-01-10T23:59:59+08:00"))).toBe(false);
    expect(isPastDeadline("2027-01-10", new Date("2027-01-11T00:00:00+08:00"))).toBe(true);
  });
});

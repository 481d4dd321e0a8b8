import { useEffect, useMemo, useState } from "preact/hooks";
import type { ScoredSheet, scoreSheet as ScoreSheet } from "../../../../src/domain/score-sheet";
import type { IndicatorValue } from "../../../../src/domain/values";
import type { SheetView } from "../../api/types";
import { type loadScheme, loadSchemeOnce } from "../../app/use-data";
import { textToValue, valueToText } from "../../ui/value-input";
import type { ItemDraft } from "./self-report-item";

// Drafts are safe (#17): what is typed and not saved yet is kept in this tab's sessionStorage, so clicking
// another menu item (or reloading) and coming back finds it again; the browser asks before the tab is left.

const keyOf = (sheetId: number) => `kaohe.self-report.${sheetId}`;

function readStored(sheetId: number): Record<string, ItemDraft> {
  try {
    const raw = sessionStorage.getItem(keyOf(sheetId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, ItemDraft>) : {};
  } catch {
    return {};
  }
}

function writeStored(sheetId: number, drafts: Record<string, ItemDraft>): void {
  try {
    if (Object.keys(drafts).length === 0) sessionStorage.removeItem(keyOf(sheetId));
    else sessionStorage.setItem(keyOf(sheetId), JSON.stringify(drafts));
  } catch {
    // Private mode or a full storage: the drafts live as long as the page.
  }
}

/** The saved value and note of each item, as the form edits them. */
export function draftsOf(view: SheetView): Record<string, ItemDraft> {
  return Object.fromEntries(
    view.items.map((item) => [item.code, { text: valueToText(item.selfValue), note: item.note ?? "" }]),
  );
}

/** The items whose draft differs from what is saved. */
export function changedDrafts(view: SheetView, drafts: Record<string, ItemDraft>): Record<string, ItemDraft> {
  const saved = draftsOf(view);
  return Object.fromEntries(
    Object.entries(drafts).filter(([code, draft]) => {
      const before = saved[code];
      return before !== undefined && (before.text !== draft.text || before.note !== draft.note);
    }),
  );
}

/**
 * The form's drafts: the saved values with this tab's unsaved edits laid over them, kept in sessionStorage as
 * they change; `restored` counts the edits found on opening the page.
 */
export function useDrafts(view: SheetView, editable: boolean) {
  const sheetId = view.sheet.id;
  const withStored = () => {
    const base = draftsOf(view);
    if (!editable) return base;
    for (const [code, draft] of Object.entries(readStored(sheetId))) if (code in base) base[code] = draft;
    return base;
  };
  const [drafts, setStateDrafts] = useState(withStored);
  const [restored] = useState(() => (editable ? Object.keys(changedDrafts(view, withStored())).length : 0));
  useEffect(() => setStateDrafts(withStored()), [view]);
  const changed = useMemo(() => changedDrafts(view, drafts), [view, drafts]);
  const dirty = Object.keys(changed).length > 0;
  // Stored as typed, not after the next paint: a save answered in between must find the latest keystroke.
  const setDrafts = (next: Record<string, ItemDraft>) => {
    setStateDrafts(next);
    if (editable) writeStored(sheetId, changedDrafts(view, next));
  };
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  // Once saved, an edit is the server's value: the stored copy goes before the new view arrives, unless the
  // user typed on while the save was under way (an autosave), when the newer text stays.
  const forget = (saved: Record<string, ItemDraft>) => {
    const stored = readStored(sheetId);
    for (const [code, draft] of Object.entries(saved)) {
      const now = stored[code];
      if (now && now.text === draft.text && now.note === draft.note) delete stored[code];
    }
    writeStored(sheetId, stored);
  };
  return { drafts, setDrafts, changed, restored, forget };
}

/**
 * The live self-score of the values as typed, by the same pure engine as the server (src/domain), once the
 * scheme has loaded; null until then (the page shows the server's score of the saved values meanwhile).
 */
export function useLiveScore(view: SheetView, drafts: Record<string, ItemDraft>): ScoredSheet | null {
  const [scheme, setScheme] = useState<Awaited<ReturnType<typeof loadScheme>>["document"] | null>(null);
  const [scorer, setScorer] = useState<{ scoreSheet: typeof ScoreSheet } | null>(null);
  const schemeId = view.sheet.period.schemeId;
  useEffect(() => {
    let live = true;
    // The engine (with its decimal arithmetic and the scheme's schema) loads after the page, off the first load.
    Promise.all([loadSchemeOnce(schemeId), import("../../../../src/domain/score-sheet")])
      .then(([loaded, engine]) => {
        if (!live) return;
        setScheme(loaded.document);
        setScorer({ scoreSheet: engine.scoreSheet });
      })
      .catch(() => live && setScheme(null));
    return () => {
      live = false;
    };
  }, [schemeId]);
  return useMemo(() => {
    if (!scheme || !scorer) return null;
    const values: Record<string, IndicatorValue | undefined> = {};
    const targets: Record<string, number> = {};
    for (const item of view.items) {
      const draft = drafts[item.code];
      // An assessor-rated item counts as saved; a typed value that is not one yet counts as not reported.
      const value =
        item.source === "self" && draft ? textToValue(draft.text, item.valueKind, item) : item.selfValue;
      values[item.code] = value === null || value === undefined ? undefined : value;
      if (item.target !== null) targets[item.code] = item.target;
    }
    try {
      return scorer.scoreSheet(scheme, { category: view.sheet.category, values, targets });
    } catch {
      return null;
    }
  }, [scheme, scorer, view, drafts]);
}

import { useEffect, useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { describeFailure } from "../../ui/errors";
import { outsideRange } from "../../ui/number-text";
import { type ItemValue, parseValue } from "../../ui/value-input";
import type { ItemDraft } from "./self-report-item";

// Drafts are safe (#17): a few seconds after the user stops typing, the changed values are saved as the 保存草稿
// button saves them (PATCH /sheets/:id/self with the sheet's version; the client adds the Idempotency-Key).
// Only values the button would save without asking go: a value it refuses or asks to confirm (outside the
// plausible range) waits for the button. A stale version stops autosaving until the page is reloaded.

/** How long typing must pause before the drafts are saved. */
export const AUTOSAVE_DELAY_MS = 3000;

export type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; reason: string };

interface Autosavable {
  items: { code: string; value: ItemValue; note: string | null }[];
  /** The drafts of those items as typed, to forget once saved. */
  drafts: Record<string, ItemDraft>;
  /** The changed items held back: refused or outside the plausible range. */
  held: string[];
}

/** The changed items an autosave may send: those the 保存草稿 button would save without asking. */
export function autosavable(view: SheetView, changed: Record<string, ItemDraft>): Autosavable {
  const result: Autosavable = { items: [], drafts: {}, held: [] };
  for (const item of view.items) {
    const draft = changed[item.code];
    if (!draft || item.source !== "self") continue;
    const { value } = parseValue(draft.text, item.valueKind, item);
    if (value === undefined || (typeof value === "number" && outsideRange(value, item.range))) {
      result.held.push(item.code);
      continue;
    }
    result.items.push({ code: item.code, value, note: draft.note.trim() || null });
    result.drafts[item.code] = draft;
  }
  return result;
}

/**
 * Saves the changed drafts once typing pauses, while `allowed` (the sheet is editable by its owner, no other
 * save or confirmation is under way). `edited()` is called on each keystroke: drafts restored on opening the
 * page wait for the user's next edit (or the button), so nothing is written before the user has looked.
 */
export function useAutosave(props: {
  view: SheetView;
  changed: Record<string, ItemDraft>;
  allowed: boolean;
  onSaved: (next: SheetView, saved: Record<string, ItemDraft>) => void;
}) {
  const { m, fmt } = useI18n();
  const { view, changed, allowed } = props;
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const [running, setRunning] = useState(false);
  const [armed, setArmed] = useState(false);
  const [held, setHeld] = useState<string[]>([]);
  // The version a save was refused as stale at: nothing is saved until the page shows a newer one.
  const [staleAt, setStaleAt] = useState<number | null>(null);
  const stale = staleAt === view.sheet.version;
  useEffect(() => {
    if (!allowed || !armed || running || stale || Object.keys(changed).length === 0) return;
    const timer = setTimeout(async () => {
      const next = autosavable(view, changed);
      setHeld(next.held);
      // A failed save is tried again on the next keystroke, not in a loop.
      setArmed(false);
      if (next.items.length === 0) return;
      setRunning(true);
      setState({ kind: "saving" });
      try {
        const saved = await call(
          api.sheets[":id"].self.$patch({
            param: { id: String(view.sheet.id) },
            json: { version: view.sheet.version, items: next.items },
          }),
        );
        props.onSaved(saved, next.drafts);
        setState({ kind: "saved", at: new Date() });
      } catch (error) {
        if (error instanceof ApiFailure && error.code === "STALE_VERSION") {
          setStaleAt(view.sheet.version);
          setArmed(false);
          setState({ kind: "idle" });
        } else setState({ kind: "failed", reason: describeFailure(error, m) });
      }
      setRunning(false);
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [allowed, armed, running, stale, changed, view]);

  const stillHeld = held.filter((code) => code in changed);
  // What the page says, a line each: the last save (or why it stopped), then what waits for the button.
  const lines: { text: string; problem: boolean }[] = [];
  if (stale) lines.push({ text: m.selfReport.autosaveStale, problem: true });
  else if (state.kind === "saving") lines.push({ text: m.selfReport.autosaving, problem: false });
  else if (state.kind === "saved")
    lines.push({ text: m.selfReport.autosaved(fmt.time(state.at)), problem: false });
  else if (state.kind === "failed")
    lines.push({ text: m.selfReport.autosaveFailed(state.reason), problem: true });
  if (!stale && stillHeld.length > 0)
    lines.push({ text: m.selfReport.autosaveHeld(stillHeld.join(m.common.listSeparator)), problem: false });
  return { lines, stale, running, edited: () => setArmed(true) };
}

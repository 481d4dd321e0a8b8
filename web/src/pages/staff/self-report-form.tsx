import { useRef, useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { chinaToday } from "../../app/dates";
import { loadSchemeOnce } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { useAsync } from "../../ui/async";
import { SheetStatusBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { TextAreaField } from "../../ui/field";
import { outsideRange } from "../../ui/number-text";
import { describeRule, describeScheme } from "../../ui/rule-text";
import { LiveScorePanel } from "../../ui/score-panel";
import { groupByCategory } from "../../ui/sheet-items";
import { type ItemValue, parseValue } from "../../ui/value-input";
import { useAutosave } from "./self-report-autosave";
import { useDrafts, useLiveScore } from "./self-report-drafts";
import { SelfReportItem } from "./self-report-item";

/**
 * The self-report of one sheet: values, notes, evidence, live self-score, save and submit. With `onBehalf`
 * an admin or assessor fills it in for the person (代填): every write carries the reason they give.
 */
export function SelfReportForm(props: {
  view: SheetView;
  onView: (view: SheetView) => void;
  reload: () => void;
  onBehalf?: boolean;
}) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const { view } = props;
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [unusual, setUnusual] = useState<{ key: string; text: string } | null>(null);
  // The unusual values the user has confirmed (their codes and values): saving them asks no more.
  const confirmedUnusual = useRef("");
  // The server says what this caller may do now; the page never re-derives the state machine.
  const onBehalf = props.onBehalf === true;
  // The actions leave deadlines to the write; the owner's own deadline (with extensions) is on the sheet.
  // 代填 is not bound by it.
  const pastDeadline = !onBehalf && view.sheet.deadlines.selfReport < chinaToday();
  const editable = view.actions.includes(onBehalf ? "saveOnBehalf" : "saveSelf") && !pastDeadline;
  const { drafts, setDrafts, changed: changedByCode, restored, forget } = useDrafts(view, editable);
  const live = useLiveScore(view, drafts);
  // The owner's drafts save themselves once typing pauses (代填 needs a reason each time, so it has none).
  const autosave = useAutosave({
    view,
    changed: changedByCode,
    allowed: editable && !onBehalf && busy === null && unusual === null,
    onSaved: (next, saved) => {
      forget(saved);
      props.onView(next);
    },
  });
  // No write starts while another is under way: each carries the version the last one left.
  const writing = busy !== null || autosave.running;
  // 计分规则 and 计分说明: how each item and the total are scored, with this sheet's unit class applied.
  const schemeId = view.sheet.period.schemeId;
  const scheme = useAsync(() => loadSchemeOnce(schemeId), [schemeId]).data?.document;
  const unitClass = { unitClass: view.sheet.unitClass };
  const indicators = new Map(
    (scheme?.categories ?? []).flatMap((category) => category.indicators.map((i) => [i.code, i] as const)),
  );
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  // 代填 writes carry the reason; the owner's own writes carry none.
  const behalf = () => (onBehalf ? { onBehalfReason: reason.trim() } : {});
  const reasonGiven = () => {
    if (!onBehalf || reason.trim()) return true;
    setReasonError(m.onBehalf.reasonRequired);
    document.getElementById("on-behalf-reason")?.focus();
    return false;
  };
  const canWithdraw = view.actions.includes("withdraw");
  const [withdrawing, setWithdrawing] = useState(false);
  const readOnlyReason = onBehalf
    ? m.onBehalf.notAllowed
    : view.sheet.exempt
      ? m.selfReport.readOnlyExempt
      : pastDeadline && view.sheet.status === "draft"
        ? m.selfReport.readOnlyDeadline(fmt.date(view.sheet.deadlines.selfReport))
        : view.sheet.status === "submitted"
          ? m.selfReport.readOnlySubmitted
          : view.sheet.status === "draft"
            ? m.selfReport.readOnlyStage
            : m.selfReport.readOnly;
  const selfItems = view.items.filter((item) => item.source === "self");
  const changed = selfItems.filter((item) => item.code in changedByCode);

  // An error goes when its cause is fixed; the form's sentence about them goes with the last of them.
  const clearError = (key: string) => {
    if (!errors.has(key)) return;
    const next = new Map(errors);
    next.delete(key);
    setErrors(next);
    if (next.size === 0) setFormError("");
  };

  const fail = (error: unknown, codes: string[]) => {
    const found = new Map<string, string>();
    for (const [path, message] of problemsByPath(error, m)) {
      const indexed = path.match(/^items\[(\d+)\]/);
      const code = indexed ? codes[Number(indexed[1])] : path.match(/^items\.([^.]+)/)?.[1];
      const key = path.endsWith(".evidence") ? `${code}.evidence` : code;
      if (key) found.set(key, message);
    }
    setErrors(found);
    setFormError(describeFailure(error, m));
    if (error instanceof ApiFailure && error.code === "STALE_VERSION") props.reload();
    const first = [...found.keys()][0];
    if (first) document.getElementById(`item-${first.replace(".evidence", "")}`)?.focus();
  };

  const save = async (): Promise<SheetView | null> => {
    const items: { code: string; value: ItemValue; note: string | null }[] = [];
    const local = new Map<string, string>();
    const unusual: string[] = [];
    for (const item of changed) {
      const draft = drafts[item.code] ?? { text: "", note: "" };
      const { value, problem } = parseValue(draft.text, item.valueKind, item);
      if (value === undefined)
        local.set(item.code, problem ? (m.values.problems[problem] ?? "") : m.selfReport.invalidValue);
      else {
        items.push({ code: item.code, value, note: draft.note.trim() || null });
        if (typeof value === "number" && outsideRange(value, item.range))
          unusual.push(`${item.code} ${item.name} ${fmt.measure(value, item)}`);
      }
    }
    setErrors(local);
    setFormError("");
    if (local.size > 0) {
      document.getElementById(`item-${[...local.keys()][0]}`)?.focus();
      return null;
    }
    // Outside the plausible range (合理范围): kept only once the user confirms them, never silently.
    const unusualKey = unusual.join("|");
    if (unusual.length > 0 && confirmedUnusual.current !== unusualKey) {
      setUnusual({ key: unusualKey, text: m.values.outOfRange(unusual.join(m.common.listSeparator)) });
      return null;
    }
    setUnusual(null);
    if (items.length === 0) return view;
    if (!reasonGiven()) return null;
    const param = { id: String(view.sheet.id) };
    try {
      const next = await call(
        api.sheets[":id"].self.$patch({ param, json: { version: view.sheet.version, items, ...behalf() } }),
      );
      forget(
        Object.fromEntries(items.map((item) => [item.code, drafts[item.code] ?? { text: "", note: "" }])),
      );
      props.onView(next);
      return next;
    } catch (error) {
      fail(
        error,
        items.map((item) => item.code),
      );
      return null;
    }
  };

  const onSave = async () => {
    setBusy("save");
    const saved = await save();
    setBusy(null);
    if (saved) announce(m.selfReport.saved);
  };

  const onWithdraw = async () => {
    setBusy("submit");
    try {
      const next = await call(
        api.sheets[":id"].withdraw.$post({
          param: { id: String(view.sheet.id) },
          json: { version: view.sheet.version },
        }),
      );
      props.onView(next);
      announce(m.selfReport.withdrawn);
    } catch (error) {
      fail(error, []);
    }
    setWithdrawing(false);
    setBusy(null);
  };

  const onSubmit = async () => {
    if (!reasonGiven()) return;
    setBusy("submit");
    const saved = await save();
    if (saved) {
      try {
        const next = await call(
          api.sheets[":id"].submit.$post({
            param: { id: String(saved.sheet.id) },
            json: { version: saved.sheet.version, ...behalf() },
          }),
        );
        props.onView(next);
        announce(m.selfReport.submitted);
      } catch (error) {
        fail(error, []);
      }
    }
    setConfirming(false);
    setBusy(null);
  };

  return (
    <div class="two-col">
      <div>
        <p>
          {m.common.status}: <SheetStatusBadge status={view.sheet.status} />
          <span class="muted"> · {m.selfReport.deadline(fmt.date(view.sheet.deadlines.selfReport))}</span>
        </p>
        {view.sheet.status === "draft" && view.sheet.reviewComment ? (
          <p class="notice" role="note">
            {m.selfReport.returned(view.sheet.reviewComment)}
          </p>
        ) : null}
        {!editable ? <p class="notice">{readOnlyReason}</p> : null}
        {restored > 0 && changed.length > 0 ? (
          <p class="notice" role="status">
            {m.selfReport.restored(changed.length)}
          </p>
        ) : null}
        {scheme ? (
          <details class="scheme-notes">
            <summary>{m.selfReport.schemeNotes}</summary>
            <ul>
              {describeScheme(scheme, m, fmt, unitClass).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {groupByCategory(view.items).map((group) => (
          <section key={group.code} aria-labelledby={`cat-${group.code}`}>
            <h2 class="category-title" id={`cat-${group.code}`}>
              {group.code} {group.name}
            </h2>
            <div class="item-list">
              {group.items.map((item) => (
                <SelfReportItem
                  key={item.code}
                  sheetId={view.sheet.id}
                  item={item}
                  ruleText={(() => {
                    const indicator = indicators.get(item.code);
                    return indicator ? describeRule(indicator, m, fmt, unitClass) : undefined;
                  })()}
                  draft={drafts[item.code] ?? { text: "", note: "" }}
                  editable={editable}
                  evidenceEditable={editable && !onBehalf}
                  error={errors.get(item.code)}
                  evidenceError={errors.get(`${item.code}.evidence`)}
                  onDraft={(draft) => {
                    setDrafts({ ...drafts, [item.code]: draft });
                    autosave.edited();
                    clearError(item.code);
                  }}
                  onEvidenceChanged={() => {
                    // The upload fixed the missing evidence: its error (and the refusal it caused) goes.
                    clearError(`${item.code}.evidence`);
                    props.reload();
                  }}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
      <aside class="score-panel">
        {/* Scored in the browser as values are typed (same engine as the server), marking what is still to rate. */}
        <LiveScorePanel
          live={live ?? view.liveScore}
          dirty={changed.length > 0}
          reportable={new Set(selfItems.map((item) => item.code))}
          items={
            live
              ? view.items.map((item) => ({
                  ...item,
                  selfScore: live.items.find((scored) => scored.code === item.code)?.score ?? null,
                }))
              : view.items
          }
        />
        <p class="form-error" role="alert">
          {formError}
        </p>
        {unusual ? (
          <div class="confirm card" role="alertdialog" aria-labelledby="unusual-values">
            <p id="unusual-values">{unusual.text}</p>
            <button
              type="button"
              class="button primary"
              disabled={writing}
              onClick={() => {
                confirmedUnusual.current = unusual.key;
                void onSave();
              }}
            >
              {m.values.saveAnyway}
            </button>
            <button type="button" class="button secondary" onClick={() => setUnusual(null)}>
              {m.common.cancel}
            </button>
          </div>
        ) : null}
        {canWithdraw ? (
          <div class="card">
            {withdrawing ? (
              <div class="confirm">
                <p role="alert">{m.selfReport.confirmWithdraw}</p>
                <button type="button" class="button primary" disabled={writing} onClick={onWithdraw}>
                  {m.selfReport.withdraw}
                </button>
                <button type="button" class="button secondary" onClick={() => setWithdrawing(false)}>
                  {m.common.cancel}
                </button>
              </div>
            ) : (
              <button type="button" class="button wide" onClick={() => setWithdrawing(true)}>
                {m.selfReport.withdraw}
              </button>
            )}
          </div>
        ) : null}
        {editable ? (
          <div class="card">
            {onBehalf ? (
              <TextAreaField
                id="on-behalf-reason"
                label={m.onBehalf.reason}
                value={reason}
                onValue={(value) => {
                  setReason(value);
                  setReasonError("");
                }}
                rows={2}
                error={reasonError}
              />
            ) : null}
            <button type="button" class="button wide" disabled={writing} onClick={onSave}>
              {busy === "save" ? m.common.saving : m.selfReport.saveDraft}
            </button>
            {onBehalf ? null : (
              <>
                <p class="muted autosave-status" role="status" aria-live="polite">
                  {autosave.lines.map((line) => (
                    <span key={line.text} class={line.problem ? "problem" : undefined}>
                      {line.text}
                    </span>
                  ))}
                </p>
                {autosave.stale ? (
                  <button type="button" class="button secondary wide" onClick={props.reload}>
                    {m.selfReport.reloadSheet}
                  </button>
                ) : null}
              </>
            )}
            {confirming ? (
              <div class="confirm">
                <p id="confirm-submit" role="alert">
                  {onBehalf ? m.onBehalf.confirmSubmit : m.selfReport.confirmSubmit}
                </p>
                <button type="button" class="button primary" disabled={writing} onClick={onSubmit}>
                  {busy === "submit" ? m.selfReport.submitting : m.selfReport.confirm}
                </button>
                <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
                  {m.common.cancel}
                </button>
              </div>
            ) : (
              <button
                type="button"
                class="button primary wide"
                style={{ marginTop: "0.5rem" }}
                disabled={writing}
                onClick={() => setConfirming(true)}
              >
                {m.selfReport.submit}
              </button>
            )}
          </div>
        ) : null}
      </aside>
    </div>
  );
}

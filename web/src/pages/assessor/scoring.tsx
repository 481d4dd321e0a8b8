import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { Evidence, SheetView } from "../../api/types";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, useAsync } from "../../ui/async";
import { GradeBadge, VetoBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { EvidencePreview } from "../../ui/evidence-preview";
import { keepAboveActionBar } from "../../ui/keep-visible";
import { PageHeader } from "../../ui/page";
import { RequestHistory } from "../../ui/request-history";
import { SheetHeading } from "../../ui/sheet-heading";
import { groupByCategory } from "../../ui/sheet-items";
import { Stat } from "../../ui/stat";
import { TableWrap } from "../../ui/table-wrap";
import { type ItemValue, textToValue, valueToText } from "../../ui/value-input";
import { ReviewForm } from "../township/review-form";
import { DecideRequestForm } from "./decide-request";
import { type ScoreDraft, ScoringRow } from "./scoring-row";
import { SheetOfficeActions } from "./sheet-exemption";

/** 评分: self value, evidence and verified value side by side; reasons for changes; ratings; veto. */
export default function ScoringPage(props: PageProps) {
  const { m } = useI18n();
  const state = useAsync(
    () => call(api.sheets[":id"].$get({ param: { id: props.params.id ?? "" } })),
    [props.params.id],
  );
  return (
    <section>
      <PageHeader
        title={m.scoring.title}
        actions={
          <Link href="/assessor/queue" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {(view) => <ScoringForm view={view} onView={state.setData} reload={state.reload} />}
      </AsyncView>
    </section>
  );
}

function draftsOf(view: SheetView): Record<string, ScoreDraft> {
  return Object.fromEntries(
    view.items.map((item) => [
      item.code,
      { text: valueToText(item.verifiedValue), reason: item.changeReason ?? "" },
    ]),
  );
}

export interface ScoreWrite {
  code: string;
  value: ItemValue;
  reason: string | null;
}

function ScoringForm(props: { view: SheetView; onView: (view: SheetView) => void; reload: () => void }) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const { view } = props;
  const [drafts, setDrafts] = useState(() => draftsOf(view));
  const [shown, setShown] = useState<Evidence | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => setDrafts(draftsOf(view)), [view]);
  const scoring =
    !view.sheet.exempt &&
    view.sheet.period.status === "assessing" &&
    ["reviewed", "scored"].includes(view.sheet.status);
  const deciding = ["recheck_requested", "appealed"].includes(view.sheet.status);
  const editable = scoring || deciding;
  const inspecting = view.actions.includes("pass");
  const openRequest = view.requests.find((r) => r.decidedAt === null);

  /** The edited items, checked: a value that differs from the self-report needs a reason. */
  const collect = (): { writes: ScoreWrite[]; problems: Map<string, string> } => {
    const writes: ScoreWrite[] = [];
    const problems = new Map<string, string>();
    for (const item of view.items) {
      const draft = drafts[item.code];
      if (!draft) continue;
      const unchanged =
        draft.text === valueToText(item.verifiedValue) && draft.reason === (item.changeReason ?? "");
      if (unchanged) continue;
      const value = textToValue(draft.text, item.valueKind, item);
      if (value === undefined) {
        problems.set(item.code, m.scoring.invalidValue);
        continue;
      }
      const differs = value !== null && item.selfValue !== null && value !== item.selfValue;
      if (differs && !draft.reason.trim()) problems.set(`${item.code}.reason`, m.scoring.reasonRequired);
      writes.push({ code: item.code, value, reason: draft.reason.trim() || null });
    }
    return { writes, problems };
  };

  const showProblems = (problems: Map<string, string>) => {
    setErrors(problems);
    const first = [...problems.keys()][0];
    if (first) document.getElementById(`verify-${first.replace(".reason", "-reason")}`)?.focus();
  };

  const fail = (error: unknown, codes: string[]) => {
    const found = new Map<string, string>();
    for (const [path, message] of problemsByPath(error, m)) {
      const indexed = path.match(/^items\[(\d+)\](\.reason)?/);
      const code = indexed ? codes[Number(indexed[1])] : path.match(/^items\.([^.]+)/)?.[1];
      if (code) found.set(indexed?.[2] ? `${code}.reason` : code, message);
    }
    showProblems(found);
    setFormError(describeFailure(error, m));
    if (error instanceof ApiFailure && error.code === "STALE_VERSION") props.reload();
  };

  const save = async (): Promise<SheetView | null> => {
    const { writes, problems } = collect();
    setFormError("");
    if (problems.size > 0) {
      showProblems(problems);
      return null;
    }
    setErrors(new Map());
    if (writes.length === 0) return view;
    try {
      const next = await call(
        api.sheets[":id"].score.$patch({
          param: { id: String(view.sheet.id) },
          json: { version: view.sheet.version, items: writes },
        }),
      );
      props.onView(next);
      return next;
    } catch (error) {
      fail(
        error,
        writes.map((w) => w.code),
      );
      return null;
    }
  };

  const run = async (markScored: boolean) => {
    setBusy(true);
    const saved = await save();
    if (saved && markScored) {
      try {
        const next = await call(
          api.sheets[":id"]["mark-scored"].$post({
            param: { id: String(saved.sheet.id) },
            json: { version: saved.sheet.version },
          }),
        );
        props.onView(next);
        announce(m.scoring.marked);
      } catch (error) {
        fail(error, []);
      }
    } else if (saved) announce(m.scoring.saved);
    setBusy(false);
  };

  // Enter moves down the column, like a spreadsheet; Ctrl+Enter saves.
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      void run(false);
      return;
    }
    const column = event.currentTarget.id.endsWith("-reason") ? "-reason" : "";
    const ids = view.items.map((item) => `verify-${item.code}${column}`);
    const next = ids[ids.indexOf(event.currentTarget.id) + (event.shiftKey ? -1 : 1)];
    if (next) document.getElementById(next)?.focus();
  };

  const edited = collect().writes;

  return (
    <>
      <SheetHeading view={view} />
      <div class="stats">
        <Stat label={m.common.total}>{fmt.score(view.sheet.total)}</Stat>
        <Stat label={m.common.base}>{fmt.score(view.sheet.base)}</Stat>
        <Stat label={m.common.bonus}>{fmt.score(view.sheet.bonus)}</Stat>
        <Stat label={m.common.grade}>
          <GradeBadge grade={view.sheet.grade} />
        </Stat>
        <Stat label={m.common.rank}>{view.sheet.rank ?? m.common.dash}</Stat>
        {view.sheet.vetoed ? (
          <Stat label={m.common.vetoed}>
            <VetoBadge kind="veto" />
          </Stat>
        ) : null}
      </div>
      <SheetOfficeActions view={view} onView={props.onView} />
      {inspecting ? (
        // 督查: a township's own sheet, submitted, is passed to scoring or returned to the township first.
        <div class="narrow">
          <ReviewForm view={view} via="inspect" onReviewed={props.reload} onStale={props.reload} />
        </div>
      ) : !editable && !view.sheet.exempt ? (
        <p class="notice">{m.scoring.readOnly}</p>
      ) : null}
      {view.sheet.reviewComment ? (
        <p class="muted">
          {view.sheet.person
            ? m.scoring.townshipComment(view.sheet.reviewComment)
            : m.inspection.inspectorComment(view.sheet.reviewComment)}
        </p>
      ) : null}
      <p class="muted no-print">{m.scoring.keyboardHint}</p>
      <div class="two-col scoring-layout">
        <div onFocusIn={keepAboveActionBar}>
          {groupByCategory(view.items).map((group) => (
            <TableWrap class="stack" key={group.code}>
              <table class="fixed scoring-table responsive">
                <caption>
                  <strong>
                    {group.code} {group.name}
                  </strong>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{m.common.indicator}</th>
                    <th scope="col" class="num">
                      {m.result.selfValue}
                    </th>
                    <th scope="col">{m.evidence.title}</th>
                    <th scope="col">{m.result.verifiedValue}</th>
                    <th scope="col">{m.result.reason}</th>
                    <th scope="col" class="num">
                      {m.common.score}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.items.map((item) => (
                    <ScoringRow
                      key={item.code}
                      item={item}
                      draft={drafts[item.code] ?? { text: "", reason: "" }}
                      editable={editable}
                      valueError={errors.get(item.code)}
                      reasonError={errors.get(`${item.code}.reason`)}
                      onDraft={(draft) => {
                        setDrafts({ ...drafts, [item.code]: draft });
                        // An edited field's old message no longer applies.
                        if (errors.has(item.code) || errors.has(`${item.code}.reason`)) {
                          const next = new Map(errors);
                          next.delete(item.code);
                          next.delete(`${item.code}.reason`);
                          setErrors(next);
                        }
                      }}
                      onKeyDown={onKeyDown}
                      onPreview={setShown}
                      previewId={shown?.id}
                    />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
        </div>
        <aside class="score-panel">
          <EvidencePreview file={shown} />
        </aside>
      </div>
      <p class="form-error" role="alert">
        {formError}
      </p>
      {scoring ? (
        <div class="sticky-actions no-print">
          <span class="muted">{m.scoring.editedCount(edited.length)}</span>
          <button type="button" class="button" disabled={busy} onClick={() => void run(false)}>
            {busy ? m.common.saving : m.scoring.save}
          </button>
          <button type="button" class="button primary" disabled={busy} onClick={() => void run(true)}>
            {m.scoring.markScored}
          </button>
        </div>
      ) : null}
      <h2>{m.requests.history}</h2>
      <RequestHistory requests={view.requests} />
      {deciding && openRequest ? (
        <DecideRequestForm
          request={openRequest}
          collect={collect}
          onProblems={showProblems}
          onDecided={props.reload}
        />
      ) : null}
    </>
  );
}

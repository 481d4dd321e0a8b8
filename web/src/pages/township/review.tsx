import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { Evidence, SheetView } from "../../api/types";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, useAsync } from "../../ui/async";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { EvidencePreview } from "../../ui/evidence-preview";
import { TextAreaField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { LiveScorePanel } from "../../ui/score-panel";
import { SelfValuesTable } from "../../ui/self-values-table";
import { SheetHeading } from "../../ui/sheet-heading";

/** 乡镇审核: the township reads a submitted sheet and passes it to the county, or returns it with a comment. */
export default function TownshipReviewPage(props: PageProps) {
  const { m } = useI18n();
  const state = useAsync(
    () => call(api.sheets[":id"].$get({ param: { id: props.params.id ?? "" } })),
    [props.params.id],
  );
  return (
    <section>
      <PageHeader
        title={m.township.reviewTitle}
        actions={
          <Link href="/township/sheets" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>{(view) => <ReviewBody view={view} onReviewed={state.reload} />}</AsyncView>
    </section>
  );
}

/** The values on the left; the live score, the evidence being looked at and the decision on the right. */
function ReviewBody(props: { view: SheetView; onReviewed: () => void }) {
  const { m } = useI18n();
  const { view } = props;
  const [shown, setShown] = useState<Evidence | null>(null);
  const reviewable = view.actions.includes("pass") || view.actions.includes("return");
  return (
    <>
      <SheetHeading view={view} />
      <div class="two-col review-layout">
        <div>
          <SelfValuesTable items={view.items} onPreview={setShown} previewId={shown?.id} />
        </div>
        <aside class="score-panel">
          <LiveScorePanel
            live={view.liveScore}
            dirty={false}
            reportable={new Set(view.items.filter((i) => i.source === "self").map((i) => i.code))}
            items={view.items}
          />
          {reviewable ? (
            <ReviewForm view={view} onReviewed={props.onReviewed} />
          ) : (
            <p class="notice">{m.township.notWaiting}</p>
          )}
          <EvidencePreview file={shown} />
        </aside>
      </div>
    </>
  );
}

function ReviewForm(props: { view: SheetView; onReviewed: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  // Nothing is preselected: passing a sheet is a choice the reviewer makes, then confirms (#17).
  // A passed sheet (until 考核 starts) can only be returned.
  const canPass = props.view.actions.includes("pass");
  const [decision, setDecision] = useState<"pass" | "return" | null>(canPass ? null : "return");
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError("");
    setFormError("");
    if (decision === null) {
      setFormError(m.township.chooseDecision);
      return;
    }
    if (decision === "return" && !comment.trim()) {
      setError(m.township.commentRequired);
      document.getElementById("review-comment")?.focus();
      return;
    }
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setBusy(true);
    try {
      await call(
        api.sheets[":id"].review.$post({
          param: { id: String(props.view.sheet.id) },
          json: { version: props.view.sheet.version, decision, comment: comment.trim() || null },
        }),
      );
      announce(decision === "pass" ? m.township.passed : m.township.returned);
      navigate("/township/sheets");
    } catch (failure) {
      setError(problemsByPath(failure, m).get("comment") ?? "");
      setFormError(describeFailure(failure, m));
      if (failure instanceof ApiFailure && failure.code === "STALE_VERSION") props.onReviewed();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      {canPass ? null : <p class="notice">{m.township.returnAfterPass}</p>}
      <fieldset class="plain">
        <legend>{m.township.decision}</legend>
        {canPass ? (
          <label class="checkbox">
            <input
              type="radio"
              name="decision"
              value="pass"
              checked={decision === "pass"}
              onChange={() => {
                setDecision("pass");
                setConfirming(false);
                setFormError("");
              }}
            />
            {m.township.pass}
          </label>
        ) : null}
        <label class="checkbox">
          <input
            type="radio"
            name="decision"
            value="return"
            checked={decision === "return"}
            onChange={() => {
              setDecision("return");
              setConfirming(false);
              setFormError("");
            }}
          />
          {m.township.return}
        </label>
      </fieldset>
      <TextAreaField
        id="review-comment"
        label={decision === "return" ? m.township.commentForReturn : m.township.comment}
        value={comment}
        onValue={setComment}
        rows={3}
        maxLength={2000}
        error={error || undefined}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      {confirming && decision ? (
        <div class="confirm">
          <p role="alert" id="review-confirm">
            {decision === "pass"
              ? m.township.confirmPass(props.view.sheet.person?.name ?? "")
              : m.township.confirmReturn(props.view.sheet.person?.name ?? "")}
          </p>
          <button
            type="submit"
            class={`button primary ${decision === "return" ? "danger" : ""}`}
            disabled={busy}
          >
            {decision === "pass" ? m.township.submitPass : m.township.submitReturn}
          </button>
          <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
            {m.common.cancel}
          </button>
        </div>
      ) : (
        <button
          type="submit"
          class={`button primary wide ${decision === "return" ? "danger" : ""}`}
          disabled={busy}
        >
          {decision === "return" ? m.township.submitReturn : m.township.submitPass}
        </button>
      )}
    </form>
  );
}

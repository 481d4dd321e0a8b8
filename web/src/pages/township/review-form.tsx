import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { TextAreaField } from "../../ui/field";

/**
 * Pass or return a submitted sheet, with a comment (required to return), chosen and then confirmed: the
 * township's review (审核) of its staff's sheets, or the county inspectors' 督查 of a township's own sheet.
 */
export function ReviewForm(props: {
  view: SheetView;
  via: "review" | "inspect";
  onReviewed: () => void;
  onStale: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  // The words differ (退回本人 / 退回乡镇); the choice, the comment and the confirmation are the same.
  const words = props.via === "inspect" ? { ...m.township, ...m.inspection } : m.township;
  const party = props.view.sheet.person?.name ?? props.view.sheet.township.name;
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
      setFormError(words.chooseDecision);
      return;
    }
    if (decision === "return" && !comment.trim()) {
      setError(words.commentRequired);
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
      const param = { id: String(props.view.sheet.id) };
      const json = { version: props.view.sheet.version, decision, comment: comment.trim() || null };
      if (props.via === "inspect") await call(api.sheets[":id"].inspect.$post({ param, json }));
      else await call(api.sheets[":id"].review.$post({ param, json }));
      announce(decision === "pass" ? words.passed : words.returned);
      props.onReviewed();
    } catch (failure) {
      setError(problemsByPath(failure, m).get("comment") ?? "");
      setFormError(describeFailure(failure, m));
      if (failure instanceof ApiFailure && failure.code === "STALE_VERSION") props.onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      {canPass ? null : <p class="notice">{m.township.returnAfterPass}</p>}
      <fieldset class="plain">
        <legend>{words.decision}</legend>
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
            {words.pass}
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
          {words.return}
        </label>
      </fieldset>
      <TextAreaField
        id="review-comment"
        label={decision === "return" ? words.commentForReturn : words.comment}
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
            {decision === "pass" ? words.confirmPass(party) : words.confirmReturn(party)}
          </p>
          <button
            type="submit"
            class={`button primary ${decision === "return" ? "danger" : ""}`}
            disabled={busy}
          >
            {decision === "pass" ? words.submitPass : words.submitReturn}
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
          {decision === "return" ? words.submitReturn : words.submitPass}
        </button>
      )}
    </form>
  );
}

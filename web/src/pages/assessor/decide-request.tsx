import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure } from "../../ui/errors";
import { TextAreaField } from "../../ui/field";
import type { ScoreWrite } from "./scoring";

type Outcome = "changed" | "kept" | "upheld" | "rejected";

/** Answers an open 复核 (kept / changed) or 申诉 (rejected / upheld); a change sends the edited values. */
export function DecideRequestForm(props: {
  request: SheetView["requests"][number];
  collect: () => { writes: ScoreWrite[]; problems: Map<string, string> };
  onProblems: (problems: Map<string, string>) => void;
  onDecided: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const outcomes: Outcome[] = props.request.kind === "recheck" ? ["kept", "changed"] : ["rejected", "upheld"];
  const [outcome, setOutcome] = useState<Outcome>(outcomes[0] ?? "kept");
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const changing = outcome === "changed" || outcome === "upheld";

  const submit = async (event: Event) => {
    event.preventDefault();
    setError("");
    setFormError("");
    if (!reason.trim()) {
      setError(m.requests.reasonRequired);
      return;
    }
    const { writes, problems } = props.collect();
    if (changing && problems.size > 0) {
      props.onProblems(problems);
      return;
    }
    if (changing && writes.length === 0) {
      setFormError(m.scoring.changeSomething);
      return;
    }
    setBusy(true);
    try {
      await call(
        api.requests[":id"].decide.$post({
          param: { id: String(props.request.id) },
          json: { outcome, reason: reason.trim(), ...(changing ? { items: writes } : {}) },
        }),
      );
      announce(m.scoring.decided);
      props.onDecided();
    } catch (failure) {
      setFormError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card narrow" onSubmit={submit} noValidate>
      <h2>{props.request.kind === "recheck" ? m.scoring.decideRecheck : m.scoring.decideAppeal}</h2>
      <p>
        <strong>{m.requests.reason}:</strong> {props.request.reason}
      </p>
      <fieldset class="plain">
        <legend>{m.requests.outcome}</legend>
        {outcomes.map((value) => (
          <label class="checkbox" key={value}>
            <input
              type="radio"
              name="outcome"
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />
            {m.requests.outcomes[value]}
          </label>
        ))}
      </fieldset>
      {changing ? <p class="muted">{m.scoring.changeHint}</p> : null}
      <TextAreaField
        label={m.requests.answer}
        value={reason}
        onValue={setReason}
        rows={3}
        error={error || undefined}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy}>
        {m.scoring.decide}
      </button>
    </form>
  );
}

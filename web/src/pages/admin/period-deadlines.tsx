import { useState } from "preact/hooks";
import { ApiFailure, api, call, type FieldProblem } from "../../api/client";
import type { PeriodDetail } from "../../api/types";
import { chinaToday } from "../../app/dates";
import { useI18n } from "../../i18n/i18n";
import type { Messages } from "../../i18n/zh-CN";
import { useAnnounce } from "../../ui/announcer";
import { ConfirmOrSubmit } from "../../ui/confirm-submit";
import { describeFailure, describeProblem, problemsByPath } from "../../ui/errors";
import { TextAreaField, TextField } from "../../ui/field";

export const DEADLINES = [
  "selfReportDeadline",
  "reviewDeadline",
  "recheckDeadline",
  "appealDeadline",
] as const;
type Deadline = (typeof DEADLINES)[number];
type Dates = Record<Deadline, string>;

/** The server's list of past dates in a DEADLINE_IN_PAST refusal, as sentences for the confirmation. */
export function pastDatesOf(failure: unknown, m: Messages): string | null {
  if (!(failure instanceof ApiFailure) || failure.code !== "DEADLINE_IN_PAST") return null;
  const fields = failure.extra?.fields;
  if (!Array.isArray(fields)) return describeFailure(failure, m);
  return fields
    .map((f: unknown) =>
      typeof f === "object" && f && "path" in f && "message" in f
        ? describeProblem(f as FieldProblem, m)
        : "",
    )
    .filter(Boolean)
    .join("；");
}

/**
 * 修改截止日期: the four dates with the ones already past marked, a required reason; a date in the past is
 * saved only after the admin confirms the server's list of past dates.
 */
export function DeadlinesForm(props: { period: PeriodDetail["period"]; onDone: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const { period } = props;
  const today = chinaToday();
  const [dates, setDates] = useState<Dates>(() => ({
    selfReportDeadline: period.selfReportDeadline,
    reviewDeadline: period.reviewDeadline,
    recheckDeadline: period.recheckDeadline,
    appealDeadline: period.appealDeadline,
  }));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [pastList, setPastList] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = period.status !== "final";

  const save = async (confirmPastDeadlines: boolean) => {
    const changed = Object.fromEntries(
      DEADLINES.filter((k) => dates[k] !== period[k]).map((k) => [k, dates[k]]),
    );
    const found = new Map<string, string>();
    if (Object.keys(changed).length === 0) found.set("selfReportDeadline", m.yearAdmin.nothingChanged);
    if (!reason.trim()) found.set("reason", m.yearAdmin.reasonRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      await call(
        api.periods[":id"].deadlines.$patch({
          param: { id: String(period.id) },
          json: { ...changed, reason: reason.trim(), confirmPastDeadlines },
        }),
      );
      announce(m.yearAdmin.deadlinesSaved);
      setPastList(null);
      setReason("");
      props.onDone();
    } catch (failure) {
      const past = pastDatesOf(failure, m);
      if (past !== null) setPastList(past);
      else {
        const problems = problemsByPath(failure, m);
        setErrors(problems);
        setFormError(describeFailure(failure, m));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card"
      aria-labelledby="deadlines-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      <h2 id="deadlines-title">{m.yearAdmin.deadlines}</h2>
      <div class="form-row">
        {DEADLINES.map((key) => (
          <TextField
            key={key}
            id={`deadline-${key}`}
            type="date"
            label={
              <>
                {m.periods[key]}
                {dates[key] < today ? <span class="badge amber past-mark">{m.yearAdmin.past}</span> : null}
              </>
            }
            value={dates[key]}
            disabled={!editable}
            onValue={(value) => {
              setDates({ ...dates, [key]: value });
              setPastList(null);
            }}
            error={errors.get(key)}
          />
        ))}
      </div>
      {editable ? (
        <>
          <TextAreaField
            label={m.yearAdmin.deadlinesReason}
            value={reason}
            onValue={setReason}
            rows={2}
            error={errors.get("reason")}
          />
          <ConfirmOrSubmit
            question={pastList === null ? null : m.yearAdmin.pastConfirm(pastList)}
            busy={busy}
            submitLabel={m.yearAdmin.saveDeadlines}
            confirmLabel={m.yearAdmin.confirmAnyway}
            onConfirm={() => void save(true)}
            onCancel={() => setPastList(null)}
          />
        </>
      ) : null}
      <p class="form-error" role="alert">
        {formError}
      </p>
    </form>
  );
}

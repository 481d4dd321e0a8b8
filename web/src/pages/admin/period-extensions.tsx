import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Extension, Person } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { Empty, useAsync } from "../../ui/async";
import { ConfirmOrSubmit } from "../../ui/confirm-submit";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextAreaField, TextField } from "../../ui/field";
import { TableWrap } from "../../ui/table-wrap";
import { pastDatesOf } from "./period-deadlines";

export const personLabel = (p: Person) => `${p.employeeNo} ${p.name}`;

/** 延期: the extensions granted in a period, and a form to grant one to a township or a person. */
export function Extensions(props: {
  periodId: number;
  extensions: readonly Extension[];
  people: readonly Person[];
  running: boolean;
  onDone: () => void;
}) {
  const { m, fmt } = useI18n();
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const townshipName = new Map((townships.data ?? []).map((t) => [t.id, t.name]));
  const personName = new Map(props.people.map((p) => [p.id, personLabel(p)]));
  const target = (e: Extension) =>
    e.townshipId !== null
      ? (townshipName.get(e.townshipId) ?? `#${e.townshipId}`)
      : (personName.get(e.personId ?? 0) ?? `#${e.personId}`);
  return (
    <section class="card" aria-labelledby="extensions-title">
      <h2 id="extensions-title">{m.yearAdmin.extensions}</h2>
      {props.extensions.length === 0 ? (
        <Empty>{m.yearAdmin.noExtensions}</Empty>
      ) : (
        <TableWrap class="stack">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.yearAdmin.extensionTarget}</th>
                <th scope="col">{m.yearAdmin.selfReportUntil}</th>
                <th scope="col">{m.yearAdmin.reviewUntil}</th>
                <th scope="col">{m.yearAdmin.extensionReason}</th>
                <th scope="col">{m.yearAdmin.grantedAt}</th>
              </tr>
            </thead>
            <tbody>
              {props.extensions.map((e) => (
                <tr key={e.id}>
                  <td>{target(e)}</td>
                  <td>{fmt.date(e.selfReportDeadline)}</td>
                  <td>{fmt.date(e.reviewDeadline)}</td>
                  <td>{e.reason}</td>
                  <td>{fmt.dateTime(e.grantedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {props.running ? (
        <GrantForm
          periodId={props.periodId}
          townships={townships.data ?? []}
          people={props.people}
          onDone={props.onDone}
        />
      ) : null}
    </section>
  );
}

function GrantForm(props: {
  periodId: number;
  townships: readonly { id: number; name: string }[];
  people: readonly Person[];
  onDone: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [kind, setKind] = useState<"township" | "person">("township");
  const [targetId, setTargetId] = useState("");
  const [selfReport, setSelfReport] = useState("");
  const [review, setReview] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [pastList, setPastList] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options =
    kind === "township"
      ? props.townships.map((t) => ({ value: String(t.id), label: t.name }))
      : props.people.map((p) => ({ value: String(p.id), label: personLabel(p) }));

  const grant = async (confirmPastDeadlines: boolean) => {
    const found = new Map<string, string>();
    if (!targetId) found.set("target", m.yearAdmin.targetRequired);
    if (!selfReport) found.set("selfReportDeadline", m.periods.dateRequired);
    if (!reason.trim()) found.set("reason", m.yearAdmin.reasonRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      await call(
        api.periods[":id"].extensions.$post({
          param: { id: String(props.periodId) },
          json: {
            ...(kind === "township" ? { townshipId: Number(targetId) } : { personId: Number(targetId) }),
            selfReportDeadline: selfReport,
            ...(review ? { reviewDeadline: review } : {}),
            reason: reason.trim(),
            confirmPastDeadlines,
          },
        }),
      );
      announce(m.yearAdmin.granted);
      setPastList(null);
      setTargetId("");
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
      noValidate
      aria-label={m.yearAdmin.grant}
      onSubmit={(event) => {
        event.preventDefault();
        void grant(false);
      }}
    >
      <div class="form-row">
        <SelectField
          label={m.yearAdmin.extensionTarget}
          value={kind}
          onValue={(value) => {
            setKind(value === "person" ? "person" : "township");
            setTargetId("");
          }}
          options={[
            { value: "township", label: m.yearAdmin.forTownship },
            { value: "person", label: m.yearAdmin.forPerson },
          ]}
        />
        <SelectField
          id="extension-target"
          label={kind === "township" ? m.yearAdmin.township : m.yearAdmin.person}
          value={targetId}
          onValue={setTargetId}
          options={[{ value: "", label: m.values.choose }, ...options]}
          error={errors.get("target") ?? errors.get("townshipId") ?? errors.get("personId")}
        />
        <TextField
          id="extension-self"
          type="date"
          label={m.yearAdmin.selfReportUntil}
          value={selfReport}
          onValue={(value) => {
            setSelfReport(value);
            setPastList(null);
          }}
          error={errors.get("selfReportDeadline")}
        />
        <TextField
          id="extension-review"
          type="date"
          label={m.yearAdmin.reviewUntil}
          hint={m.yearAdmin.reviewUntilHint}
          value={review}
          onValue={setReview}
          error={errors.get("reviewDeadline")}
        />
      </div>
      <TextAreaField
        id="extension-reason"
        label={m.yearAdmin.extensionReason}
        value={reason}
        onValue={setReason}
        rows={2}
        error={errors.get("reason")}
      />
      <ConfirmOrSubmit
        question={pastList === null ? null : m.yearAdmin.grantPastConfirm(selfReport)}
        busy={busy}
        submitLabel={m.yearAdmin.grant}
        confirmLabel={m.yearAdmin.grantAnyway}
        onConfirm={() => void grant(true)}
        onCancel={() => setPastList(null)}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
    </form>
  );
}

import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { SheetView } from "../api/types";
import { chinaToday } from "../app/dates";
import { useI18n } from "../i18n/i18n";
import { useAnnounce } from "./announcer";
import { SheetStatusBadge } from "./badges";
import { describeFailure, problemsByPath } from "./errors";
import { SelectField, TextAreaField } from "./field";
import { RequestHistory } from "./request-history";

type Kind = "recheck" | "appeal";

/**
 * 复核 then 申诉 on a published sheet, as its party sees them (a person, or a township for its own sheet): the
 * deadlines, the history and the form that may be filed now.
 */
export function SheetRequests(props: { view: SheetView; onFiled: () => void }) {
  const { m, fmt } = useI18n();
  const { view } = props;
  const { period: sheetPeriod } = view.sheet;
  const today = chinaToday();
  const recheck = view.requests.find((r) => r.kind === "recheck");
  const appeal = view.requests.find((r) => r.kind === "appeal");
  const canRecheck = view.sheet.status === "published" && !recheck && today <= sheetPeriod.recheckDeadline;
  const canAppeal =
    view.sheet.status === "published" && recheck?.decidedAt && !appeal && today <= sheetPeriod.appealDeadline;
  return (
    <>
      <p>
        {m.common.status}: <SheetStatusBadge status={view.sheet.status} />
        <span class="muted">
          {" · "}
          {m.requests.deadlines(fmt.date(sheetPeriod.recheckDeadline), fmt.date(sheetPeriod.appealDeadline))}
        </span>
      </p>
      <p class="muted">{m.requests.explain}</p>
      <RequestHistory requests={view.requests} />
      {canRecheck ? <RequestForm kind="recheck" view={view} onFiled={props.onFiled} /> : null}
      {canAppeal ? <RequestForm kind="appeal" view={view} onFiled={props.onFiled} /> : null}
      {!canRecheck && !canAppeal ? <p class="notice">{m.requests.nothingToFile}</p> : null}
    </>
  );
}

/** Files a 复核 (recheck) or 申诉 (appeal) on a published sheet, whole or one item, with the party's reason. */
export function RequestForm(props: { kind: Kind; view: SheetView; onFiled: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [code, setCode] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const title = props.kind === "recheck" ? m.requests.fileRecheck : m.requests.fileAppeal;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors(new Map([["reason", m.requests.reasonRequired]]));
      return;
    }
    setBusy(true);
    setErrors(new Map());
    setFormError("");
    const param = { id: String(props.view.sheet.id) };
    const json = { reason: reason.trim(), ...(code ? { indicatorCode: code } : {}) };
    try {
      if (props.kind === "recheck") await call(api.sheets[":id"].recheck.$post({ param, json }));
      else await call(api.sheets[":id"].appeal.$post({ param, json }));
      announce(props.kind === "recheck" ? m.requests.recheckFiled : m.requests.appealFiled);
      props.onFiled();
    } catch (error) {
      const problems = problemsByPath(error, m);
      setErrors(problems);
      setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card narrow" onSubmit={submit} noValidate aria-labelledby={`${props.kind}-title`}>
      <h2 id={`${props.kind}-title`}>{title}</h2>
      <SelectField
        label={m.requests.indicator}
        value={code}
        onValue={setCode}
        options={[
          { value: "", label: m.requests.wholeSheet },
          ...props.view.items.map((item) => ({ value: item.code, label: `${item.code} ${item.name}` })),
        ]}
        error={errors.get("indicatorCode")}
      />
      <TextAreaField
        label={m.requests.reason}
        value={reason}
        onValue={setReason}
        rows={4}
        maxLength={4000}
        hint={m.requests.reasonHint}
        error={errors.get("reason")}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {title}
      </button>
    </form>
  );
}

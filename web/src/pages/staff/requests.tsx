import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { chinaToday } from "../../app/dates";
import { usePeriods } from "../../app/session";
import { loadMyPublishedSheet } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { SheetStatusBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextAreaField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { RequestHistory } from "../../ui/request-history";

type Kind = "recheck" | "appeal";

/** 复核/申诉: ask the assessors to recheck a published result, then appeal to the admin if still unsatisfied. */
export default function RequestsPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const state = useAsync(() => loadMyPublishedSheet(period?.id), [period?.id]);
  return (
    <section>
      <PageHeader title={m.nav.requests} subtitle={state.data?.periodName ?? period?.name} />
      <AsyncView state={state}>
        {(loaded) => {
          if (!loaded) return <Empty>{m.result.none}</Empty>;
          const { view } = loaded;
          const { period: sheetPeriod } = view.sheet;
          const today = chinaToday();
          const recheck = view.requests.find((r) => r.kind === "recheck");
          const appeal = view.requests.find((r) => r.kind === "appeal");
          const canRecheck =
            view.sheet.status === "published" && !recheck && today <= sheetPeriod.recheckDeadline;
          const canAppeal =
            view.sheet.status === "published" &&
            recheck?.decidedAt &&
            !appeal &&
            today <= sheetPeriod.appealDeadline;
          return (
            <>
              <p>
                {m.common.status}: <SheetStatusBadge status={view.sheet.status} />
                <span class="muted">
                  {" · "}
                  {m.requests.deadlines(
                    fmt.date(sheetPeriod.recheckDeadline),
                    fmt.date(sheetPeriod.appealDeadline),
                  )}
                </span>
              </p>
              <p class="muted">{m.requests.explain}</p>
              <RequestHistory requests={view.requests} />
              {canRecheck ? <RequestForm kind="recheck" view={view} onFiled={state.reload} /> : null}
              {canAppeal ? <RequestForm kind="appeal" view={view} onFiled={state.reload} /> : null}
              {!canRecheck && !canAppeal ? <p class="notice">{m.requests.nothingToFile}</p> : null}
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

function RequestForm(props: { kind: Kind; view: SheetView; onFiled: () => void }) {
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

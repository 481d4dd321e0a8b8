import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import type { Period } from "../../api/types";
import { Link } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { Empty } from "../../ui/async";
import { PeriodStatusBadge } from "../../ui/badges";
import { describeFailure } from "../../ui/errors";
import { TextAreaField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { NewPeriodForm } from "./new-period-form";

type Action = "open" | "start-assessing" | "return-to-open" | "publish" | "finalize" | "reopen";

const NEXT_ACTION: Record<Period["status"], Action> = {
  draft: "open",
  open: "start-assessing",
  assessing: "publish",
  published: "finalize",
  final: "reopen",
};

/** 考核周期: every period with its deadlines and the next step of its life cycle; a new period. */
export default function PeriodsPage() {
  const { m, fmt } = useI18n();
  const periods = usePeriods();
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <PageHeader
        title={m.nav.periods}
        actions={
          <button
            type="button"
            class="button primary"
            onClick={() => setCreating(!creating)}
            aria-expanded={creating}
          >
            {m.periods.create}
          </button>
        }
      />
      {creating ? (
        <NewPeriodForm
          onCreated={async () => {
            setCreating(false);
            await periods.reload();
          }}
        />
      ) : null}
      {periods.items.length === 0 ? <Empty>{m.common.noPeriod}</Empty> : null}
      {periods.items.map((period) => (
        <article class="card" key={period.id} aria-labelledby={`period-${period.id}`}>
          <h2 id={`period-${period.id}`}>
            {period.name} <PeriodStatusBadge status={period.status} />
          </h2>
          <p class="muted">
            {m.periods.kind}: {m.periods.kindOf(period.kind, period.quarter)}
            {period.kind === "campaign" && period.startsOn && period.endsOn
              ? ` · ${fmt.date(period.startsOn)} – ${fmt.date(period.endsOn)}`
              : ""}
          </p>
          <p class="muted">
            {m.periods.scheme}: {period.scheme.name} (v{period.scheme.version}) ·{" "}
            {m.periods.sheets(period.sheetCount)}
          </p>
          <dl class="deadlines">
            <dt>{m.periods.selfReportDeadline}</dt>
            <dd>{fmt.date(period.selfReportDeadline)}</dd>
            <dt>{m.periods.reviewDeadline}</dt>
            <dd>{fmt.date(period.reviewDeadline)}</dd>
            <dt>{m.periods.recheckDeadline}</dt>
            <dd>{fmt.date(period.recheckDeadline)}</dd>
            <dt>{m.periods.appealDeadline}</dt>
            <dd>{fmt.date(period.appealDeadline)}</dd>
          </dl>
          <p>
            <Link
              href={`/admin/periods/${period.id}`}
              class="button secondary"
              aria-label={m.yearAdmin.manageNamed(period.name)}
            >
              {m.yearAdmin.manage}
            </Link>{" "}
            {period.status === "draft" || period.status === "open" ? null : (
              <Link
                href={`/admin/periods/${period.id}/outcome`}
                class="button secondary"
                aria-label={m.outcome.titleNamed(period.name)}
              >
                {m.outcome.title}
              </Link>
            )}
          </p>
          <PeriodAction period={period} onDone={periods.reload} />
          {period.status === "assessing" ? (
            <PeriodAction period={period} onDone={periods.reload} action="return-to-open" />
          ) : null}
        </article>
      ))}
    </section>
  );
}

const NEEDS_REASON: ReadonlySet<Action> = new Set(["reopen", "return-to-open"]);

function PeriodAction(props: { period: Period; onDone: () => Promise<void>; action?: Action }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const action = props.action ?? NEXT_ACTION[props.period.status];
  // Starting assessment early or with sheets left: the server lists what is left; a second click confirms.
  const [leftBehind, setLeftBehind] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const param = { id: String(props.period.id) };

  const run = async () => {
    if (NEEDS_REASON.has(action) && !reason.trim()) {
      setError(m.periods.reasonRequired);
      return;
    }
    setBusy(true);
    setError("");
    try {
      const periodsApi = api.periods[":id"];
      if (action === "open") await call(periodsApi.open.$post({ param }));
      else if (action === "start-assessing")
        await call(periodsApi["start-assessing"].$post({ param, json: { confirm: leftBehind !== "" } }));
      else if (action === "return-to-open")
        await call(periodsApi["return-to-open"].$post({ param, json: { reason: reason.trim() } }));
      else if (action === "publish") await call(periodsApi.publish.$post({ param }));
      else if (action === "finalize") await call(periodsApi.finalize.$post({ param }));
      else await call(periodsApi.reopen.$post({ param, json: { reason: reason.trim() } }));
      announce(m.periods.done[action]);
      setConfirming(false);
      setLeftBehind("");
      await props.onDone();
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === "CONFIRMATION_REQUIRED")
        setLeftBehind(describeFailure(failure, m));
      else setError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="period-action">
      {confirming ? (
        <div class="confirm">
          <p role="alert">{leftBehind || m.periods.confirm[action]}</p>
          {NEEDS_REASON.has(action) ? (
            <TextAreaField label={m.periods.reopenReason} value={reason} onValue={setReason} rows={2} />
          ) : null}
          <button type="button" class="button primary" disabled={busy} onClick={run}>
            {leftBehind ? m.periods.startAnyway : m.periods.actions[action]}
          </button>
          <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
            {m.common.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="button" onClick={() => setConfirming(true)}>
          {m.periods.actions[action]}
        </button>
      )}
      <p class="form-error" role="alert">
        {error}
      </p>
    </div>
  );
}

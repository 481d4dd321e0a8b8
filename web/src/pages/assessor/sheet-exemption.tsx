import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { Link } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure } from "../../ui/errors";
import { SelectField, TextAreaField } from "../../ui/field";

const CATEGORIES = ["sick_leave", "transferred", "new_hire", "other"] as const;
type Category = (typeof CATEGORIES)[number];

/**
 * The office's ways to unblock one sheet, as the server allows them now: 代填 (fill in for the person) and
 * 不参加本期考核 (exempt, with category and reason) or restoring an exempt sheet. Both writes need a reason.
 */
export function SheetOfficeActions(props: { view: SheetView; onView: (view: SheetView) => void }) {
  const { m } = useI18n();
  const { view } = props;
  const exempt = view.sheet.exempt;
  const canFill = view.actions.includes("saveOnBehalf");
  const canExempt = view.actions.includes("exempt");
  const canRestore = view.actions.includes("restore");
  if (!exempt && !canFill && !canExempt && !canRestore) return null;
  return (
    <section class="card no-print" aria-labelledby="office-actions-title">
      <h2 id="office-actions-title">{m.exempt.officeActions}</h2>
      {exempt ? (
        <p class="notice" role="note">
          {m.exempt.current(m.exempt.categories[exempt.category] ?? exempt.category, exempt.reason ?? "")}
        </p>
      ) : null}
      {canFill ? (
        <p>
          <Link href={`/assessor/sheets/${view.sheet.id}/on-behalf`} class="button">
            {m.onBehalf.linkNamed(view.sheet.person?.name ?? view.sheet.township.name)}
          </Link>
        </p>
      ) : null}
      {canExempt || canRestore ? (
        <ExemptionForm view={view} onView={props.onView} restore={canRestore} />
      ) : null}
    </section>
  );
}

function ExemptionForm(props: { view: SheetView; onView: (view: SheetView) => void; restore: boolean }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<Category>("sick_leave");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const label = props.restore ? m.exempt.restore : m.exempt.exempt;

  const run = async () => {
    if (!reason.trim()) {
      setReasonError(m.exempt.reasonRequired);
      return;
    }
    setBusy(true);
    setError("");
    const param = { id: String(props.view.sheet.id) };
    const json = { version: props.view.sheet.version, reason: reason.trim() };
    try {
      const next = props.restore
        ? await call(api.sheets[":id"].restore.$post({ param, json }))
        : await call(api.sheets[":id"].exempt.$post({ param, json: { ...json, category } }));
      announce(props.restore ? m.exempt.restored : m.exempt.done);
      setOpen(false);
      setReason("");
      props.onView(next);
    } catch (failure) {
      setError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" class="button" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <div class="confirm">
      <p role="alert">{props.restore ? m.exempt.confirmRestore : m.exempt.confirm}</p>
      {props.restore ? null : (
        <SelectField
          label={m.exempt.category}
          value={category}
          onValue={(value) => setCategory(CATEGORIES.find((c) => c === value) ?? "other")}
          options={CATEGORIES.map((c) => ({ value: c, label: m.exempt.categories[c] ?? c }))}
        />
      )}
      <TextAreaField
        label={props.restore ? m.exempt.restoreReason : m.exempt.reason}
        value={reason}
        onValue={(value) => {
          setReason(value);
          setReasonError("");
        }}
        rows={2}
        error={reasonError}
      />
      <button type="button" class="button primary" disabled={busy} onClick={run}>
        {label}
      </button>
      <button type="button" class="button secondary" onClick={() => setOpen(false)}>
        {m.common.cancel}
      </button>
      <p class="form-error" role="alert">
        {error}
      </p>
    </div>
  );
}

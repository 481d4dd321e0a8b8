import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { SheetRow } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure } from "../../ui/errors";

type Outcome = { passed: number; failed: { name: string; reason: string }[] };

/**
 * 批量审核通过: passes the selected sheets after one confirmation that names them. Each sheet is its own
 * review call (its own Idempotency-Key and audit row); a sheet that fails is listed with the reason and the
 * others still pass.
 */
export function BatchPass(props: { chosen: readonly SheetRow[]; onDone: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const count = props.chosen.length;

  const passAll = async () => {
    setBusy(true);
    const result: Outcome = { passed: 0, failed: [] };
    for (const row of props.chosen) {
      try {
        await call(
          api.sheets[":id"].review.$post({
            param: { id: String(row.id) },
            json: { version: row.version, decision: "pass", comment: null },
          }),
        );
        result.passed += 1;
      } catch (failure) {
        result.failed.push({ name: row.name, reason: describeFailure(failure, m) });
      }
    }
    setBusy(false);
    setConfirming(false);
    setOutcome(result);
    announce(m.township.batchPassed(result.passed, result.failed.length));
    props.onDone();
  };

  return (
    <div class="batch-bar sticky-actions" aria-live="polite">
      {outcome ? (
        <div class={outcome.failed.length > 0 ? "error-box" : "notice"} role="status">
          <p>{m.township.batchPassed(outcome.passed, outcome.failed.length)}</p>
          {outcome.failed.length > 0 ? (
            <ul>
              {outcome.failed.map((f) => (
                <li key={f.name}>
                  {f.name}
                  {m.common.colon}
                  {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {confirming && count > 0 ? (
        <div class="confirm">
          <p role="alert" id="batch-confirm">
            {m.township.confirmBatchPass(count)}
          </p>
          <p class="muted">{props.chosen.map((row) => row.name).join(m.common.listSeparator)}</p>
          <button type="button" class="button primary" disabled={busy} onClick={passAll}>
            {busy ? m.township.passing : m.township.submitBatchPass(count)}
          </button>
          <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {m.common.cancel}
          </button>
        </div>
      ) : (
        <div class="batch-actions">
          <span class="muted">{m.township.selected(count)}</span>
          <button
            type="button"
            class="button primary"
            disabled={count === 0}
            onClick={() => {
              setOutcome(null);
              setConfirming(true);
            }}
          >
            {m.township.batchPass}
          </button>
        </div>
      )}
    </div>
  );
}

import type { InferResponseType } from "hono/client";
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { VetoBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextAreaField } from "../../ui/field";
import { TableWrap } from "../../ui/table-wrap";

type PreVetoRow = InferResponseType<(typeof api.periods)[":id"]["pre-veto"]["$get"], 200>["items"][number];
type Decision = "confirm" | "add" | "remove";

/**
 * 预否决 as the leading group decides it: the engine's proposal (the bottom townships, ties included) beside
 * the decision, and a form to confirm, add or remove a township with a reason while the result is unpublished.
 */
export function PreVetoSection(props: { periodId: string; decidable: boolean }) {
  const { m, fmt } = useI18n();
  const state = useAsync(
    async () => (await call(api.periods[":id"]["pre-veto"].$get({ param: { id: props.periodId } }))).items,
    [props.periodId],
  );
  return (
    <section class="card" aria-labelledby="pre-veto-title">
      <h2 id="pre-veto-title">{m.outcome.preVetoTitle}</h2>
      <p class="muted">{m.outcome.preVetoExplain}</p>
      <AsyncView state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>{m.outcome.noResults}</Empty>
          ) : (
            <>
              <TableWrap>
                <table class="pre-veto-table">
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        {m.common.rank}
                      </th>
                      <th scope="col">{m.common.township}</th>
                      <th scope="col" class="num">
                        {m.reports.composite}
                      </th>
                      <th scope="col">{m.outcome.proposed}</th>
                      <th scope="col">{m.outcome.decision}</th>
                      <th scope="col">{m.outcome.decided}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.townshipId} class={row.decided ? "pre-veto" : undefined}>
                        <td class="num">{row.rank}</td>
                        <th scope="row">{row.name}</th>
                        <td class="num">{fmt.score(row.composite)}</td>
                        <td>{row.proposed ? <VetoBadge kind="preVeto" /> : m.common.dash}</td>
                        <td>
                          {row.decision ? (
                            <>
                              <strong>{m.outcome.decisions[row.decision]}</strong>
                              <span class="muted"> · {row.reason}</span>
                            </>
                          ) : (
                            m.common.dash
                          )}
                        </td>
                        <td>{row.decided ? <VetoBadge kind="preVeto" /> : m.common.dash}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {props.decidable ? (
                <DecisionForm periodId={props.periodId} rows={rows} onDone={state.reload} />
              ) : (
                <p class="notice">{m.outcome.preVetoClosed}</p>
              )}
            </>
          )
        }
      </AsyncView>
    </section>
  );
}

function DecisionForm(props: { periodId: string; rows: readonly PreVetoRow[]; onDone: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [townshipId, setTownshipId] = useState("");
  const [decision, setDecision] = useState<Decision | "">("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const chosen = props.rows.find((row) => String(row.townshipId) === townshipId);
  // A proposed township is confirmed or removed; another one is added (or an addition removed again).
  const choices: Decision[] = chosen ? (chosen.proposed ? ["confirm", "remove"] : ["add", "remove"]) : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!chosen) found.set("townshipId", m.outcome.chooseTownship);
    if (!decision) found.set("decision", m.outcome.chooseDecision);
    if (!reason.trim()) found.set("reason", m.outcome.reasonRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0 || !chosen || !decision) return;
    setBusy(true);
    try {
      await call(
        api.periods[":id"]["pre-veto"].$post({
          param: { id: props.periodId },
          json: { townshipId: chosen.townshipId, decision, reason: reason.trim() },
        }),
      );
      announce(m.outcome.decisionSaved(chosen.name, m.outcome.decisions[decision]));
      setTownshipId("");
      setDecision("");
      setReason("");
      props.onDone();
    } catch (error) {
      setErrors(problemsByPath(error, m));
      setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="outcome-form" onSubmit={submit} noValidate aria-labelledby="pre-veto-form-title">
      <h3 id="pre-veto-form-title">{m.outcome.decideTitle}</h3>
      <div class="form-row">
        <SelectField
          label={m.common.township}
          value={townshipId}
          onValue={(value) => {
            setTownshipId(value);
            setDecision("");
          }}
          options={[
            { value: "", label: m.outcome.chooseTownship },
            ...props.rows.map((row) => ({
              value: String(row.townshipId),
              label: row.proposed ? `${row.name}（${m.outcome.proposed}）` : row.name,
            })),
          ]}
          error={errors.get("townshipId")}
        />
        <SelectField
          label={m.outcome.decision}
          value={decision}
          onValue={(value) => setDecision(choices.find((choice) => choice === value) ?? "")}
          options={[
            { value: "", label: m.outcome.chooseDecision },
            ...choices.map((choice) => ({ value: choice, label: m.outcome.decisions[choice] })),
          ]}
          error={errors.get("decision")}
        />
      </div>
      <TextAreaField
        label={m.outcome.reason}
        value={reason}
        onValue={setReason}
        rows={2}
        maxLength={2000}
        error={errors.get("reason")}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {m.outcome.saveDecision}
      </button>
    </form>
  );
}

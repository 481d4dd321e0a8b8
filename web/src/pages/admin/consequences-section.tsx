import type { InferResponseType } from "hono/client";
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { chinaToday } from "../../app/dates";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { GradeBadge, VetoBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";
import { TableWrap } from "../../ui/table-wrap";

type Party = InferResponseType<(typeof api.periods)[":id"]["consequences"]["$get"], 200>["parties"][number];
type Kind = "reward" | "economic" | "organisational";
const KINDS: readonly Kind[] = ["reward", "economic", "organisational"];

interface Draft {
  party: string; // "t:<townshipId>" or "p:<personId>"
  kind: Kind | "";
  measure: string;
  amount: string;
  appliedOn: string;
  documentNo: string;
}

const partyKey = (party: Party) =>
  party.party.kind === "township" ? `t:${party.party.townshipId}` : `p:${party.party.personId}`;
const partyName = (party: Party) =>
  party.party.kind === "township" ? party.party.name : `${party.party.name}（${party.party.employeeNo}）`;

/**
 * 兑现奖惩: each party's consequences due under the scheme (its grade, 预否决 as decided) beside what was actually
 * applied, and a form to record an applied measure (amount, date, 文号). Published and archived periods only.
 */
export function ConsequencesSection(props: { periodId: string }) {
  const { m } = useI18n();
  const state = useAsync(
    async () => (await call(api.periods[":id"].consequences.$get({ param: { id: props.periodId } }))).parties,
    [props.periodId],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  return (
    <section class="card" aria-labelledby="consequences-title">
      <h2 id="consequences-title">{m.outcome.consequencesTitle}</h2>
      <AsyncView state={state}>
        {(parties) => {
          // Parties with nothing due and nothing applied would only lengthen the table.
          const shown = parties.filter((party) => party.due.length > 0 || party.applied.length > 0);
          return (
            <>
              {shown.length === 0 ? (
                <Empty>{m.outcome.noConsequences}</Empty>
              ) : (
                <ConsequenceTable
                  parties={shown}
                  onRecord={(party, due) =>
                    setDraft({
                      party: partyKey(party),
                      kind: due?.kind ?? "",
                      measure: due?.measure ?? "",
                      amount: due?.amount === undefined ? "" : String(due.amount),
                      appliedOn: chinaToday(),
                      documentNo: "",
                    })
                  }
                />
              )}
              <RecordForm
                periodId={props.periodId}
                parties={parties}
                draft={draft}
                onDraft={setDraft}
                onDone={() => {
                  setDraft(null);
                  state.reload();
                }}
              />
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

function ConsequenceTable(props: {
  parties: readonly Party[];
  onRecord: (party: Party, due?: Party["due"][number]) => void;
}) {
  const { m, fmt } = useI18n();
  return (
    <TableWrap>
      <table class="consequence-table">
        <thead>
          <tr>
            <th scope="col">{m.outcome.party}</th>
            <th scope="col" class="num">
              {m.common.rank}
            </th>
            <th scope="col">{m.outcome.result}</th>
            <th scope="col">{m.outcome.due}</th>
            <th scope="col">{m.outcome.applied}</th>
          </tr>
        </thead>
        <tbody>
          {props.parties.map((party) => (
            <tr key={partyKey(party)} class={party.preVeto ? "pre-veto" : undefined}>
              <th scope="row">{partyName(party)}</th>
              <td class="num">{party.rank ?? m.common.dash}</td>
              <td>
                {party.grade ? <GradeBadge grade={party.grade} /> : null}{" "}
                {party.preVeto ? <VetoBadge kind="preVeto" /> : null}
              </td>
              <td>
                <ul class="plain-list">
                  {party.due.map((due) => (
                    <li key={due.text}>
                      {due.text}{" "}
                      <button
                        type="button"
                        class="button small secondary no-print"
                        aria-label={m.outcome.recordThat(partyName(party), due.text)}
                        onClick={() => props.onRecord(party, due)}
                      >
                        {m.outcome.record}
                      </button>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {party.applied.length === 0 ? (
                  <span class="muted">{m.outcome.notApplied}</span>
                ) : (
                  <ul class="plain-list">
                    {party.applied.map((record) => (
                      <li key={record.id}>
                        {m.outcome.kinds[record.kind]}：{record.measure}
                        {record.amount === null ? "" : ` ¥${fmt.number(record.amount)}`} ·{" "}
                        {fmt.date(record.appliedOn)}
                        {record.documentNo ? ` · ${record.documentNo}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const EMPTY: Draft = { party: "", kind: "", measure: "", amount: "", appliedOn: "", documentNo: "" };

function RecordForm(props: {
  periodId: string;
  parties: readonly Party[];
  draft: Draft | null;
  onDraft: (draft: Draft) => void;
  onDone: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const draft = props.draft ?? { ...EMPTY, appliedOn: chinaToday() };
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => props.onDraft({ ...draft, ...patch });

  const submit = async (event: Event) => {
    event.preventDefault();
    const party = props.parties.find((p) => partyKey(p) === draft.party);
    const amount = draft.amount.trim() === "" ? null : Number(draft.amount);
    const found = new Map<string, string>();
    if (!party) found.set("townshipId", m.outcome.chooseParty);
    if (!draft.kind) found.set("kind", m.outcome.chooseKind);
    if (!draft.measure.trim()) found.set("measure", m.outcome.measureRequired);
    if (amount !== null && !(Number.isFinite(amount) && amount >= 0))
      found.set("amount", m.outcome.badAmount);
    if (!draft.appliedOn) found.set("appliedOn", m.outcome.dateRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0 || !party || !draft.kind) return;
    setBusy(true);
    try {
      await call(
        api.periods[":id"].consequences.$post({
          param: { id: props.periodId },
          json: {
            ...(party.party.kind === "township"
              ? { townshipId: party.party.townshipId }
              : { personId: party.party.personId }),
            kind: draft.kind,
            measure: draft.measure.trim(),
            amount,
            appliedOn: draft.appliedOn,
            documentNo: draft.documentNo.trim() || null,
          },
        }),
      );
      announce(m.outcome.recorded(partyName(party)));
      props.onDone();
    } catch (error) {
      const problems = problemsByPath(error, m);
      setErrors(problems);
      setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="outcome-form" id="record-consequence" onSubmit={submit} noValidate>
      <h3>{m.outcome.recordTitle}</h3>
      <div class="form-row">
        <SelectField
          label={m.outcome.party}
          value={draft.party}
          onValue={(value) => set({ party: value })}
          options={[
            { value: "", label: m.outcome.chooseParty },
            ...props.parties.map((party) => ({ value: partyKey(party), label: partyName(party) })),
          ]}
          error={errors.get("townshipId") ?? errors.get("personId")}
        />
        <SelectField
          label={m.outcome.kind}
          value={draft.kind}
          onValue={(value) => set({ kind: KINDS.find((kind) => kind === value) ?? "" })}
          options={[
            { value: "", label: m.outcome.chooseKind },
            ...KINDS.map((kind) => ({ value: kind, label: m.outcome.kinds[kind] })),
          ]}
          error={errors.get("kind")}
        />
        <TextField
          label={m.outcome.measure}
          value={draft.measure}
          onValue={(value) => set({ measure: value })}
          maxLength={100}
          error={errors.get("measure")}
        />
      </div>
      <div class="form-row">
        <TextField
          label={m.outcome.amount}
          value={draft.amount}
          onValue={(value) => set({ amount: value })}
          inputMode="decimal"
          error={errors.get("amount")}
        />
        <TextField
          label={m.outcome.appliedOn}
          type="date"
          value={draft.appliedOn}
          onValue={(value) => set({ appliedOn: value })}
          error={errors.get("appliedOn")}
        />
        <TextField
          label={m.outcome.documentNo}
          value={draft.documentNo}
          onValue={(value) => set({ documentNo: value })}
          maxLength={100}
          error={errors.get("documentNo")}
        />
      </div>
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {m.outcome.saveRecord}
      </button>
    </form>
  );
}

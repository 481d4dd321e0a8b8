import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Person } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { useAsync } from "../../ui/async";
import { describeFailure } from "../../ui/errors";
import { SelectField } from "../../ui/field";
import { personLabel } from "./period-extensions";

/** 补充人员: a person without a sheet in a running period (a late arrival) gets one. */
export function AddPersonForm(props: {
  periodId: number;
  people: readonly Person[];
  running: boolean;
  onDone: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const sheets = useAsync(
    async () =>
      (await call(api.periods[":id"].sheets.$get({ param: { id: String(props.periodId) }, query: {} })))
        .items,
    [props.periodId],
  );
  const [personId, setPersonId] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  if (!props.running) return null;
  const withSheet = new Set((sheets.data ?? []).map((s) => s.personId));
  const without = sheets.data ? props.people.filter((p) => p.active && !withSheet.has(p.id)) : [];

  const add = async (event: Event) => {
    event.preventDefault();
    const person = without.find((p) => String(p.id) === personId);
    if (!person) {
      setError(m.yearAdmin.personRequired);
      return;
    }
    setBusy(true);
    setError("");
    try {
      await call(
        api.periods[":id"].people.$post({
          param: { id: String(props.periodId) },
          json: { personId: person.id },
        }),
      );
      announce(m.yearAdmin.personAdded(person.name));
      setPersonId("");
      sheets.reload();
      props.onDone();
    } catch (failure) {
      setError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" noValidate onSubmit={add} aria-labelledby="add-person-title">
      <h2 id="add-person-title">{m.yearAdmin.addPerson}</h2>
      <p class="muted">{m.yearAdmin.addPersonHint}</p>
      {sheets.data && without.length === 0 ? (
        <p>{m.yearAdmin.everyoneHasSheet}</p>
      ) : (
        <>
          <SelectField
            id="add-person"
            label={m.yearAdmin.person}
            value={personId}
            onValue={(value) => {
              setPersonId(value);
              setError("");
            }}
            options={[
              { value: "", label: m.values.choose },
              ...without.map((p) => ({ value: String(p.id), label: personLabel(p) })),
            ]}
            error={error}
          />
          <button type="submit" class="button primary" disabled={busy}>
            {m.yearAdmin.addPersonSubmit}
          </button>
        </>
      )}
    </form>
  );
}

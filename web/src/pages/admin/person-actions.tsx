import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";

type Errors = Map<string, string>;

/** Runs a request, turning a refusal into field errors beside the controls and one sentence for the form. */
function useSubmit() {
  const { m } = useI18n();
  const [errors, setErrors] = useState<Errors>(new Map());
  const [formError, setFormError] = useState("");
  const run = async (work: () => Promise<void>) => {
    setErrors(new Map());
    setFormError("");
    try {
      await work();
    } catch (failure) {
      const problems = problemsByPath(failure, m);
      setErrors(problems);
      setFormError(describeFailure(failure, m));
    }
  };
  return { errors, formError, run };
}

/** 调动: another township from a date, with the reason; the answer names the sheets that stay behind. */
export function MoveForm(props: {
  personId: number;
  currentTownshipId: number;
  townships: readonly { id: number; name: string }[];
  today: string;
  onDone: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const { errors, formError, run } = useSubmit();
  const [townshipId, setTownshipId] = useState("");
  const [movedOn, setMovedOn] = useState(props.today);
  const [reason, setReason] = useState("");
  const [kept, setKept] = useState("");
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const result = await call(
        api.people[":id"].move.$post({
          param: { id: String(props.personId) },
          json: { townshipId: Number(townshipId) || 0, movedOn, reason },
        }),
      );
      announce(m.person.moved(result.to));
      setKept(result.keptSheets.map((s) => `${s.periodName}（${s.townshipName}）`).join("、"));
      setReason("");
      props.onDone();
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="move-title">
      <h2 id="move-title">{m.person.moveTitle}</h2>
      <p class="hint">{m.person.moveExplain}</p>
      <div class="form-row">
        <SelectField
          label={m.person.moveTo}
          value={townshipId}
          onValue={setTownshipId}
          options={[
            { value: "", label: m.values.choose },
            ...props.townships
              .filter((t) => t.id !== props.currentTownshipId)
              .map((t) => ({ value: String(t.id), label: t.name })),
          ]}
          error={errors.get("townshipId")}
        />
        <TextField
          label={m.person.movedOn}
          type="date"
          value={movedOn}
          onValue={setMovedOn}
          error={errors.get("movedOn")}
        />
        <TextField
          label={m.person.moveReason}
          value={reason}
          onValue={setReason}
          error={errors.get("reason")}
        />
      </div>
      <p class="form-error" role="alert">
        {formError}
      </p>
      {kept ? <p class="notice">{m.person.keptSheets(kept)}</p> : null}
      <button type="submit" class="button primary">
        {m.person.move}
      </button>
    </form>
  );
}

/** 离岗 / 复岗 with a reason; retiring also disables the sign-in. */
export function RetireForm(props: { personId: number; active: boolean; onDone: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const { errors, formError, run } = useSubmit();
  const [reason, setReason] = useState("");
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const param = { id: String(props.personId) };
      if (props.active) await call(api.people[":id"].retire.$post({ param, json: { reason } }));
      else await call(api.people[":id"].reinstate.$post({ param, json: { reason } }));
      announce(props.active ? m.person.retired : m.person.reinstated);
      setReason("");
      props.onDone();
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="retire-title">
      <h2 id="retire-title">{m.person.retireTitle}</h2>
      <p class="hint">{m.person.retireExplain}</p>
      <TextField
        label={m.person.retireReason}
        value={reason}
        onValue={setReason}
        error={errors.get("reason")}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class={`button ${props.active ? "danger" : "primary"}`}>
        {props.active ? m.person.retire : m.person.reinstate}
      </button>
    </form>
  );
}

type AccountAction = "create" | "reset" | "disable" | "enable";

/** The person's sign-in: open, reset (one-time password shown once), disable, enable. */
export function AccountCard(props: {
  personId: number;
  personActive: boolean;
  account: { username: string; active: boolean; mustChangePassword: boolean } | null;
  onDone: () => void;
}) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const { formError, run } = useSubmit();
  const [issued, setIssued] = useState("");
  const act = (action: AccountAction) =>
    run(async () => {
      const result = await call(
        api.people[":id"].account.$post({ param: { id: String(props.personId) }, json: { action } }),
      );
      setIssued(result.password ? m.person.oneTimePassword(result.username, result.password) : "");
      announce(m.person.accountDone);
      props.onDone();
    });
  const { account } = props;
  const button = (action: AccountAction, label: string) => (
    <button type="button" class="button secondary" onClick={() => void act(action)}>
      {label}
    </button>
  );
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">{m.person.accountTitle}</h2>
      <p>
        {account
          ? m.person.accountState(account.username, account.active, account.mustChangePassword)
          : m.person.noAccount}
      </p>
      {issued ? (
        <p class="notice one-time-password" role="status">
          {issued}
        </p>
      ) : null}
      <p class="form-error" role="alert">
        {formError}
      </p>
      <div class="button-row">
        {!account && props.personActive ? button("create", m.person.createAccount) : null}
        {account?.active ? button("reset", m.person.resetAccount) : null}
        {account?.active ? button("disable", m.person.disableAccount) : null}
        {account && !account.active && props.personActive ? button("enable", m.person.enableAccount) : null}
      </div>
    </section>
  );
}

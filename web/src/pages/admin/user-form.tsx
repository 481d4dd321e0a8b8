import type { InferResponseType } from "hono/client";
import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Role } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { useAsync } from "../../ui/async";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";

export const ROLES: Role[] = ["staff", "township", "assessor", "admin", "viewer"];

export type UserRow = InferResponseType<typeof api.users.$get, 200>["items"][number];

/** Creates an account, or changes one's name, role, scope and whether it may sign in. */
export function UserForm(props: { user: UserRow | null; onDone: () => void; onCancel: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const editing = props.user;
  const [username, setUsername] = useState(editing?.username ?? "");
  const [displayName, setDisplayName] = useState(editing?.displayName ?? "");
  const [role, setRole] = useState<Role>(editing?.role ?? "staff");
  const [townshipId, setTownshipId] = useState(String(editing?.townshipId ?? ""));
  const [personId, setPersonId] = useState(String(editing?.personId ?? ""));
  const [active, setActive] = useState(editing?.active ?? true);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const people = useAsync(async () => (await call(api.people.$get({ query: { limit: "500" } }))).items, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFormError("");
    const scope = {
      townshipId: role === "township" && townshipId ? Number(townshipId) : null,
      personId: role === "staff" && personId ? Number(personId) : null,
    };
    try {
      if (editing) {
        await call(
          api.users[":id"].$patch({
            param: { id: String(editing.id) },
            json: { displayName: displayName.trim(), role, active, ...scope },
          }),
        );
      } else {
        await call(
          api.users.$post({
            json: { username: username.trim(), displayName: displayName.trim(), role, password, ...scope },
          }),
        );
      }
      announce(m.users.saved);
      props.onDone();
    } catch (failure) {
      const problems = problemsByPath(failure, m);
      setErrors(problems);
      setFormError(describeFailure(failure, m));
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h2 id="user-form-title">{editing ? m.users.editTitle(editing.username) : m.users.create}</h2>
      <div class="form-row">
        {editing ? null : (
          <TextField
            label={m.users.username}
            value={username}
            onValue={setUsername}
            autoComplete="off"
            error={errors.get("username")}
          />
        )}
        <TextField
          label={m.users.displayName}
          value={displayName}
          onValue={setDisplayName}
          error={errors.get("displayName")}
        />
        <SelectField
          label={m.users.role}
          value={role}
          onValue={(value) => setRole(ROLES.find((r) => r === value) ?? "staff")}
          options={ROLES.map((r) => ({ value: r, label: m.roles[r] }))}
          error={errors.get("role")}
        />
        {role === "township" ? (
          <SelectField
            label={m.common.township}
            value={townshipId}
            onValue={setTownshipId}
            options={[
              { value: "", label: m.values.choose },
              ...(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
            ]}
            error={errors.get("townshipId")}
          />
        ) : null}
        {role === "staff" ? (
          <SelectField
            label={m.common.person}
            value={personId}
            onValue={setPersonId}
            options={[
              { value: "", label: m.values.choose },
              ...(people.data ?? []).map((p) => ({
                value: String(p.id),
                label: `${p.employeeNo} ${p.name}`,
              })),
            ]}
            error={errors.get("personId")}
          />
        ) : null}
        {editing ? null : (
          <TextField
            label={m.users.temporaryPassword}
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            hint={m.users.temporaryHint}
            error={errors.get("password")}
          />
        )}
      </div>
      {editing ? (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          {m.users.maySignIn}
        </label>
      ) : null}
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary">
        {m.common.save}
      </button>{" "}
      <button type="button" class="button secondary" onClick={props.onCancel}>
        {m.common.cancel}
      </button>
    </form>
  );
}

import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import { navigate } from "../app/router";
import { useSession, useUser } from "../app/session";
import { useI18n } from "../i18n/i18n";
import { useAnnounce } from "../ui/announcer";
import { describeFailure, problemsByPath } from "../ui/errors";
import { TextField } from "../ui/field";
import { PageHeader } from "../ui/page";

/** 修改密码: required on first sign-in with an issued password, available any time from the header. */
export default function ChangePasswordPage() {
  const { m } = useI18n();
  const user = useUser();
  const session = useSession();
  const announce = useAnnounce();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!current) found.set("currentPassword", m.password.currentRequired);
    if (!next) found.set("newPassword", m.password.newRequired);
    else if (next !== repeat) found.set("repeat", m.password.mismatch);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      await call(api.auth.password.$post({ json: { currentPassword: current, newPassword: next } }));
      announce(m.password.changed);
      setCurrent("");
      setNext("");
      setRepeat("");
      await session.refresh();
      navigate("/"); // the shell sends "/" to the role's home page, with the refreshed session
    } catch (error) {
      const problems = problemsByPath(error, m);
      setErrors(problems);
      if (problems.size === 0) setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <PageHeader title={m.password.title} />
      {user.mustChangePassword ? <p class="notice">{m.password.mustChange}</p> : null}
      <form class="card" onSubmit={submit} noValidate>
        <TextField
          label={m.password.current}
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={errors.get("currentPassword")}
        />
        <TextField
          label={m.password.next}
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={setNext}
          hint={m.password.rules}
          error={errors.get("newPassword")}
        />
        <TextField
          label={m.password.repeat}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValue={setRepeat}
          error={errors.get("repeat")}
        />
        <p class="form-error" role="alert">
          {formError}
        </p>
        <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
          {m.password.submit}
        </button>
      </form>
    </section>
  );
}

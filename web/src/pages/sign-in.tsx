import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../api/client";
import { navigate } from "../app/router";
import { homeFor } from "../app/routes";
import { useSession } from "../app/session";
import { useI18n } from "../i18n/i18n";
import { describeFailure, problemsByPath } from "../ui/errors";
import { TextField } from "../ui/field";
import { Logo } from "../ui/logo";

/** 登录: user name and password; a wrong pair gets one message, never which half was wrong. */
export default function SignInPage() {
  const { m, locale, setLocale } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = new Map<string, string>();
    if (!username.trim()) missing.set("username", m.signIn.usernameRequired);
    if (!password) missing.set("password", m.signIn.passwordRequired);
    setFieldErrors(missing);
    setFormError("");
    if (missing.size > 0) {
      document.getElementById(missing.has("username") ? "sign-in-username" : "sign-in-password")?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await call(api.auth.login.$post({ json: { username: username.trim(), password } }));
      session.signedIn(result.user);
      if (location.pathname === "/" || location.pathname === "/sign-in")
        navigate(homeFor(result.user), { replace: true });
    } catch (error) {
      setFieldErrors(problemsByPath(error, m));
      setFormError(
        error instanceof ApiFailure && error.code === "INVALID_CREDENTIALS"
          ? m.signIn.invalid
          : describeFailure(error, m),
      );
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sign-in-page">
      <main id="main" class="sign-in-card">
        <div class="sign-in-brand">
          <Logo size={48} />
          <div>
            <h1>{m.app.title}</h1>
            <p class="muted">{m.signIn.subtitle}</p>
          </div>
        </div>
        <form onSubmit={submit} noValidate aria-describedby="sign-in-form-error">
          <TextField
            id="sign-in-username"
            label={m.signIn.username}
            value={username}
            onValue={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            autoFocus
            error={fieldErrors.get("username")}
          />
          <TextField
            id="sign-in-password"
            label={m.signIn.password}
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            error={fieldErrors.get("password")}
          />
          <p id="sign-in-form-error" class="form-error" role="alert">
            {formError}
          </p>
          <button type="submit" class="button primary wide" disabled={busy} aria-busy={busy}>
            {busy ? m.signIn.signingIn : m.signIn.submit}
          </button>
        </form>
        <p class="sign-in-footer">
          <button
            type="button"
            class="link-button"
            lang={locale === "en" ? "zh-CN" : "en"}
            onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
          >
            {m.app.switchLanguage}
          </button>
        </p>
      </main>
    </div>
  );
}

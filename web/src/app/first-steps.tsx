import { useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { Link } from "./router";
import { useUser } from "./session";

const dismissedKey = (userId: number) => `kaohe.firstSteps.${userId}`;

/**
 * The next step of the user's role, shown from the first sign-in until dismissed; remembered per user in this
 * browser, so each account sees it once.
 */
export function FirstSteps() {
  const { m } = useI18n();
  const user = useUser();
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey(user.id)) === "1");
  if (dismissed) return null;
  const guide = m.help.roles[user.role];
  const dismiss = () => {
    localStorage.setItem(dismissedKey(user.id), "1");
    setDismissed(true);
  };
  return (
    <section class="first-steps no-print" aria-label={m.help.nextStep}>
      <p>
        <strong>{m.help.nextStep}：</strong>
        {guide.next}
      </p>
      <p>
        <Link href={guide.firstHref}>{m.help.go}</Link> · <Link href="/help">{m.help.openHelp}</Link>
      </p>
      <button type="button" class="button secondary" onClick={dismiss}>
        {m.help.dismiss}
      </button>
    </section>
  );
}

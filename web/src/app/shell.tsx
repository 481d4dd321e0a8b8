import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { Role } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { Logo } from "../ui/logo";
import { FirstSteps } from "./first-steps";
import { Link, navigate, useLocation } from "./router";
import { navigationFor } from "./routes";
import { usePeriods, useSession, useUser } from "./session";

/** The frame around every signed-in page: header, period picker, navigation, main area. */
export function Shell(props: { children: ComponentChildren }) {
  const { m, locale, setLocale } = useI18n();
  const user = useUser();
  const session = useSession();
  const periods = usePeriods();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const nav = navigationFor(user);
  const todo = useTodoCounts(path);
  const signOut = async () => {
    await session.signOut();
    navigate("/", { replace: true });
  };
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {m.app.skipToContent}
      </a>
      <header class="topbar no-print">
        <div class="brand">
          <Logo size={24} inverted />
          <span>{m.app.title}</span>
        </div>
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {m.app.menu}
        </button>
        <div class="topbar-tools">
          {periods.items.length > 0 ? (
            <label class="period-picker">
              <span>{m.app.period}</span>
              <select
                value={String(periods.current?.id ?? "")}
                onChange={(event) => periods.select(Number(event.currentTarget.value))}
              >
                {periods.items.map((period) => (
                  <option key={period.id} value={String(period.id)}>
                    {period.name} · {m.status.period[period.status]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <span class="who">
            {user.displayName}
            <span class="role-tag">{roleLabel(m.roles, user.role)}</span>
            {user.scope.township ? <span class="muted"> · {user.scope.township.name}</span> : null}
          </span>
          <button
            type="button"
            class="link-button"
            lang={locale === "en" ? "zh-CN" : "en"}
            onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
          >
            {m.app.switchLanguage}
          </button>
          <Link href="/help" class="link-button">
            {m.nav.help}
          </Link>
          <Link href="/password" class="link-button">
            {m.nav.password}
          </Link>
          <button type="button" class="link-button" onClick={signOut}>
            {m.app.signOut}
          </button>
        </div>
      </header>
      <nav id="main-nav" class={`sidenav no-print ${menuOpen ? "open" : ""}`} aria-label={m.app.navigation}>
        <ul>
          {nav.map((item) => {
            const active =
              path === item.href || (item.href !== "/reports" && path.startsWith(`${item.href}/`));
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {m.nav[item.label]}
                  {todo.get(item.href) ? (
                    <span class="todo-count" title={m.control.todoCount(todo.get(item.href) ?? 0)}>
                      <span aria-hidden="true">{todo.get(item.href)}</span>
                      <span class="visually-hidden">{m.control.todoCount(todo.get(item.href) ?? 0)}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <FirstSteps />
        {props.children}
      </main>
    </div>
  );
}

/** What waits for the user, by the page where it is done; fetched again as the user moves between pages. */
function useTodoCounts(path: string): Map<string, number> {
  const [counts, setCounts] = useState(new Map<string, number>());
  useEffect(() => {
    let live = true;
    call(api.me.todo.$get())
      .then(({ items }) => {
        if (!live) return;
        const next = new Map<string, number>();
        for (const item of items) next.set(item.href, (next.get(item.href) ?? 0) + item.count);
        setCounts(next);
      })
      // The counts are a help, not the page: a failure leaves the navigation without them.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [path]);
  return counts;
}

function roleLabel(roles: Record<Role, string>, role: Role): string {
  return roles[role];
}

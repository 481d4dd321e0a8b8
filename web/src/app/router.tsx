import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

// A small history-API router: the pages are few and the server (Node and Worker) falls back to index.html.

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  notify();
}

function currentHref(): string {
  return `${location.pathname}${location.search}`;
}

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

/** The current location; re-renders the caller whenever it changes. */
export function useLocation(): Location {
  const [href, setHref] = useState(currentHref);
  useEffect(() => {
    const listener = () => setHref(currentHref());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams, href };
}

/** Sets one query parameter of the current URL (replacing the history entry), or removes it when empty. */
export function setQuery(name: string, value: string | number | undefined): void {
  const url = new URL(location.href);
  if (value === undefined || value === "") url.searchParams.delete(name);
  else url.searchParams.set(name, String(value));
  navigate(`${url.pathname}${url.search}`, { replace: true });
}

/** Sets several query parameters at once (an empty or undefined value removes one), replacing the entry. */
export function setQueries(values: Record<string, string | number | undefined>): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === "") url.searchParams.delete(name);
    else url.searchParams.set(name, String(value));
  }
  navigate(`${url.pathname}${url.search}`, { replace: true });
}

/** Matches `/admin/schemes/:id` against a path; returns the parameters, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, "href"> & {
  href: string;
  children: ComponentChildren;
};

/** An anchor that navigates inside the app; modified clicks (new tab, …) keep the browser's behaviour. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { ErrorBox, Loading } from "../ui/async";
import { matchPath, navigate, useLocation } from "./router";
import { homeFor, type PageProps, ROUTES } from "./routes";
import { PeriodProvider, useSession, useUser } from "./session";
import { Shell } from "./shell";

/** Signed out: the sign-in page (at any URL, so a deep link works after signing in); else the routed page. */
export function App() {
  const { state } = useSession();
  if (state.status === "loading") return <Loading />;
  if (state.status === "signedOut") return <LazyPage load={() => import("../pages/sign-in")} params={{}} />;
  return (
    <PeriodProvider>
      <Shell>
        <RoutedPage />
      </Shell>
    </PeriodProvider>
  );
}

function RoutedPage() {
  const { m } = useI18n();
  const user = useUser();
  const { path } = useLocation();
  const mustChange = user.mustChangePassword && path !== "/password";
  useEffect(() => {
    if (mustChange) navigate("/password", { replace: true });
    else if (path === "/" || path === "/sign-in") navigate(homeFor(user), { replace: true });
  }, [mustChange, path, user]);
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.roles !== "any" && !route.roles.includes(user.role))
      return (
        <p class="error-box" role="alert">
          {m.errors.forbiddenPage}
        </p>
      );
    return <LazyPage key={route.path} load={route.load} params={params} />;
  }
  if (path === "/" || path === "/sign-in") return <Loading />;
  return (
    <p class="error-box" role="alert">
      {m.errors.notFoundPage}
    </p>
  );
}

type Loader = () => Promise<{ default: ComponentType<PageProps> }>;
const loaded = new Map<Loader, ComponentType<PageProps>>();
// The first page keeps the browser's initial focus; later navigations move focus to the new page's heading.
let firstPage = true;

/** Downloads a page's chunk on first use, then renders it; moves focus to the page for screen readers. */
function LazyPage(props: { load: Loader; params: Record<string, string> }) {
  const [Page, setPage] = useState<ComponentType<PageProps> | undefined>(() => loaded.get(props.load));
  const [error, setError] = useState<unknown>(undefined);
  const focused = useRef(false);
  useEffect(() => {
    if (Page) return;
    props
      .load()
      .then((module) => {
        loaded.set(props.load, module.default);
        setPage(() => module.default);
      })
      .catch(setError);
  }, [Page, props.load]);
  useEffect(() => {
    if (!Page || focused.current) return;
    focused.current = true;
    if (firstPage) {
      firstPage = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [Page]);
  if (error) return <ErrorBox error={error} onRetry={() => location.reload()} />;
  if (!Page) return <Loading />;
  return <Page params={props.params} />;
}

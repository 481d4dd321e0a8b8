import { type ComponentChildren, createContext } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { ApiFailure, api, call, whenSignedOut } from "../api/client";
import type { CurrentUser, Period } from "../api/types";

type SessionState =
  | { status: "loading" }
  | { status: "signedOut" }
  | { status: "signedIn"; user: CurrentUser };

interface Session {
  state: SessionState;
  signedIn(user: CurrentUser): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in: asks `/auth/me` once, and goes back to signed-out whenever the API answers 401. */
export function SessionProvider(props: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const refresh = useCallback(async () => {
    try {
      const { user } = await call(api.auth.me.$get());
      setState({ status: "signedIn", user });
    } catch (error) {
      if (error instanceof ApiFailure && error.status !== 401) throw error;
      setState({ status: "signedOut" });
    }
  }, []);
  useEffect(() => {
    whenSignedOut(() => setState({ status: "signedOut" }));
    void refresh();
  }, [refresh]);
  const value = useMemo<Session>(
    () => ({
      state,
      refresh,
      signedIn: (user) => setState({ status: "signedIn", user }),
      signOut: async () => {
        await call(api.auth.logout.$post()).catch(() => undefined);
        setState({ status: "signedOut" });
      },
    }),
    [state, refresh],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

/** The session: its state and the sign-in / sign-out actions. */
export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in user; only for pages behind the sign-in gate. */
export function useUser(): CurrentUser {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useUser while signed out");
  return state.user;
}

const PERIOD_KEY = "kaohe.period";

interface Periods {
  items: Period[];
  current: Period | undefined;
  select(id: number): void;
  reload(): Promise<void>;
}

const PeriodContext = createContext<Periods | null>(null);

/** The default period: the one being worked on (open or assessing), else the latest. */
function pickDefault(items: Period[]): Period | undefined {
  const sorted = [...items].sort((a, b) => b.year - a.year);
  return sorted.find((p) => p.status === "open" || p.status === "assessing") ?? sorted[0];
}

/** The assessment periods and the one chosen in the header's period picker. */
export function PeriodProvider(props: { children: ComponentChildren }) {
  const [items, setItems] = useState<Period[]>([]);
  const [selected, setSelected] = useState<number | undefined>(() => {
    const stored = Number(localStorage.getItem(PERIOD_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : undefined;
  });
  const reload = useCallback(async () => {
    const result = await call(api.periods.$get());
    setItems(result.items);
  }, []);
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);
  const value = useMemo<Periods>(() => {
    const current = items.find((p) => p.id === selected) ?? pickDefault(items);
    return {
      items,
      current,
      reload,
      select: (id) => {
        localStorage.setItem(PERIOD_KEY, String(id));
        setSelected(id);
      },
    };
  }, [items, selected, reload]);
  return <PeriodContext.Provider value={value}>{props.children}</PeriodContext.Provider>;
}

/** The periods and the selected one. */
export function usePeriods(): Periods {
  const value = useContext(PeriodContext);
  if (!value) throw new Error("usePeriods outside PeriodProvider");
  return value;
}

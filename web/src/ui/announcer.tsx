import { type ComponentChildren, createContext } from "preact";
import { useCallback, useContext, useMemo, useRef, useState } from "preact/hooks";

type Tone = "success" | "error" | "info";

interface Announcer {
  announce(message: string, tone?: Tone): void;
}

const AnnouncerContext = createContext<Announcer>({ announce: () => {} });

/** A page-wide live region: "已保存", "已提交" and similar outcomes are shown and read out. */
export function AnnouncerProvider(props: { children: ComponentChildren }) {
  const [message, setMessage] = useState<{ text: string; tone: Tone } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((text: string, tone: Tone = "success") => {
    setMessage({ text, tone });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMessage(null), 6000);
  }, []);
  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {props.children}
      <div
        class={`toast ${message ? `toast-${message.tone}` : "toast-idle"}`}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ""}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** `announce(message, tone)` for outcomes of user actions. */
export function useAnnounce(): Announcer["announce"] {
  return useContext(AnnouncerContext).announce;
}

import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiFailure } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { describeFailure } from "./errors";

export type AsyncState<T> =
  | { status: "loading"; data?: T }
  | { status: "ready"; data: T }
  | { status: "failed"; error: unknown; data?: T };

/** Runs `load` when `deps` change; `reload` runs it again and keeps showing the old data meanwhile. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((old) => ({ status: "loading", data: old.data }));
    try {
      const data = await load();
      if (mine === generation.current) setState({ status: "ready", data });
    } catch (error) {
      if (mine === generation.current) setState((old) => ({ status: "failed", error, data: old.data }));
    }
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run, setData: (data: T) => setState({ status: "ready", data }) };
}

/** A polite "loading …" line that screen readers announce. */
export function Loading(props: { label?: string }) {
  const { m } = useI18n();
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? m.common.loading}
    </p>
  );
}

/** What a page shows when there is nothing yet. */
export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

/** An error box for a failed load or action, announced to screen readers. */
export function ErrorBox(props: { error: unknown; onRetry?: () => void }) {
  const { m } = useI18n();
  if (props.error === undefined || props.error === null) return null;
  const notFound = props.error instanceof ApiFailure && props.error.status === 404;
  return (
    <div class="error-box" role="alert">
      <p>{notFound ? m.errors.notFoundPage : describeFailure(props.error, m)}</p>
      {props.onRetry ? (
        <button type="button" class="button secondary" onClick={props.onRetry}>
          {m.common.retry}
        </button>
      ) : null}
    </div>
  );
}

/** Renders the loading, failed or ready state of a `useAsync` result. */
export function AsyncView<T>(props: {
  state: AsyncState<T> & { reload: () => void };
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  if (state.status === "failed" && state.data === undefined)
    return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return (
    <>
      {state.status === "failed" ? <ErrorBox error={state.error} onRetry={state.reload} /> : null}
      {props.children(state.data)}
    </>
  );
}

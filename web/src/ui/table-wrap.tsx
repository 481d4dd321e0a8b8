import type { ComponentChildren } from "preact";

/** A horizontally scrollable frame for a wide table. */
export function TableWrap(props: { class?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
    <div class={`table-wrap ${props.class ?? ""}`} tabIndex={0}>
      {props.children}
    </div>
  );
}

import type { ComponentChildren } from "preact";

/** One headline figure (总分, 排名 …) in a row of stats. */
export function Stat(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="stat">
      <div class="label">{props.label}</div>
      <div class="value">{props.children}</div>
    </div>
  );
}

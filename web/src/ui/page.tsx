import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useI18n } from "../i18n/i18n";

/** A page's heading (its one h1), optional actions beside it; also sets the document title. */
export function PageHeader(props: {
  title: string;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const { m } = useI18n();
  useEffect(() => {
    document.title = `${props.title} · ${m.app.title}`;
  }, [props.title, m]);
  return (
    <div class="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle ? <p class="subtitle">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div class="page-actions no-print">{props.actions}</div> : null}
    </div>
  );
}

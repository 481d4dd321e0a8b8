import { useI18n } from "../../i18n/i18n";

/** What a printed report carries above its own heading instead of the app's chrome: county, system, period, date. */
export function PrintHeader(props: { period?: string | undefined }) {
  const { m, fmt } = useI18n();
  return (
    <div class="print-only print-header">
      <p>
        {m.app.county} · {m.app.title}
      </p>
      <p class="muted">
        {props.period} · {m.reports.printedOn(fmt.date(new Date().toISOString()))}
      </p>
    </div>
  );
}

import { useI18n } from "../../i18n/i18n";

/**
 * The head of a printed document, in place of the app's chrome: the centred title, then county and period
 * (and whose report it is), then the date it was printed. Shown on paper only.
 */
export function PrintHeader(props: {
  title?: string | undefined;
  county?: string | undefined;
  period?: string | undefined;
  subject?: string | undefined;
}) {
  const { m, fmt } = useI18n();
  const line = [props.county ?? m.app.county, props.period, props.subject].filter(Boolean).join(" · ");
  return (
    <div class="print-only print-header doc-head">
      {props.title ? <p class="doc-title">{props.title}</p> : null}
      <p class="doc-subtitle">{line}</p>
      <p class="doc-date">{m.reports.printedOn(fmt.date(new Date().toISOString()))}</p>
    </div>
  );
}

export type SignatureKind = "person" | "township" | "ranking";

/** The signature and seal block that closes a printed document: a line to sign on after each label. */
export function SignatureBlock(props: { kind: SignatureKind }) {
  const { m } = useI18n();
  return (
    <section class="print-only signature-block" aria-label={m.documents.signaturesTitle}>
      <div class="signature-lines">
        {m.documents.signatures[props.kind].map((label) => (
          <p key={label} class="signature-line">
            <span>{label}：</span>
            <span class="sign-here" />
          </p>
        ))}
      </div>
      <p class="seal">{m.documents.seal[props.kind]}</p>
    </section>
  );
}

/** A link that downloads the server's .docx of the same document. */
export function WordLink(props: { href: string }) {
  const { m } = useI18n();
  return (
    <a class="button secondary" href={props.href} download>
      {m.documents.word}
    </a>
  );
}

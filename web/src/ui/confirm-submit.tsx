import { useI18n } from "../i18n/i18n";

/**
 * A form's submit button, or, while the server asks for a confirmation (a past deadline, …), the question with
 * "do it anyway" and cancel: one two-step confirmation for every form that needs it.
 */
export function ConfirmOrSubmit(props: {
  /** The question to confirm; null shows the plain submit button. */
  question: string | null;
  busy: boolean;
  submitLabel: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { m } = useI18n();
  if (props.question === null)
    return (
      <button type="submit" class="button primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    );
  return (
    <div class="confirm">
      <p role="alert">{props.question}</p>
      <button type="button" class="button primary" disabled={props.busy} onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>
      <button type="button" class="button secondary" onClick={props.onCancel}>
        {m.common.cancel}
      </button>
    </div>
  );
}

import type { ComponentChildren, JSX } from "preact";
import { useId } from "preact/hooks";

interface FieldShellProps {
  id?: string | undefined;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

/**
 * A labelled control with its hint and its error right beside it: the error is linked with
 * aria-describedby and sits in a live region, so it is announced when it appears.
 */
export function FieldShell(props: FieldShellProps) {
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [props.hint ? hintId : "", props.error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field ${props.error ? "has-error" : ""} ${props.class ?? ""}`}>
      <label for={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <p class="field-error" id={errorId} aria-live="polite">
        {props.error ?? ""}
      </p>
    </div>
  );
}

type InputProps = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  "label" | "value" | "onInput" | "class" | "id"
> & { id?: string } & {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
};

/** A labelled text (or number, date, password) input. */
export function TextField({ id, label, value, onValue, error, hint, class: className, ...rest }: InputProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} class={className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

type SelectProps = Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, "label" | "value" | "class" | "id"> & {
  id?: string;
} & {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
};

/** A labelled select. */
export function SelectField({
  id,
  label,
  value,
  onValue,
  options,
  error,
  hint,
  class: className,
  ...rest
}: SelectProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} class={className}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={value}
          onChange={(event) => onValue(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...rest}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaProps = Omit<
  JSX.TextareaHTMLAttributes<HTMLTextAreaElement>,
  "label" | "value" | "class" | "id"
> & { id?: string } & {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
};

/** A labelled multi-line text box (reasons, comments). */
export function TextAreaField({
  id,
  label,
  value,
  onValue,
  error,
  hint,
  class: className,
  ...rest
}: TextAreaProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} class={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

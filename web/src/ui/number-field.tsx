import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { TextField } from "./field";

/**
 * A labelled number box that keeps what is typed until it is a number: `onValue` gets the number, or
 * undefined when the box is emptied (optional parameters are then removed). The server's error for the
 * field, if any, shows beside it.
 */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  onValue: (value: number | undefined) => void;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
  class?: string;
}) {
  const { m } = useI18n();
  const [text, setText] = useState(props.value === undefined ? "" : String(props.value));
  const [local, setLocal] = useState("");
  useEffect(() => {
    if (props.value === undefined ? text.trim() !== "" : Number(text) !== props.value)
      setText(props.value === undefined ? "" : String(props.value));
  }, [props.value]);
  return (
    <TextField
      label={props.label}
      value={text}
      inputMode="decimal"
      autoComplete="off"
      disabled={props.disabled}
      class={props.class}
      hint={props.hint}
      error={local || props.error}
      onValue={(next) => {
        setText(next);
        if (next.trim() === "") {
          setLocal("");
          props.onValue(undefined);
          return;
        }
        const number = Number(next);
        if (Number.isFinite(number)) {
          setLocal("");
          props.onValue(number);
        } else setLocal(m.schemes.notANumber);
      }}
    />
  );
}

import type { JSX } from "preact";
import { useI18n } from "../i18n/i18n";

export type ItemValue = number | boolean | string | Record<string, number | number[]> | null;
export type ValueKind = "number" | "boolean" | "rating" | "counts";

/** The text a value is edited as: numbers as typed, yes/no as "true"/"false", ratings as their label, counts as "错报=1、瞒报=0". */
export function valueToText(value: ItemValue): string {
  if (value === null) return "";
  return typeof value === "object" ? countsToText(value) : String(value);
}

/**
 * Parses "错报=1、瞒报@上级=2" (also "," "，" ";" separated) into cases per kind, and "晚报=[3+12]" (or "晚报=3+12")
 * into the listed case sizes of a kind capped per case (每例最高扣); undefined if malformed.
 */
export function textToCounts(text: string): Record<string, number | number[]> | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const counts: Record<string, number | number[]> = {};
  for (const part of trimmed.split(/[、,，;；\s]+/).filter(Boolean)) {
    const [label, count, extra] = part.split(/[=＝:：]/);
    if (!label || count === undefined || extra !== undefined) return undefined;
    const listed = /^[[［].*[\]］]$/.test(count) || count.includes("+");
    const sizes = count
      .replace(/^[[［]|[\]］]$/g, "")
      .split("+")
      .filter((size) => size !== "")
      .map(Number);
    if (sizes.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
    if (listed) counts[label] = sizes;
    else if (sizes.length === 1 && sizes[0] !== undefined) counts[label] = sizes[0];
    else return undefined;
  }
  return counts;
}

/** Cases per kind as the text `textToCounts` reads (listed case sizes as "[3+12]"). */
export function countsToText(counts: Record<string, number | number[]>): string {
  return Object.entries(counts)
    .map(([label, n]) => `${label}=${Array.isArray(n) ? `[${n.join("+")}]` : n}`)
    .join("、");
}

/** Parses the edited text back to a value of the indicator's kind; undefined when it is not one. */
export function textToValue(text: string, kind: ValueKind): ItemValue | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (kind === "boolean") return trimmed === "true" ? true : trimmed === "false" ? false : undefined;
  if (kind === "rating") return trimmed;
  if (kind === "counts") return textToCounts(trimmed);
  const number = Number(trimmed);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

type Props = {
  id: string;
  kind: ValueKind;
  text: string;
  onText: (text: string) => void;
  ratingLevels?: readonly string[] | undefined;
  describedBy?: string | undefined;
  invalid?: boolean;
  disabled?: boolean;
  unit?: string | null | undefined;
  placeholder?: string | undefined;
  /** For controls without a visible label of their own (grid cells). */
  ariaLabel?: string | undefined;
} & Pick<JSX.HTMLAttributes<HTMLInputElement>, "onKeyDown">;

/** The right control for an indicator's value: a number box, 是/否, or the scheme's rating levels. */
export function ValueInput(props: Props) {
  const { m } = useI18n();
  const common = {
    id: props.id,
    "aria-describedby": props.describedBy,
    "aria-invalid": props.invalid || undefined,
    "aria-label": props.ariaLabel,
    disabled: props.disabled,
  };
  if (props.kind === "counts")
    return (
      <input
        {...common}
        type="text"
        autoComplete="off"
        value={props.text}
        placeholder={props.placeholder ?? m.values.countsPlaceholder}
        onInput={(event) => props.onText(event.currentTarget.value)}
        onKeyDown={props.onKeyDown}
      />
    );
  if (props.kind === "number")
    return (
      <span class="value-input">
        <input
          {...common}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={props.text}
          placeholder={props.placeholder}
          onInput={(event) => props.onText(event.currentTarget.value)}
          onKeyDown={props.onKeyDown}
        />
        {props.unit ? <span class="muted unit">{props.unit}</span> : null}
      </span>
    );
  const options =
    props.kind === "boolean"
      ? [
          { value: "false", label: m.values.no },
          { value: "true", label: m.values.yes },
        ]
      : (props.ratingLevels ?? []).map((level) => ({ value: level, label: level }));
  return (
    <select {...common} value={props.text} onChange={(event) => props.onText(event.currentTarget.value)}>
      <option value="">{props.placeholder ?? m.values.choose}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A value for reading: numbers through Intl, yes/no in words, ratings as their label. */
export function FormattedValue(props: { value: ItemValue; unit?: string | null | undefined }) {
  const { m, fmt } = useI18n();
  if (props.value === null || props.value === undefined) return <span class="muted">{m.common.dash}</span>;
  if (typeof props.value === "boolean") return <>{props.value ? m.values.yes : m.values.no}</>;
  if (typeof props.value === "string") return <>{props.value}</>;
  if (typeof props.value === "object")
    return (
      <>
        {Object.entries(props.value)
          .map(([label, n]) =>
            Array.isArray(n)
              ? `${label} [${n.map((size) => fmt.number(size)).join("+")}]`
              : `${label} ${fmt.number(n)}`,
          )
          .join("、") || m.common.dash}
      </>
    );
  return (
    <>
      {fmt.number(props.value, 4)}
      {props.unit && props.unit !== "%" ? ` ${props.unit}` : props.unit === "%" ? "%" : ""}
    </>
  );
}

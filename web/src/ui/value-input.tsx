import type { JSX } from "preact";
import type { MeasureTraits } from "../../../src/domain/figures";
import { useI18n } from "../i18n/i18n";
import { type NumberProblem, parseTypedNumber } from "./number-text";

/** 合理范围 of an indicator's values as the API gives it (null bounds are open). */
export type PlausibleRange = { min: number | null; max: number | null };

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
      .map((size) => {
        // Each count as people type it (full-width digits and the like: number-text.ts).
        const parsed = parseTypedNumber(size);
        return parsed.ok && parsed.value !== null ? parsed.value : Number.NaN;
      });
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

/**
 * Parses the edited text back to a value of the indicator's kind; undefined when it is not one. Numbers are read
 * as people type them (full-width digits, separators, a trailing % for a "%" indicator: see number-text.ts).
 */
export function textToValue(
  text: string,
  kind: ValueKind,
  indicator: MeasureTraits = {},
): ItemValue | undefined {
  return parseValue(text, kind, indicator).value;
}

/** As `textToValue`, with the reason when the text is not a value (for the message beside the input). */
export function parseValue(
  text: string,
  kind: ValueKind,
  indicator: MeasureTraits = {},
): { value: ItemValue | undefined; problem?: NumberProblem } {
  const trimmed = text.trim();
  if (trimmed === "") return { value: null };
  if (kind === "boolean")
    return { value: trimmed === "true" ? true : trimmed === "false" ? false : undefined };
  if (kind === "rating") return { value: trimmed };
  if (kind === "counts") return { value: textToCounts(trimmed) };
  const parsed = parseTypedNumber(trimmed, {
    unit: indicator.unit,
    decimals: indicator.decimals ?? undefined,
  });
  return parsed.ok ? { value: parsed.value } : { value: undefined, problem: parsed.problem };
}

/** "合理范围 0～100% · 最多 2 位小数": what an input accepts, from the indicator's range and decimals. */
export function useAcceptedText(indicator: MeasureTraits & { range?: PlausibleRange | null }): string {
  const { m, fmt } = useI18n();
  const parts: string[] = [];
  const range = indicator.range;
  if (range && range.min !== null && range.max !== null)
    parts.push(m.values.range(fmt.measure(range.min, indicator), fmt.measure(range.max, indicator)));
  else if (range && range.min !== null) parts.push(m.values.rangeFrom(fmt.measure(range.min, indicator)));
  else if (range && range.max !== null) parts.push(m.values.rangeTo(fmt.measure(range.max, indicator)));
  if (typeof indicator.decimals === "number") parts.push(m.values.decimalsAllowed(indicator.decimals));
  return parts.join(" · ");
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

/** A value for reading: numbers with the indicator's unit and decimals (the one figure formatter), yes/no in words, ratings as their label. */
export function FormattedValue(props: { value: ItemValue; indicator: MeasureTraits }) {
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
  return <>{fmt.measure(props.value, props.indicator)}</>;
}

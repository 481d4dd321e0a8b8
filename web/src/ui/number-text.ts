// Numbers as people type them (#17): a Chinese IME gives full-width digits "１０８" and "。" for the decimal point,
// a spreadsheet habit gives "1,234", a rate is typed "98.5%". Each is read as the number meant; what cannot be
// read is refused with the reason, never guessed.

/** Why a typed text is not a value: its kind lets the form say what to write instead. */
export type NumberProblem = "notANumber" | "negative" | "notPercent" | "tooManyDecimals";

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };

const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a typed number: NFKC folds full-width digits, signs and ％; spaces go; "。" between digits is a
 * decimal point; commas are taken only as thousands separators (1,234.5); a trailing % (or ‰) is taken when the
 * indicator's unit is that sign. Empty text is null (not reported).
 */
export function parseTypedNumber(
  text: string,
  options: { unit?: string | null | undefined; decimals?: number | undefined } = {},
): ParsedNumber {
  let s = text.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return { ok: true, value: null };
  s = s.replace(/(\d)。(\d)/g, "$1.$2").replace(/^。(\d)/, ".$1");
  const sign = s.match(/[%‰]$/)?.[0];
  if (sign) {
    if (options.unit !== sign) return { ok: false, problem: "notPercent" };
    s = s.slice(0, -1);
  }
  if (THOUSANDS.test(s)) s = s.replaceAll(",", "");
  if (!PLAIN.test(s)) return { ok: false, problem: "notANumber" };
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, problem: "notANumber" };
  if (value < 0) return { ok: false, problem: "negative" };
  const places = s.includes(".") ? (s.split(".")[1] ?? "").replace(/0+$/, "").length : 0;
  if (options.decimals !== undefined && places > options.decimals)
    return { ok: false, problem: "tooManyDecimals" };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Whether a value lies outside the indicator's plausible range (合理范围), which the form asks to confirm. */
export function outsideRange(
  value: number,
  range: { min: number | null; max: number | null } | null | undefined,
): boolean {
  if (!range) return false;
  return (range.min !== null && value < range.min) || (range.max !== null && value > range.max);
}

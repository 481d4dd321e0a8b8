/** One line of the results table; `target` is an upper (`max`) or lower (`min`) bound when there is one. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { max: number } | { min: number };
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  if (Math.abs(value) >= 0.01) return value.toFixed(2);
  return value.toPrecision(2);
}

/** The ratio to the target (value ÷ target) and whether it is met. */
export function judge(figure: Figure): { ratio: string; verdict: string } {
  const { target } = figure;
  if (!target) return { ratio: "", verdict: "" };
  const bound = "max" in target ? target.max : target.min;
  const met = "max" in target ? figure.value <= bound : figure.value >= bound;
  return { ratio: format(figure.value / bound), verdict: met ? "met" : "MISSED" };
}

/** Prints the figures as one aligned table: figure, value, target, value ÷ target, verdict. */
export function printTable(figures: readonly Figure[], log: (line: string) => void): void {
  const rows = figures.map((figure) => {
    const { ratio, verdict } = judge(figure);
    const target = figure.target
      ? `${"max" in figure.target ? "≤" : "≥"} ${format("max" in figure.target ? figure.target.max : figure.target.min)} ${figure.unit}`.trim()
      : "";
    return [figure.name, `${format(figure.value)} ${figure.unit}`.trim(), target, ratio, verdict];
  });
  const header = ["figure", "value", "target", "ratio", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  log(line(header));
  log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) log(line(row));
}

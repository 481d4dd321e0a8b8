import type { Indicator, Rule, SchemeDocument } from "../../../../src/domain/scheme";

export type { Indicator, Rule, SchemeDocument };
export type PathKey = string | number;

/** sessionStorage key under which the schemes page hands an imported JSON document to the editor. */
export const IMPORT_KEY = "kaohe.scheme-import";

/** `["categories", 1, "indicators", 3, "rule", "step"]` → `categories[1].indicators[3].rule.step`, as the server names fields. */
export function pathOf(keys: readonly PathKey[]): string {
  return keys.reduce<string>(
    (path, key) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key),
    "",
  );
}

/** A copy of `doc` with the value at `keys` replaced (or removed, for undefined). */
export function setAt<T>(doc: T, keys: readonly PathKey[], value: unknown): T {
  const next = structuredClone(doc);
  let node: Record<PathKey, unknown> = next as Record<PathKey, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<PathKey, unknown>;
  const last = keys[keys.length - 1];
  if (last === undefined) return value as T;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return next;
}

export const RULE_TYPES: Rule["type"][] = [
  "ratio",
  "shortfall",
  "threshold",
  "bands",
  "deduction",
  "bonus",
  "rating",
  "veto",
];

/** A rule of `type` with sensible starting parameters. */
export function defaultRule(type: Rule["type"], ratingLabels: readonly string[]): Rule {
  switch (type) {
    case "ratio":
      return { type };
    case "shortfall":
      return { type, direction: "higher", step: 1, deduct: 1 };
    case "threshold":
      return { type, direction: "atLeast" };
    case "bands":
      return { type, on: "rate", bands: [{ min: 1, fraction: 1 }] };
    case "deduction":
      return { type, per: 1 };
    case "bonus":
      return { type, per: 1, cap: 5 };
    case "rating":
      return {
        type,
        levels: Object.fromEntries(ratingLabels.map((label, i) => [label, [1, 0.85, 0.7, 0.5][i] ?? 0])),
      };
    case "veto":
      return { type };
  }
}

/** A new indicator to fill in. */
export function blankIndicator(code: string): Indicator {
  return {
    code,
    name: "",
    points: 5,
    target: 100,
    appliesTo: ["station", "reassigned"],
    source: "self",
    rule: { type: "ratio" },
  };
}

/** The kind of value an indicator takes (same rule as the server's). */
export function kindOf(indicator: Indicator): "number" | "boolean" | "rating" {
  if (indicator.rule.type === "veto") return "boolean";
  if (indicator.rule.type === "rating") return "rating";
  return "number";
}

/** Every indicator of the document, in order. */
export function indicatorsOf(doc: SchemeDocument): Indicator[] {
  return doc.categories.flatMap((category) => category.indicators);
}

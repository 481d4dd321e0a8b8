import { RULE_TABLE, RULE_TYPES } from "../../../../src/domain/rule-table";
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

export { RULE_TYPES };

/** A rule of `type` with the rule table's starting parameters; a rating gets the user's level labels. */
export function defaultRule(type: Rule["type"], ratingLabels: readonly string[]): Rule {
  if (type === "rating")
    return {
      type,
      levels: Object.fromEntries(ratingLabels.map((label, i) => [label, [1, 0.85, 0.7, 0.5][i] ?? 0])),
    };
  return RULE_TABLE[type].defaults();
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
export function kindOf(indicator: Indicator): "number" | "boolean" | "rating" | "counts" {
  const kind = RULE_TABLE[indicator.rule.type].value;
  return kind === "count" ? "number" : kind;
}

/** Every indicator of the document, in order. */
export function indicatorsOf(doc: SchemeDocument): Indicator[] {
  return doc.categories.flatMap((category) => category.indicators);
}

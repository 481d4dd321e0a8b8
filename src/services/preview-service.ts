import { type Issue, listIndicators, parseScheme } from "../domain/scheme";
import { scorePool } from "../domain/score-pool";
import type { IndicatorValue } from "../domain/values";
import { validatePersonValues } from "../domain/values";

/** One person of a 试算 request, already shape-checked at the edge. */
export interface PreviewPerson {
  employeeNo: string;
  name?: string;
  township: string;
  category: "station" | "reassigned";
  values: Record<string, unknown>;
  targets?: Record<string, unknown>;
}

/** The answer of a 试算 (the shape DESIGN.md fixes). */
export type PreviewOutput = ReturnType<typeof shapeResult>;

export type PreviewResult =
  | { ok: false; issues: Issue[] }
  | { ok: true; result: ReturnType<typeof shapeResult> };

/** Most people in one 试算. */
export const MAX_PREVIEW_PEOPLE = 5_000;
/** Most scored items (people × indicators) in one 试算: what one request may cost the server. */
export const MAX_PREVIEW_ITEMS = 200_000;

/** 试算: validates a scheme and people's values and scores them as one pool. Stores nothing. */
export function previewScheme(schemeInput: unknown, people: readonly PreviewPerson[]): PreviewResult {
  const parsed = parseScheme(schemeInput);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: parsed.issues.map((i) => ({ path: prefixPath("scheme", i.path), message: i.message })),
    };
  }
  const scheme = parsed.scheme;
  const items = people.length * listIndicators(scheme).length;
  if (items > MAX_PREVIEW_ITEMS)
    return {
      ok: false,
      issues: [
        {
          path: "people",
          message: `人数 × 指标数不能超过 ${MAX_PREVIEW_ITEMS}（现为 ${items}） at most ${MAX_PREVIEW_ITEMS} people × indicators`,
        },
      ],
    };
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  people.forEach((person, index) => {
    const first = seen.get(person.employeeNo);
    if (first !== undefined)
      issues.push({
        path: `people[${index}].employeeNo`,
        message: `duplicate employee number (first at people[${first}])`,
      });
    else seen.set(person.employeeNo, index);
    issues.push(...validatePersonValues(scheme, person.values, person.targets, `people[${index}]`));
  });
  if (issues.length > 0) return { ok: false, issues };
  const pool = scorePool(
    scheme,
    people.map((person) => ({
      employeeNo: person.employeeNo,
      township: person.township,
      category: person.category,
      values: withoutNulls(person.values),
      // Validated above: every target is a finite number.
      targets: Object.fromEntries(Object.entries(person.targets ?? {}).map(([code, t]) => [code, Number(t)])),
    })),
  );
  return { ok: true, result: shapeResult(pool) };
}

function prefixPath(prefix: string, path: string): string {
  if (!path || path === "(root)") return prefix;
  return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

function withoutNulls(values: Record<string, unknown>): Record<string, IndicatorValue | undefined> {
  const out: Record<string, IndicatorValue | undefined> = {};
  for (const [code, value] of Object.entries(values)) {
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "string")
      out[code] = value;
  }
  return out;
}

/** The response shape DESIGN.md fixes for the preview endpoint (plus the missing codes of each person). */
function shapeResult(pool: ReturnType<typeof scorePool>) {
  return {
    people: pool.people.map((p) => ({
      employeeNo: p.employeeNo,
      items: p.items.map((item) => ({ code: item.code, score: item.score })),
      base: p.base,
      bonus: p.bonus,
      total: p.total,
      vetoed: p.vetoed,
      grade: p.grade,
      rank: p.rank,
      missing: p.missing,
    })),
    townships: pool.townships.map((t) => ({
      name: t.name,
      composite: t.composite,
      rank: t.rank,
      preVeto: t.preVeto,
      hasVetoedMember: t.hasVetoedMember,
    })),
  };
}

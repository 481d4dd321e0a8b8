import {
  type Indicator,
  type Issue,
  listIndicators,
  looseIndicators,
  parseScheme,
  type SchemeDocument,
} from "../../domain/scheme";
import { valueWarning } from "../../domain/scheme-warnings";
import { gradeByTotal, scorePool } from "../../domain/score-pool";
import { checkValuesAgainst, type IncidentCounts, type IndicatorValue } from "../../domain/values";

/** One person of a 试算 request, already shape-checked at the edge. */
export interface PreviewPerson {
  employeeNo: string;
  name?: string;
  township: string;
  category: "station" | "reassigned";
  unitClass?: string | undefined;
  quarterTotals?: readonly (number | null)[] | undefined;
  values: Record<string, unknown>;
  targets?: Record<string, unknown>;
}

/** The answer of a 试算 (the shape docs/SCHEME.md documents and the OpenAPI answer schema fixes). */
export type PreviewOutput = ReturnType<typeof shapeResult> & { warnings: Issue[] };

export type PreviewResult = { ok: false; issues: Issue[] } | { ok: true; result: PreviewOutput };

/** Most people in one 试算. */
export const MAX_PREVIEW_PEOPLE = 5_000;
/** Most scored items (people × indicators) in one 试算: what one request may cost the server. */
export const MAX_PREVIEW_ITEMS = 200_000;

/** 试算: validates a scheme and people's values in one pass and scores them as one pool. Stores nothing. */
export function previewScheme(schemeInput: unknown, people: readonly PreviewPerson[]): PreviewResult {
  const parsed = parseScheme(schemeInput);
  const issues: Issue[] = parsed.ok
    ? []
    : parsed.issues.map((i) => ({ ...i, path: prefixPath("scheme", i.path) }));
  // Values are checked against every indicator that is valid on its own, even when the scheme is not.
  const loose = parsed.ok ? undefined : looseIndicators(schemeInput);
  const indicators = new Map(
    (parsed.ok ? listIndicators(parsed.scheme) : (loose?.valid ?? [])).map((indicator) => [
      indicator.code,
      indicator,
    ]),
  );
  const skip = loose?.brokenCodes ?? new Set<string>();
  const warnings: Issue[] = parsed.warnings.map((w) => ({ ...w, path: prefixPath("scheme", w.path) }));
  // Bounded before any value is checked: what one request may cost the server.
  const items = people.length * indicators.size;
  if (items > MAX_PREVIEW_ITEMS)
    return {
      ok: false,
      issues: [
        {
          path: "people",
          code: "TOO_BIG",
          message: `人数 × 指标数不能超过 ${MAX_PREVIEW_ITEMS}（现为 ${items}） at most ${MAX_PREVIEW_ITEMS} people × indicators`,
        },
      ],
    };
  const seen = new Map<string, number>();
  people.forEach((person, index) => {
    const first = seen.get(person.employeeNo);
    if (first !== undefined)
      issues.push({
        path: `people[${index}].employeeNo`,
        message: `工号重复（与 people[${first}] 相同） duplicate employee number (first at people[${first}])`,
      });
    else seen.set(person.employeeNo, index);
    issues.push(...checkValuesAgainst(indicators, skip, person.values, person.targets, `people[${index}]`));
    if (
      parsed.ok &&
      person.unitClass !== undefined &&
      !(parsed.scheme.unitClasses ?? []).includes(person.unitClass)
    )
      issues.push({
        path: `people[${index}].unitClass`,
        code: "UNKNOWN_CLASS",
        message: `单位类别“${person.unitClass}”不在方案的 unitClasses 中 unit class not listed in the scheme's unitClasses`,
      });
    warnings.push(...personWarnings(indicators, person, index));
  });
  if (!parsed.ok || issues.length > 0) return { ok: false, issues: [...issues, ...warnings] };
  const pool = scorePool(
    parsed.scheme,
    people.map((person) => ({
      employeeNo: person.employeeNo,
      township: person.township,
      category: person.category,
      unitClass: person.unitClass,
      quarterTotals: person.quarterTotals,
      values: withoutNulls(person.values),
      // Validated above: every target is a finite number.
      targets: Object.fromEntries(Object.entries(person.targets ?? {}).map(([code, t]) => [code, Number(t)])),
    })),
  );
  return { ok: true, result: { ...shapeResult(parsed.scheme, pool), warnings } };
}

// 0.95 typed for 95 % on a percent indicator whose target is above 1.
function personWarnings(
  indicators: ReadonlyMap<string, Indicator>,
  person: PreviewPerson,
  index: number,
): Issue[] {
  const out: Issue[] = [];
  for (const [code, value] of Object.entries(person.values)) {
    const indicator = indicators.get(code);
    const override = person.targets?.[code];
    const message =
      indicator === undefined
        ? undefined
        : valueWarning(indicator, value, typeof override === "number" ? override : undefined);
    if (message !== undefined)
      out.push({ path: `people[${index}].values.${code}`, message, code: "FRACTION_AS_PERCENT" });
  }
  return out;
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
    else if (typeof value === "object" && value !== null) out[code] = countsOf(value);
  }
  return out;
}

// Validated above: an object value is counts per kind, each a finite number ≥ 0 or a list of case sizes.
function countsOf(value: object): IncidentCounts {
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, number | number[]] =>
        typeof entry[1] === "number" ||
        (Array.isArray(entry[1]) && entry[1].every((size: unknown) => typeof size === "number")),
    ),
  );
}

/** The preview endpoint's answer (docs/SCHEME.md; its OpenAPI schema in src/http/api-schemas-schemes.ts) (plus the missing codes of each person). */
function shapeResult(scheme: SchemeDocument, pool: ReturnType<typeof scorePool>) {
  return {
    people: pool.people.map((p) => ({
      employeeNo: p.employeeNo,
      // `extra` (超目标加分) only where the item earned some, so the documented shape holds for other schemes.
      items: p.items.map((item) =>
        item.extra === 0
          ? { code: item.code, score: item.score }
          : { code: item.code, score: item.score, extra: item.extra },
      ),
      base: p.base,
      bonus: p.bonus,
      total: p.total,
      ...(p.ownTotal === undefined ? {} : { ownTotal: p.ownTotal }),
      ...(p.weighted === undefined ? {} : { weighted: p.weighted }),
      vetoed: p.vetoed,
      // Why: the indicators that vetoed (none when only the total fell below vetoTotalBelow).
      vetoedBy: p.items.filter((item) => item.vetoed).map((item) => item.code),
      grade: p.grade,
      // 优秀名额已满: the total earns a higher grade than the quota left this person.
      quotaDemoted: !p.vetoed && p.grade !== gradeByTotal(scheme, p.total),
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

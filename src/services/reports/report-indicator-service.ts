import type { DbOrTx } from "../../db/client";
import type { DirectionCodes } from "../../db/queries/report-indicator-queries";
import { listSchemeIndicators } from "../../db/queries/report-indicator-queries";
import { schemeTraits } from "../../domain/indicator-direction";
import type { SchemeDocument } from "../../domain/scheme";
import { loadPeriodScheme } from "../scoring/scoring-service";

export type IndicatorTraits = ReturnType<typeof schemeTraits>;

const NO_TRAITS = {
  direction: "none",
  additive: false,
  unit: null,
  decimals: 2,
  pointsLabel: null,
} as const;

/** The indicator codes of each direction, for the SQL that computes completion. */
export function directionCodes(traits: IndicatorTraits): DirectionCodes {
  const entries = [...traits.entries()];
  return {
    higher: entries.filter(([, t]) => t.direction === "higher").map(([code]) => code),
    lower: entries.filter(([, t]) => t.direction === "lower").map(([code]) => code),
  };
}

/** A period's scheme with each indicator's traits (direction, additivity, unit, decimals) and direction codes. */
export async function loadIndicatorTraits(db: DbOrTx, periodId: number) {
  const scheme: SchemeDocument = await loadPeriodScheme(db, periodId);
  const traits = schemeTraits(scheme.categories);
  return { scheme, traits, codes: directionCodes(traits) };
}

/** The traits of one indicator code (none known: no direction, 2 decimals). */
export function traitsOf(traits: IndicatorTraits, code: string) {
  return traits.get(code) ?? NO_TRAITS;
}

/** The indicators of a scheme as reports list them: columns of every table, with unit, decimals and direction. */
export async function describeIndicators(db: DbOrTx, schemeId: number, traits: IndicatorTraits) {
  const rows = await listSchemeIndicators(db, schemeId);
  return rows.map(({ id: _id, ...row }) => ({ ...row, ...traitsOf(traits, row.code), unit: row.unit }));
}

/** The indicators of a scheme, in the scheme's order (an import template's columns). */
export function schemeIndicators(db: DbOrTx, schemeId: number) {
  return listSchemeIndicators(db, schemeId);
}

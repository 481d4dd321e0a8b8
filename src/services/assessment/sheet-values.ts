import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { SheetContext } from "../../db/queries/sheet-queries";
import { sheets } from "../../db/schema/sheet";
import type { Issue, SchemeDocument } from "../../domain/scheme";
import {
  type IncidentCounts,
  type IndicatorValue,
  numbersOf,
  validatePersonValues,
} from "../../domain/values";
import { conflict, invalid } from "../errors";

/** One value written to an item: by staff (self-report) or by an assessor (verified). */
export interface ItemWrite {
  code: string;
  value: IndicatorValue | null;
}

// The database keeps actuals as numeric(14,4) and never negative: larger or negative numbers are refused
// here with the field named, instead of failing in the database.
const MAX_ACTUAL = 1e9;

/** Checks written values against the scheme and the sheet's items; paths read `items[2].value`. */
export function checkItemWrites(
  scheme: SchemeDocument,
  writes: readonly ItemWrite[],
  allowed: ReadonlySet<string>,
  notAllowedMessage: string,
): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  writes.forEach((write, index) => {
    if (seen.has(write.code))
      issues.push({ path: `items[${index}].code`, message: "指标代码重复 duplicate indicator code" });
    seen.add(write.code);
    if (!allowed.has(write.code)) {
      issues.push({ path: `items[${index}].code`, message: notAllowedMessage });
      return;
    }
    if (write.value === null) return;
    for (const issue of validatePersonValues(scheme, { [write.code]: write.value }, undefined, ""))
      issues.push({ path: `items[${index}].value`, message: issue.message });
    if (numbersOf(write.value).some((n) => n < 0 || n > MAX_ACTUAL))
      issues.push({
        path: `items[${index}].value`,
        message: `应在 0 到 ${MAX_ACTUAL} 之间 must be between 0 and ${MAX_ACTUAL}`,
      });
  });
  return issues;
}

/** Throws a 400 naming every issue, if there are any. */
export function refuseIssues(issues: Issue[], message = "填报内容有误 Invalid values"): void {
  if (issues.length > 0) throw invalid(message, issues);
}

/** The columns that hold a value of an item, for self (`self*`) or verified (`verified*`) values. */
export function selfColumns(value: IndicatorValue | null) {
  return {
    selfValue: typeof value === "number" ? value : null,
    selfFlag: typeof value === "boolean" ? value : null,
    selfRating: typeof value === "string" ? value : null,
    selfCounts: countsOrNull(value),
  };
}

function countsOrNull(value: IndicatorValue | null): IncidentCounts | null {
  return typeof value === "object" && value !== null ? value : null;
}

/** The verified-value columns of an item. */
export function verifiedColumns(value: IndicatorValue | null) {
  return {
    verifiedValue: typeof value === "number" ? value : null,
    verifiedFlag: typeof value === "boolean" ? value : null,
    verifiedRating: typeof value === "string" ? value : null,
    verifiedCounts: countsOrNull(value),
  };
}

/**
 * Optimistic concurrency: bumps the sheet's version only if it is still the one the client read, and sets
 * the given columns. A stale version is a 409 carrying the current version and status.
 */
export async function bumpSheet(
  tx: Tx,
  context: SheetContext,
  expectedVersion: number,
  set: Partial<typeof sheets.$inferInsert> = {},
) {
  const [updated] = await tx
    .update(sheets)
    .set({ ...set, version: sql`${sheets.version} + 1`, updatedAt: new Date() })
    .where(sql`${sheets.id} = ${context.sheet.id} and ${sheets.version} = ${expectedVersion}`)
    .returning();
  if (updated) return updated;
  const [current] = await tx
    .select({ version: sheets.version, status: sheets.status })
    .from(sheets)
    .where(eq(sheets.id, context.sheet.id));
  throw conflict(
    "STALE_VERSION",
    "考核表已被他人修改，请刷新后重试 The sheet was changed by someone else; reload and try again",
    { current: current ?? null, yourVersion: expectedVersion },
  );
}

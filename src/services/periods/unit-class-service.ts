import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import { updateById } from "../../db/bulk";
import type { DbOrTx, Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { people } from "../../db/schema/org";
import { periods } from "../../db/schema/period";
import { sheets } from "../../db/schema/sheet";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { loadPeriodScheme, recomputePeriod } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";

// 分类考核: each sheet of a period records its unit's class (一类村 / 二、三类村), so the scheme's `byClass`
// parameters apply in the period's real scoring, not only in 试算. Only the scheme's `unitClasses` may be named.

/** One unit-class change: the person by id or 工号, and the class (null = none, the base parameters). */
export interface UnitClassWrite {
  personId?: number | undefined;
  employeeNo?: string | undefined;
  unitClass: string | null;
}

/** The scheme's classes and each sheet's class in a period (admin and assessor, own county). */
export async function listUnitClasses(db: DbOrTx, user: SessionUser, periodId: number) {
  const [period] = await db
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.id, periodId), eq(periods.countyId, user.countyId)));
  if (!period) throw missing("考核周期");
  const scheme = await loadPeriodScheme(db, periodId);
  const items = await db
    .select({
      personId: sql<number>`${sheets.personId}`, // inner join on people: person sheets only
      employeeNo: people.employeeNo,
      name: people.name,
      townshipId: sheets.townshipId,
      unitClass: sheets.unitClass,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .where(eq(sheets.periodId, periodId))
    .orderBy(asc(people.employeeNo));
  return { classes: scheme.unitClasses ?? [], items };
}

/**
 * Records the unit class of some sheets of a period, with a reason, audited per sheet; before 公示 only.
 * While assessing the period is recomputed in the same transaction, since a class can change scores.
 */
export const setUnitClasses = inOwnTransaction(setUnitClassesInTx);

async function setUnitClassesInTx(
  tx: Tx,
  user: SessionUser,
  periodId: number,
  input: { reason: string; items: readonly UnitClassWrite[] },
) {
  const period = await lockPeriod(tx, user.countyId, periodId);
  if (!period) throw missing("考核周期");
  if (period.status === "final")
    throw conflict("PERIOD_FINAL", "考核周期已归档，不能修改 The period is final");
  if (period.status === "published")
    throw conflict(
      "PERIOD_PUBLISHED",
      "结果已公示，不能再改单位类别 Results are published; unit classes can no longer change",
    );
  const scheme = await loadPeriodScheme(tx, periodId);
  const classes = scheme.unitClasses ?? [];
  const rows = await tx
    .select({
      sheetId: sheets.id,
      personId: sheets.personId,
      employeeNo: people.employeeNo,
      unitClass: sheets.unitClass,
    })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .where(
      and(
        eq(sheets.periodId, periodId),
        inArray(
          sheets.personId,
          tx.select({ id: people.id }).from(people).where(eq(people.countyId, user.countyId)),
        ),
      ),
    );
  const byId = new Map(rows.map((row) => [row.personId, row]));
  const byNo = new Map(rows.map((row) => [row.employeeNo, row]));
  const issues: { path: string; message: string }[] = [];
  const resolved = input.items.map((item, index) => {
    const row = item.personId !== undefined ? byId.get(item.personId) : byNo.get(item.employeeNo ?? "");
    if (row === undefined)
      issues.push({
        path: `items[${index}].${item.personId !== undefined ? "personId" : "employeeNo"}`,
        message: "此人不在本考核周期 This person has no sheet in the period",
      });
    if (item.unitClass !== null && !classes.includes(item.unitClass))
      issues.push({
        path: `items[${index}].unitClass`,
        message:
          classes.length === 0
            ? "本期方案没有单位类别（unitClasses） The period's scheme declares no unit classes"
            : `单位类别应为 ${classes.join("、")} 之一 expected one of ${classes.join(", ")}`,
      });
    return { row, unitClass: item.unitClass };
  });
  if (issues.length > 0) throw invalid("单位类别有误 Invalid unit classes", issues);
  const changed = resolved.filter(
    (entry): entry is { row: (typeof rows)[number]; unitClass: string | null } =>
      entry.row !== undefined && entry.row.unitClass !== entry.unitClass,
  );
  await updateById(
    tx,
    "sheets",
    { unit_class: "text" },
    changed.map((entry) => ({ id: entry.row.sheetId, values: [entry.unitClass] })),
  );
  await recordAudit(
    tx,
    user,
    changed.map((entry) => ({
      action: "sheet.unit_class",
      entity: "sheet",
      entityId: entry.row.sheetId,
      before: { unitClass: entry.row.unitClass },
      after: { unitClass: entry.unitClass, personId: entry.row.personId, employeeNo: entry.row.employeeNo },
      reason: input.reason,
    })),
  );
  if (changed.length > 0 && period.status === "assessing") await recomputePeriod(tx, periodId);
  return { updated: changed.length };
}

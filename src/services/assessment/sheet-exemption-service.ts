import { eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { findSheet } from "../../db/queries/sheet-queries";
import { sheetItems } from "../../db/schema/sheet";
import { EXEMPT_CATEGORY_LABELS, type ExemptCategory } from "../../domain/sheet-state";
import { recordAudit } from "../audit/audit";
import { recomputePeriod } from "../scoring/scoring-service";
import { sheetForAction } from "./self-report-service";
import { partyOf } from "./sheet-access";
import { bumpSheet } from "./sheet-values";

/**
 * 不参加本期考核: the admin takes a person out of a period (long sick leave, transferred, new and not yet a full
 * period in post, other) with a reason. The sheet leaves the pool: totals, ranks, the 优秀 quota count and the
 * township means are recomputed without it. Its entered values stay as they are.
 */
export async function exemptSheet(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; category: ExemptCategory; reason: string },
) {
  const peek = await findSheet(tx, user.countyId, sheetId);
  if (peek) await lockPeriod(tx, user.countyId, peek.period.id);
  const { context } = await sheetForAction(tx, user, sheetId, "score", "exempt");
  const updated = await bumpSheet(tx, context, input.version, {
    exemptCategory: input.category,
    exemptReason: input.reason,
    exemptBy: user.id,
    exemptAt: new Date(),
    base: null,
    bonus: null,
    total: null,
    grade: null,
    rank: null,
    townshipRank: null,
    vetoed: false,
  });
  // Item scores of an exempt sheet must not reach per-indicator means either; a restore recomputes them.
  await tx.update(sheetItems).set({ score: null, vetoed: false }).where(eq(sheetItems.sheetId, sheetId));
  await recomputePeriod(tx, context.period.id);
  await recordAudit(tx, user, {
    action: "sheet.exempt",
    entity: "sheet",
    entityId: sheetId,
    before: { exempt: null },
    after: {
      exempt: input.category,
      label: EXEMPT_CATEGORY_LABELS[input.category],
      ...partyOf(context),
    },
    reason: input.reason,
  });
  return updated;
}

/** Restores an exempt person to the period (before 公示), with a reason; the pool is recomputed with them. */
export async function restoreSheet(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; reason: string },
) {
  const peek = await findSheet(tx, user.countyId, sheetId);
  if (peek) await lockPeriod(tx, user.countyId, peek.period.id);
  const { context } = await sheetForAction(tx, user, sheetId, "score", "restore");
  const updated = await bumpSheet(tx, context, input.version, {
    exemptCategory: null,
    exemptReason: null,
    exemptBy: null,
    exemptAt: null,
  });
  await recomputePeriod(tx, context.period.id);
  await recordAudit(tx, user, {
    action: "sheet.restore",
    entity: "sheet",
    entityId: sheetId,
    before: { exempt: context.sheet.exemptCategory },
    after: { exempt: null, ...partyOf(context) },
    reason: input.reason,
  });
  return updated;
}

import { and, eq, isNull } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { lockPeriod } from "../../db/queries/period-lock";
import { findSheet, listSheetItems } from "../../db/queries/sheet-queries";
import { indicators } from "../../db/schema/scheme";
import { sheetItems, sheetRequests } from "../../db/schema/sheet";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing } from "../errors";
import { loadPeriodScheme, recomputePeriod } from "../scoring/scoring-service";
import { inOwnTransaction } from "../transaction";
import { sheetForAction } from "./self-report-service";
import { bumpSheet, checkItemWrites, type ItemWrite, refuseIssues, verifiedColumns } from "./sheet-values";
import { selfValueOf, verifiedValueOf } from "./sheet-view-service";

export type VerifiedWrite = ItemWrite & { reason?: string | null };

const sameValue = (a: unknown, b: unknown) =>
  a === b || (a !== null && b !== null && Number(a) === Number(b) && typeof a === typeof b);

/**
 * Writes verified values on a sheet's items. A verified value that differs from the self-reported one needs
 * a reason; `null` clears the verification (the self value counts again). Returns the audit changes.
 */
async function writeVerified(
  tx: Tx,
  user: SessionUser,
  context: { sheet: { id: number }; period: { id: number } },
  writes: VerifiedWrite[],
  fallbackReason?: string,
) {
  const scheme = await loadPeriodScheme(tx, context.period.id);
  const items = await listSheetItems(tx, context.sheet.id);
  const codes = new Set(items.map((row) => row.indicator.code));
  const issues = checkItemWrites(scheme, writes, codes, "not an indicator of this sheet");
  const byCode = new Map(items.map((row) => [row.indicator.code, row]));
  writes.forEach((write, index) => {
    const row = byCode.get(write.code);
    const self = row ? selfValueOf(row.item) : null;
    const reason = write.reason?.trim() || fallbackReason;
    if (row && write.value !== null && self !== null && !sameValue(self, write.value) && !reason)
      issues.push({
        path: `items[${index}].reason`,
        message:
          "核定值与自评值不同，必须说明理由 A reason is required when the value differs from the self-report",
      });
  });
  refuseIssues(issues, "评分内容有误 Invalid scores");
  const changes = [];
  for (const write of writes) {
    const row = byCode.get(write.code);
    if (!row) continue;
    const self = selfValueOf(row.item);
    const differs = write.value !== null && self !== null && !sameValue(self, write.value);
    const reason = differs ? write.reason?.trim() || fallbackReason || null : write.reason?.trim() || null;
    await tx
      .update(sheetItems)
      .set({
        ...verifiedColumns(write.value),
        changeReason: reason,
        updatedBy: user.id,
        updatedAt: new Date(),
      })
      .where(eq(sheetItems.id, row.item.id));
    changes.push({ code: write.code, self, before: verifiedValueOf(row.item), after: write.value, reason });
  }
  return changes;
}

/** 评分: an assessor records verified values (with reasons) and the period is recomputed. */
export async function scoreSheetItems(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; items: VerifiedWrite[] },
) {
  const peek = await findSheet(tx, user.countyId, sheetId);
  if (peek) await lockPeriod(tx, user.countyId, peek.period.id);
  const { context } = await sheetForAction(tx, user, sheetId, "score", "score");
  await bumpSheet(tx, context, input.version);
  const changes = await writeVerified(tx, user, context, input.items);
  await recomputePeriod(tx, context.period.id);
  await recordAudit(
    tx,
    user,
    changes.map((change) => ({
      action: "sheet.score",
      entity: "sheet_item",
      entityId: `${sheetId}:${change.code}`,
      before: { verified: change.before, self: change.self },
      after: { verified: change.after },
      reason: change.reason,
    })),
  );
}

/** Marks a reviewed sheet scored; every assessor-rated indicator (ratings) must have a value first. */
export async function markSheetScored(tx: Tx, user: SessionUser, sheetId: number, version: number) {
  const peek = await findSheet(tx, user.countyId, sheetId);
  if (peek) await lockPeriod(tx, user.countyId, peek.period.id);
  const { context, to } = await sheetForAction(tx, user, sheetId, "score", "markScored");
  const items = await listSheetItems(tx, sheetId);
  const unrated = items.filter(
    ({ item, indicator }) =>
      indicator.source === "assessor" && indicator.ruleType !== "veto" && verifiedValueOf(item) === null,
  );
  if (unrated.length > 0)
    throw invalid(
      "还有考核组评定项目未评定 Some assessor-rated indicators have no value",
      unrated.map(({ indicator }) => ({
        path: `items.${indicator.code}`,
        message: `${indicator.name}：未评定 not rated`,
      })),
    );
  const updated = await bumpSheet(tx, context, version, { status: to, scoredAt: new Date() });
  await recomputePeriod(tx, context.period.id);
  await recordAudit(tx, user, {
    action: "sheet.mark_scored",
    entity: "sheet",
    entityId: sheetId,
    before: { status: context.sheet.status },
    after: { status: updated.status },
  });
  return updated;
}

/** 复核: the staff member asks for a recheck during 公示, once, before the recheck deadline. */
export const requestRecheck = inOwnTransaction(requestRecheckInTx);

async function requestRecheckInTx(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { reason: string; indicatorCode?: string },
  now: Date,
) {
  const { context, to } = await sheetForAction(tx, user, sheetId, "self", "requestRecheck", {
    kind: "recheck",
    label: "复核申请",
    now,
  });
  const earlier = await tx
    .select({ id: sheetRequests.id })
    .from(sheetRequests)
    .where(and(eq(sheetRequests.sheetId, sheetId), eq(sheetRequests.kind, "recheck")));
  if (earlier.length > 0)
    throw conflict("RECHECK_ALREADY_FILED", "已申请过复核 A recheck was already filed for this sheet");
  return fileRequest(tx, user, context, "recheck", input, to, now);
}

/** 申诉: after a recheck was answered, the staff member appeals to the admin, once, before the appeal deadline. */
export const fileAppeal = inOwnTransaction(fileAppealInTx);

async function fileAppealInTx(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { reason: string; indicatorCode?: string },
  now: Date,
) {
  const { context, to } = await sheetForAction(tx, user, sheetId, "self", "appeal", {
    kind: "appeal",
    label: "申诉",
    now,
  });
  const history = await tx.select().from(sheetRequests).where(eq(sheetRequests.sheetId, sheetId));
  if (!history.some((r) => r.kind === "recheck" && r.decidedAt !== null))
    throw conflict(
      "RECHECK_REQUIRED",
      "申诉前须先申请复核并得到答复 An appeal needs an answered recheck first",
    );
  if (history.some((r) => r.kind === "appeal"))
    throw conflict("APPEAL_ALREADY_FILED", "已提出过申诉 An appeal was already filed");
  return fileRequest(tx, user, context, "appeal", input, to, now);
}

async function fileRequest(
  tx: Tx,
  user: SessionUser,
  context: Awaited<ReturnType<typeof sheetForAction>>["context"],
  kind: "recheck" | "appeal",
  input: { reason: string; indicatorCode?: string },
  to: string,
  now: Date,
) {
  let indicatorId: number | null = null;
  if (input.indicatorCode) {
    const [indicator] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.schemeId, context.period.schemeId), eq(indicators.code, input.indicatorCode)));
    if (!indicator) refuseIssues([{ path: "indicatorCode", message: "unknown indicator code" }]);
    indicatorId = indicator?.id ?? null;
  }
  const [request] = await tx
    .insert(sheetRequests)
    .values({
      countyId: user.countyId,
      sheetId: context.sheet.id,
      kind,
      indicatorId,
      reason: input.reason,
      filedBy: user.id,
      filedAt: now, // the app's clock, the one the deadlines are checked against
    })
    .returning();
  await bumpSheet(tx, context, context.sheet.version, { status: to as "recheck_requested" | "appealed" });
  await recordAudit(tx, user, {
    action: `sheet.${kind}`,
    entity: "sheet",
    entityId: context.sheet.id,
    after: { requestId: request?.id, status: to },
    reason: input.reason,
  });
  return request;
}

const OUTCOMES = { recheck: ["changed", "kept"], appeal: ["upheld", "rejected"] } as const;

/** Answers a 复核 (assessor) or 申诉 (admin); a changing outcome writes verified values and recomputes. Returns the sheet's id. */
export const decideRequest = inOwnTransaction(decideRequestInTx);

async function decideRequestInTx(
  tx: Tx,
  user: SessionUser,
  requestId: number,
  input: { outcome: "changed" | "kept" | "upheld" | "rejected"; reason: string; items?: VerifiedWrite[] },
  now = new Date(),
) {
  const [request] = await tx
    .select()
    .from(sheetRequests)
    .where(
      and(
        eq(sheetRequests.id, requestId),
        eq(sheetRequests.countyId, user.countyId),
        isNull(sheetRequests.decidedAt),
      ),
    );
  if (!request) throw missing("待处理的复核/申诉");
  const expectedRole = request.kind === "recheck" ? "assessor" : "admin";
  if (user.role !== expectedRole && !(request.kind === "recheck" && user.role === "admin"))
    throw conflict(
      "WRONG_DECIDER",
      request.kind === "recheck"
        ? "复核由县考核组答复 Rechecks are answered by assessors"
        : "申诉由管理员决定 Appeals are decided by the admin",
    );
  if (!(OUTCOMES[request.kind] as readonly string[]).includes(input.outcome))
    refuseIssues([{ path: "outcome", message: `expected one of ${OUTCOMES[request.kind].join(", ")}` }]);
  const peek = await findSheet(tx, user.countyId, request.sheetId);
  if (peek) await lockPeriod(tx, user.countyId, peek.period.id);
  const { context, to } = await sheetForAction(
    tx,
    user,
    request.sheetId,
    "score",
    request.kind === "recheck" ? "decideRecheck" : "decideAppeal",
  );
  const changing = input.outcome === "changed" || input.outcome === "upheld";
  if (changing && !input.items?.length)
    refuseIssues([{ path: "items", message: "a changing outcome needs the changed values" }]);
  const changes = changing ? await writeVerified(tx, user, context, input.items ?? [], input.reason) : [];
  await tx
    .update(sheetRequests)
    .set({ outcome: input.outcome, decisionReason: input.reason, decidedBy: user.id, decidedAt: now })
    .where(eq(sheetRequests.id, requestId));
  await bumpSheet(tx, context, context.sheet.version, { status: to });
  if (changing) await recomputePeriod(tx, context.period.id);
  await recordAudit(tx, user, {
    action: `${request.kind}.decide`,
    entity: "sheet",
    entityId: request.sheetId,
    after: { requestId, outcome: input.outcome, changes, status: to },
    reason: input.reason,
  });
  return { sheetId: request.sheetId };
}

import type { SessionUser } from "../auth/session";
import { updateById } from "../db/bulk";
import type { Tx } from "../db/client";
import { findSheet, listSheetEvidence, listSheetItems, personTargets } from "../db/queries/sheet-queries";
import { townshipReviews } from "../db/schema/sheet";
import { isPastDeadline } from "../domain/deadlines";
import type { PeriodStatus } from "../domain/period-state";
import { type SheetAction, type SheetStatus, transitionSheet } from "../domain/sheet-state";
import { recordAudit } from "./audit";
import { conflict, ServiceError } from "./errors";
import { loadPeriodScheme } from "./scoring-service";
import { assertSheetAccess, type SheetAccess } from "./sheet-access";
import { bumpSheet, checkItemWrites, type ItemWrite, refuseIssues, selfColumns } from "./sheet-values";
import { liveSelfScore, selfValueOf } from "./sheet-view-service";

/** Loads a sheet for a change: scope, state machine and (optionally) a deadline are checked up front. */
export async function sheetForAction(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  access: SheetAccess,
  action: SheetAction,
  deadline?: {
    date: (period: {
      selfReportDeadline: string;
      reviewDeadline: string;
      recheckDeadline: string;
      appealDeadline: string;
    }) => string;
    label: string;
    now: Date;
  },
) {
  const context = assertSheetAccess(user, await findSheet(tx, user.countyId, sheetId), access);
  const next = transitionSheet(
    context.sheet.status as SheetStatus,
    context.period.status as PeriodStatus,
    action,
  );
  if (!next.ok) throw conflict(next.code, next.message);
  if (deadline) {
    const date = deadline.date(context.period);
    if (isPastDeadline(date, deadline.now))
      throw conflict(
        "DEADLINE_PASSED",
        `${deadline.label}已于 ${date} 截止 The ${deadline.label} deadline ${date} has passed`,
        {
          deadline: date,
        },
      );
  }
  return { context, to: next.to };
}

/** The self-report deadline, as of `now`. */
export const selfDeadline = (now: Date) => ({
  date: (p: { selfReportDeadline: string }) => p.selfReportDeadline,
  label: "自评填报",
  now,
});

/** 年度自评: saves self-reported values and notes of a draft sheet, and stores each item's self-score. */
export async function saveSelfReport(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; items: (ItemWrite & { note?: string | null })[] },
  now: Date,
) {
  const { context } = await sheetForAction(tx, user, sheetId, "self", "saveSelf", selfDeadline(now));
  const scheme = await loadPeriodScheme(tx, context.period.id);
  const items = await listSheetItems(tx, sheetId);
  const selfCodes = new Set(items.filter((i) => i.indicator.source === "self").map((i) => i.indicator.code));
  refuseIssues(
    checkItemWrites(scheme, input.items, selfCodes, "not a self-reported indicator of this sheet"),
  );
  await bumpSheet(tx, context, input.version);
  // Apply the writes in memory, score the result, and write every item back in one set-based statement.
  const byCode = new Map(items.map((row) => [row.indicator.code, row]));
  const changes: { code: string; before: unknown; after: unknown }[] = [];
  for (const write of input.items) {
    const row = byCode.get(write.code);
    if (!row) continue;
    changes.push({ code: write.code, before: selfValueOf(row.item), after: write.value });
    row.item = {
      ...row.item,
      ...selfColumns(write.value),
      note: write.note === undefined ? row.item.note : write.note,
    };
  }
  const targets = await personTargets(tx, context.period.id, context.person.id);
  const live = liveSelfScore(scheme, context, items, targets);
  const scoreOf = new Map(live.items.map((scored) => [scored.code, scored.score]));
  const written = new Set(changes.map((change) => change.code));
  const updatedAt = new Date();
  await updateById(
    tx,
    "sheet_items",
    {
      self_value: "numeric",
      self_flag: "boolean",
      self_rating: "text",
      self_counts: "jsonb",
      note: "text",
      self_score: "numeric",
      updated_by: "int",
      updated_at: "timestamptz",
    },
    items.map(({ item, indicator }) => ({
      id: item.id,
      values: [
        item.selfValue,
        item.selfFlag,
        item.selfRating,
        item.selfCounts,
        item.note,
        scoreOf.get(indicator.code) ?? null,
        written.has(indicator.code) ? user.id : item.updatedBy,
        written.has(indicator.code) ? updatedAt : item.updatedAt,
      ],
    })),
  );
  await recordAudit(tx, user, {
    action: "sheet.self_report",
    entity: "sheet",
    entityId: sheetId,
    after: { items: changes },
  });
}

/** Submits a draft sheet; refused (422) while a self-reported value or required evidence is missing. */
export async function submitSheet(tx: Tx, user: SessionUser, sheetId: number, version: number, now: Date) {
  const { context, to } = await sheetForAction(tx, user, sheetId, "self", "submit", selfDeadline(now));
  const items = await listSheetItems(tx, sheetId);
  const evidence = await listSheetEvidence(
    tx,
    items.map((row) => row.item.id),
  );
  const problems: { path: string; message: string }[] = [];
  for (const { item, indicator } of items) {
    if (indicator.source !== "self") continue;
    const value = selfValueOf(item);
    if (value === null) {
      problems.push({ path: `items.${indicator.code}`, message: `${indicator.name}：未填报 missing value` });
      continue;
    }
    // A count of zero (e.g. no commendations) has nothing to prove.
    const needsEvidence = indicator.evidenceRequired && !(indicator.ruleType === "bonus" && value === 0);
    if (needsEvidence && !evidence.some((e) => e.sheetItemId === item.id))
      problems.push({
        path: `items.${indicator.code}.evidence`,
        message: `${indicator.name}：缺少佐证材料 evidence required`,
      });
  }
  if (problems.length > 0) {
    const codes = [...new Set(problems.map((p) => p.path.split(".")[1]))];
    throw new ServiceError(
      422,
      "SHEET_INCOMPLETE",
      `还有未完成的项目：${codes.join("、")} Incomplete items: ${codes.join(", ")}`,
      problems,
    );
  }
  const updated = await bumpSheet(tx, context, version, { status: to, submittedAt: new Date() });
  await recordAudit(tx, user, {
    action: "sheet.submit",
    entity: "sheet",
    entityId: sheetId,
    before: { status: context.sheet.status },
    after: { status: updated.status },
  });
  return updated;
}

/** 乡镇审核: the township passes a submitted sheet or returns it to its owner with a comment. */
export async function reviewSheet(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; decision: "pass" | "return"; comment?: string | null },
  now: Date,
) {
  const action = input.decision === "pass" ? "pass" : "return";
  const { context, to } = await sheetForAction(tx, user, sheetId, "review", action, {
    date: (p) => p.reviewDeadline,
    label: "乡镇审核",
    now,
  });
  const comment = input.comment?.trim() || null;
  if (action === "return" && !comment)
    refuseIssues([
      { path: "comment", message: "退回时必须填写意见 A comment is required to return a sheet" },
    ]);
  const updated = await bumpSheet(tx, context, input.version, {
    status: to,
    reviewComment: comment,
    reviewedAt: action === "pass" ? new Date() : null,
  });
  await tx
    .insert(townshipReviews)
    .values({ countyId: user.countyId, sheetId, decision: input.decision, comment, reviewedBy: user.id });
  await recordAudit(tx, user, {
    action: `sheet.review.${input.decision}`,
    entity: "sheet",
    entityId: sheetId,
    before: { status: context.sheet.status },
    after: { status: updated.status },
    reason: comment,
  });
  return updated;
}

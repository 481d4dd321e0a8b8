import type { SessionUser } from "../../auth/session";
import { updateById } from "../../db/bulk";
import type { Tx } from "../../db/client";
import { inJsonbKeyOrder } from "../../db/jsonb-order";
import {
  findSheet,
  listSheetEvidence,
  listSheetItems,
  type SheetContext,
} from "../../db/queries/sheet-queries";
import { townshipReviews } from "../../db/schema/sheet";
import { isPastDeadline } from "../../domain/deadlines";
import { examBoundCodes } from "../../domain/exam-binding";
import { type SheetAction, transitionSheet } from "../../domain/sheet-state";
import { recordAudit } from "../audit/audit";
import { conflict, type ErrorDetail, ServiceError } from "../errors";
import { sheetDeadlines } from "../periods/period-deadline-service";
import { assertSheetAccess, partyOf, type SheetAccess } from "./sheet-access";
import { bumpSheet, checkItemWrites, type ItemWrite, refuseIssues, selfColumns } from "./sheet-values";
import { liveSelfScore, loadSheetPage, pageTargets, selfValueOf, sheetViewOf } from "./sheet-view-service";

type DeadlineKind = "selfReport" | "review" | "recheck" | "appeal";

/** Loads a sheet for a change: scope, exemption, state machine and (optionally) a deadline are checked up front. */
export async function sheetForAction(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  access: SheetAccess,
  action: SheetAction,
  deadline?: { kind: DeadlineKind; label: string; now: Date },
) {
  const context = assertSheetAccess(user, await findSheet(tx, user.countyId, sheetId), access);
  const to = nextStatus(context, action);
  if (deadline)
    assertBeforeDeadline(context, deadline, await sheetDeadlines(tx, context.period, context.sheet));
  return { context, to };
}

/** The status an action moves a sheet to; a 409 when the state machine (or an exemption) refuses it. */
function nextStatus(context: SheetContext, action: SheetAction) {
  const next = transitionSheet(
    context.sheet.status,
    context.period.status,
    action,
    context.sheet.exemptCategory !== null,
  );
  if (!next.ok) throw conflict(next.code, next.message);
  return next.to;
}

/** A 409 naming the date once the deadline of the action (the sheet's own, with extensions) has passed. */
function assertBeforeDeadline(
  context: SheetContext,
  deadline: { kind: DeadlineKind; label: string; now: Date },
  own: { selfReport: string; review: string },
) {
  const dates: Record<DeadlineKind, string> = {
    selfReport: own.selfReport,
    review: own.review,
    recheck: context.period.recheckDeadline,
    appeal: context.period.appealDeadline,
  };
  const date = dates[deadline.kind];
  if (isPastDeadline(date, deadline.now))
    throw conflict(
      "DEADLINE_PASSED",
      `${deadline.label}已于 ${date} 截止，如需延期请联系县考核办 The ${deadline.label} deadline ${date} has passed; ask the county office for an extension`,
      { deadline: date },
    );
}

/** The self-report deadline (with extensions), as of `now`. */
export const selfDeadline = (now: Date) => ({ kind: "selfReport" as const, label: "自评填报", now });

/**
 * Who writes a self-report: the owner before their deadline, or (代填) an admin or assessor with a reason, for
 * someone who cannot; 代填 is not bound by the deadline, since it is how the office unblocks a late sheet.
 */
function selfWriter(user: SessionUser, onBehalfReason: string | null | undefined, save: boolean, now: Date) {
  // Staff fill in their own sheet; a township account its township's own sheet (自查自纠).
  if (user.role === "staff" || user.role === "township")
    return {
      access: "self" as const,
      action: save ? ("saveSelf" as const) : ("submit" as const),
      deadline: selfDeadline(now),
      reason: null,
    };
  const reason = onBehalfReason?.trim();
  if (!reason)
    refuseIssues([
      { path: "onBehalfReason", message: "代填须说明理由 Entering values for someone else needs a reason" },
    ]);
  return {
    access: "score" as const,
    action: save ? ("saveOnBehalf" as const) : ("submitOnBehalf" as const),
    deadline: undefined,
    reason: reason ?? null,
  };
}

/**
 * 年度自评: saves self-reported values and notes of a draft sheet, stores each item's self-score, and returns
 * the sheet page. Five statements whatever the number of items: the page (two reads), the version bump, one
 * set-based write of the items that changed, the audit row; the answer is built from what was read and
 * computed here, not read again (issue 21, "cheap saves").
 */
export async function saveSelfReport(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; items: (ItemWrite & { note?: string | null })[]; onBehalfReason?: string | null },
  now: Date,
) {
  const writer = selfWriter(user, input.onBehalfReason, true, now);
  const page = await loadSheetPage(tx, user, sheetId, writer.access);
  const { context, scheme, items } = page;
  nextStatus(context, writer.action);
  if (writer.deadline) assertBeforeDeadline(context, writer.deadline, page.deadlines);
  const selfCodes = new Set(items.filter((i) => i.indicator.source === "self").map((i) => i.indicator.code));
  // An exam-bound indicator takes the recorded exam score; staff cannot type over it.
  for (const code of examBoundCodes(scheme)) if (user.role === "staff") selfCodes.delete(code);
  refuseIssues(
    checkItemWrites(
      scheme,
      input.items,
      selfCodes,
      "not a self-reported indicator of this sheet (exam scores are filled in from the record)",
    ),
  );
  const sheet = await bumpSheet(tx, context, input.version);
  // Apply the writes in memory (as the database will store them), score the result, and write back in one
  // set-based statement the items whose values, note or stored self-score change.
  const byCode = new Map(items.map((row) => [row.indicator.code, row]));
  const changes: { code: string; before: unknown; after: unknown }[] = [];
  const updatedAt = new Date();
  for (const write of input.items) {
    const row = byCode.get(write.code);
    if (!row) continue;
    changes.push({ code: write.code, before: selfValueOf(row.item), after: write.value });
    const columns = selfColumns(write.value);
    row.item = {
      ...row.item,
      ...columns,
      selfCounts: columns.selfCounts && inJsonbKeyOrder(columns.selfCounts),
      note: write.note === undefined ? row.item.note : write.note,
      updatedBy: user.id,
      updatedAt,
    };
  }
  const live = liveSelfScore(scheme, context, items, pageTargets(items));
  const scoreOf = new Map(live.items.map((scored) => [scored.code, scored.score]));
  const written = new Set(changes.map((change) => change.code));
  const rows: { id: number; values: unknown[] }[] = [];
  for (const row of items) {
    const score = scoreOf.get(row.indicator.code) ?? null;
    if (!written.has(row.indicator.code) && score === row.item.selfScore) continue;
    const { item } = row;
    row.item = { ...item, selfScore: score };
    rows.push({
      id: item.id,
      values: [
        item.selfValue,
        item.selfFlag,
        item.selfRating,
        item.selfCounts,
        item.note,
        score,
        item.updatedBy,
        item.updatedAt,
      ],
    });
  }
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
    rows,
  );
  await recordAudit(tx, user, {
    action: writer.reason ? "sheet.self_report.on_behalf" : "sheet.self_report",
    entity: "sheet",
    entityId: sheetId,
    after: writer.reason ? { items: changes, onBehalfOf: partyOf(context) } : { items: changes },
    reason: writer.reason,
  });
  return sheetViewOf(tx, user, { ...page, context: { ...context, sheet } }, live);
}

/** Submits a draft sheet; refused (422) while a self-reported value or required evidence is missing. */
export async function submitSheet(
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  input: { version: number; onBehalfReason?: string | null },
  now: Date,
) {
  const writer = selfWriter(user, input.onBehalfReason, false, now);
  const version = input.version;
  const { context, to } = await sheetForAction(
    tx,
    user,
    sheetId,
    writer.access,
    writer.action,
    writer.deadline,
  );
  const items = await listSheetItems(tx, sheetId);
  const evidence = await listSheetEvidence(
    tx,
    items.map((row) => row.item.id),
  );
  const problems: ErrorDetail[] = [];
  for (const { item, indicator } of items) {
    if (indicator.source !== "self") continue;
    const value = selfValueOf(item);
    if (value === null) {
      problems.push({
        path: `items.${indicator.code}`,
        message: `${indicator.name}：未填报 missing value`,
        code: "VALUE_MISSING",
        params: { indicator: indicator.code, name: indicator.name },
      });
      continue;
    }
    // A count of zero (e.g. no commendations) has nothing to prove; 代填 is vouched for by its reason.
    const needsEvidence =
      writer.reason === null &&
      indicator.evidenceRequired &&
      !(indicator.ruleType === "bonus" && value === 0);
    if (needsEvidence && !evidence.some((e) => e.sheetItemId === item.id))
      problems.push({
        path: `items.${indicator.code}.evidence`,
        message: `${indicator.name}：缺少佐证材料 evidence required`,
        code: "EVIDENCE_MISSING",
        params: { indicator: indicator.code, name: indicator.name },
      });
  }
  if (problems.length > 0) {
    const codes = [...new Set(problems.map((p) => p.path.split(".")[1]))];
    throw new ServiceError(
      422,
      "SHEET_INCOMPLETE",
      `还有未完成的项目：${codes.join("、")} Incomplete items: ${codes.join(", ")}`,
      problems,
      { items: codes.filter((code): code is string => code !== undefined) },
    );
  }
  const updated = await bumpSheet(tx, context, version, { status: to, submittedAt: new Date() });
  await recordAudit(tx, user, {
    action: writer.reason ? "sheet.submit.on_behalf" : "sheet.submit",
    entity: "sheet",
    entityId: sheetId,
    before: { status: context.sheet.status },
    after: { status: updated.status, ...partyOf(context) },
    reason: writer.reason,
  });
  return updated;
}

/** 撤回: the owner takes back a submission the township has not reviewed yet (before their deadline). */
export async function withdrawSheet(tx: Tx, user: SessionUser, sheetId: number, version: number, now: Date) {
  const { context, to } = await sheetForAction(tx, user, sheetId, "self", "withdraw", selfDeadline(now));
  const updated = await bumpSheet(tx, context, version, { status: to, submittedAt: null });
  await recordAudit(tx, user, {
    action: "sheet.withdraw",
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
  // 督查: on a township's own sheet the county inspectors review, not bound by the township review deadline.
  const inspection = user.role === "assessor" || user.role === "admin";
  if (inspection) {
    const found = await findSheet(tx, user.countyId, sheetId);
    if (found && found.sheet.personId !== null)
      throw conflict(
        "NOT_TOWNSHIP_SHEET",
        "县督查组只审核乡镇考核表，人员考核表由乡镇审核 County inspectors review township sheets only; the township reviews its staff's sheets",
      );
  }
  const { context, to } = await sheetForAction(
    tx,
    user,
    sheetId,
    "review",
    action,
    inspection ? undefined : { kind: "review", label: "乡镇审核", now },
  );
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

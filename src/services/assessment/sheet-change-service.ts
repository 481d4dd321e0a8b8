import type { SessionUser } from "../../auth/session";
import type { Tx } from "../../db/client";
import { inOwnTransaction } from "../transaction";
import { markSheetScored, scoreSheetItems } from "./assessment-service";
import { reviewSheet, saveSelfReport, submitSheet, withdrawSheet } from "./self-report-service";
import { exemptSheet, restoreSheet } from "./sheet-exemption-service";
import { getSheetView } from "./sheet-view-service";

// The changes to one sheet as the API makes them: each in a transaction of its own, answered with the sheet
// as it now reads. The answer is read inside the transaction: a fault after the commit cannot turn a saved
// change into an error (the client would retry and get 409 for its own save).

type SheetChange<A extends unknown[]> = (
  tx: Tx,
  user: SessionUser,
  sheetId: number,
  ...args: A
) => Promise<unknown>;

function answeredWithView<A extends unknown[]>(change: SheetChange<A>) {
  return inOwnTransaction(async (tx, user: SessionUser, sheetId: number, ...args: A) => {
    await change(tx, user, sheetId, ...args);
    return getSheetView(tx, user, sheetId);
  });
}

/** 自评: saves self-reported values; answers the sheet view the save built from what it read and computed. */
export const saveSelfReportThenView = inOwnTransaction(saveSelfReport);
/** 提交: submits the self-report; answers the sheet view. */
export const submitSheetThenView = answeredWithView(submitSheet);
/** 撤回: withdraws a submission; answers the sheet view. */
export const withdrawSheetThenView = answeredWithView(withdrawSheet);
/** 不参加本期考核: exempts the sheet; answers the sheet view. */
export const exemptSheetThenView = answeredWithView(exemptSheet);
/** Restores an exempted sheet; answers the sheet view. */
export const restoreSheetThenView = answeredWithView(restoreSheet);
/** 审核 / 督查: passes or returns the sheet; answers the sheet view. */
export const reviewSheetThenView = answeredWithView(reviewSheet);
/** 评分: the assessors' verified values; answers the sheet view. */
export const scoreSheetItemsThenView = answeredWithView(scoreSheetItems);
/** 评分完成: marks the sheet scored; answers the sheet view. */
export const markSheetScoredThenView = answeredWithView(markSheetScored);

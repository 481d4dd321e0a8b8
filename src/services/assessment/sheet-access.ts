import type { SessionUser } from "../../auth/session";
import type { SheetContext } from "../../db/queries/sheet-queries";
import { missing, outOfScope } from "../errors";

export type SheetAccess = "read" | "self" | "review" | "score";

/** Whose sheet it is, for audit rows: the person (id, 工号) or the township of a township's own sheet. */
export function partyOf(context: SheetContext) {
  return context.person
    ? { personId: context.person.id, employeeNo: context.person.employeeNo }
    : { townshipId: context.township.id, township: context.township.name };
}

/**
 * Checks that a user may touch a sheet in the given way. A sheet outside the user's scope is reported as
 * not found, so that guessing ids reveals nothing; a sheet in scope but not theirs to change is a 403.
 */
export function assertSheetAccess(
  user: SessionUser,
  context: SheetContext | undefined,
  access: SheetAccess,
): SheetContext {
  if (!context) throw missing("考核表");
  const county = user.role === "assessor" || user.role === "admin";
  const township = user.role === "township" && user.townshipId === context.sheet.townshipId;
  // 乡镇考核表: the township is the party (自查自纠, 复核, 申诉), and the county inspectors (督查组: assessors and
  // admins) pass or return its submission before they score it.
  const townshipSheet = context.sheet.personId === null;
  const own = townshipSheet ? township : user.role === "staff" && user.personId === context.sheet.personId;
  if (!own && !township && !county) throw missing("考核表");
  const allowed: Record<SheetAccess, boolean> = {
    read: true,
    self: own,
    review: townshipSheet ? county : township,
    score: county,
  };
  if (!allowed[access]) throw outOfScope();
  return context;
}

import type { SessionUser } from "../auth/session";
import type { SheetContext } from "../db/queries/sheet-queries";
import { missing, outOfScope } from "./errors";

export type SheetAccess = "read" | "self" | "review" | "score";

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
  const own = user.role === "staff" && user.personId === context.sheet.personId;
  const township = user.role === "township" && user.townshipId === context.sheet.townshipId;
  const county = user.role === "assessor" || user.role === "admin";
  if (!own && !township && !county) throw missing("考核表");
  const allowed: Record<SheetAccess, boolean> = {
    read: true,
    self: own,
    review: township,
    score: user.role === "assessor" || user.role === "admin",
  };
  if (!allowed[access]) throw outOfScope();
  return context;
}

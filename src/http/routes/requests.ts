import { Hono } from "hono";
import { z } from "zod";
import { decideRequest } from "../../services/assessment/assessment-service";
import { openRequests } from "../../services/assessment/request-list-service";
import { getSheetView } from "../../services/assessment/sheet-view-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { itemValueSchema } from "../item-value";
import { idParam, idSchema, uniqueBy, validate } from "../validation";

const decideBody = z.object({
  outcome: z.enum(["changed", "kept", "upheld", "rejected"]),
  reason: z.string().trim().min(1, "必须说明理由 A reason is required").max(4000),
  items: z
    .array(
      z.object({
        code: z.string().trim().min(1).max(32),
        value: itemValueSchema,
        reason: z.string().trim().max(2000).nullable().optional(),
      }),
    )
    .max(200)
    .superRefine(uniqueBy((item) => item.code, "code"))
    .optional(),
});

const openQuery = z.object({
  periodId: idSchema.optional(),
  kind: z.enum(["recheck", "appeal"]).optional(),
  townshipId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** 复核 (answered by assessors) and 申诉 (decided by the admin): the open ones, and their decisions. */
export function requestRoutes() {
  return new Hono<AppEnv>()
    .get("/", roles("assessor", "admin"), validate("query", openQuery), async (c) =>
      c.json(await openRequests(c.var.db, currentUser(c), c.req.valid("query"), c.var.now)),
    )
    .post(
      "/:id/decide",
      roles("assessor", "admin"),
      validate("param", idParam),
      validate("json", decideBody),
      async (c) => {
        const user = currentUser(c);
        const { sheetId } = await decideRequest(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.var.now,
        );
        return c.json(await getSheetView(c.var.db, user, sheetId));
      },
    );
}

import { Hono } from "hono";
import { z } from "zod";
import { decideRequest } from "../../services/assessment-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { itemValueSchema } from "../item-value";
import { idParam, uniqueBy, validate } from "../validation";

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

/** Answers to 复核 (assessor) and 申诉 (admin). */
export function requestRoutes() {
  return new Hono<AppEnv>().post(
    "/:id/decide",
    roles("assessor", "admin"),
    validate("param", idParam),
    validate("json", decideBody),
    async (c) => {
      const user = currentUser(c);
      await c.var.db.transaction((tx) =>
        decideRequest(tx, user, c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json({ ok: true });
    },
  );
}

import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { listPeriods } from "../../db/queries/period-queries";
import { periods } from "../../db/schema/period";
import type { PeriodAction } from "../../domain/period-state";
import { createPeriod, transitionPeriodStatus } from "../../services/period-service";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { currentUser, roles, signedIn } from "../guards";
import { idParam, jsonIdSchema, uniqueBy, validate } from "../validation";

const isoDate = z.iso.date("日期格式应为 YYYY-MM-DD");

const newPeriod = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: z.string().trim().min(1).max(100),
    schemeId: jsonIdSchema,
    selfReportDeadline: isoDate,
    reviewDeadline: isoDate,
    recheckDeadline: isoDate,
    appealDeadline: isoDate,
    townshipIds: z.array(jsonIdSchema).min(1).max(5000).superRefine(uniqueBy(String, "township")).optional(),
  })
  .superRefine((p, ctx) => {
    const order = ["selfReportDeadline", "reviewDeadline", "recheckDeadline", "appealDeadline"] as const;
    for (let i = 1; i < order.length; i++) {
      const [earlier, later] = [order[i - 1], order[i]];
      if (earlier && later && p[later] < p[earlier])
        ctx.addIssue({ code: "custom", path: [later], message: `must not be before ${earlier}` });
    }
  });

const reasonBody = z.object({
  reason: z.string().trim().min(1, "必须说明理由 A reason is required").max(2000),
});

function transition(action: PeriodAction) {
  return new Hono<AppEnv>().post("/", roles("admin"), validate("param", idParam), async (c) => {
    const user = currentUser(c);
    const period = await c.var.db.transaction((tx) =>
      transitionPeriodStatus(tx, user, c.req.valid("param").id, action),
    );
    return c.json({ period });
  });
}

/** Assessment periods (考核周期) and their life cycle. */
export function periodRoutes() {
  return new Hono<AppEnv>()
    .get("/", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await listPeriods(c.var.db, user.countyId) });
    })
    .post("/", roles("admin"), validate("json", newPeriod), async (c) => {
      const user = currentUser(c);
      const period = await c.var.db.transaction((tx) => createPeriod(tx, user, c.req.valid("json")));
      return c.json({ period }, 201);
    })
    .get("/:id", signedIn, validate("param", idParam), async (c) => {
      const user = currentUser(c);
      const [period] = await c.var.db
        .select()
        .from(periods)
        .where(and(eq(periods.id, c.req.valid("param").id), eq(periods.countyId, user.countyId)));
      if (!period) throw notFound("考核周期");
      return c.json({ period });
    })
    .route("/:id/open", transition("open"))
    .route("/:id/start-assessing", transition("startAssessing"))
    .route("/:id/publish", transition("publish"))
    .route("/:id/finalize", transition("finalize"))
    .post(
      "/:id/reopen",
      roles("admin"),
      validate("param", idParam),
      validate("json", reasonBody),
      async (c) => {
        const user = currentUser(c);
        const { reason } = c.req.valid("json");
        const period = await c.var.db.transaction((tx) =>
          transitionPeriodStatus(tx, user, c.req.valid("param").id, "reopen", reason),
        );
        return c.json({ period });
      },
    );
}

import { Hono } from "hono";
import { z } from "zod";
import { DEADLINE_FIELDS } from "../../domain/deadlines";
import { PERIOD_KINDS, periodKindIssues } from "../../domain/period-kind";
import { type PeriodAction, periodActionsFrom } from "../../domain/period-state";
import { missing } from "../../services/errors";
import {
  changeDeadlines,
  grantExtension,
  listExtensions,
} from "../../services/periods/period-deadline-service";
import { addPersonToPeriod } from "../../services/periods/period-members-service";
import {
  countyPeriods,
  createPeriod,
  findPeriod,
  sheetCounts,
  transitionPeriodStatus,
} from "../../services/periods/period-service";
import type { AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idParam, jsonIdSchema, uniqueBy, validate } from "../validation";

const isoDate = z.iso.date("日期格式应为 YYYY-MM-DD");
const reason = z.string().trim().min(1, "必须说明理由 A reason is required").max(2000);

const newPeriod = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(PERIOD_KINDS).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    schemeId: jsonIdSchema,
    selfReportDeadline: isoDate,
    reviewDeadline: isoDate,
    recheckDeadline: isoDate,
    appealDeadline: isoDate,
    townshipIds: z.array(jsonIdSchema).min(1).max(5000).superRefine(uniqueBy(String, "township")).optional(),
    confirmPastDeadlines: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    for (const issue of periodKindIssues({ ...p, kind: p.kind ?? "annual" }))
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    for (let i = 1; i < DEADLINE_FIELDS.length; i++) {
      const [earlier, later] = [DEADLINE_FIELDS[i - 1], DEADLINE_FIELDS[i]];
      if (earlier && later && p[later] < p[earlier])
        ctx.addIssue({ code: "custom", path: [later], message: `must not be before ${earlier}` });
    }
  });

const deadlinesBody = z
  .object({
    selfReportDeadline: isoDate.optional(),
    reviewDeadline: isoDate.optional(),
    recheckDeadline: isoDate.optional(),
    appealDeadline: isoDate.optional(),
    reason,
    confirmPastDeadlines: z.boolean().optional(),
  })
  .refine((b) => DEADLINE_FIELDS.some((f) => b[f] !== undefined), {
    message: "至少修改一个截止日期 change at least one deadline",
    path: ["selfReportDeadline"],
  });

const extensionBody = z.object({
  townshipId: jsonIdSchema.optional(),
  personId: jsonIdSchema.optional(),
  selfReportDeadline: isoDate,
  reviewDeadline: isoDate.optional(),
  reason,
  confirmPastDeadlines: z.boolean().optional(),
});

const reasonBody = z.object({ reason });
const confirmBody = z.object({ confirm: z.boolean().optional() });
const memberBody = z
  .object({ personId: jsonIdSchema.optional(), employeeNo: z.string().trim().min(1).max(32).optional() })
  .refine((b) => (b.personId === undefined) !== (b.employeeNo === undefined), {
    message: "give exactly one of personId and employeeNo",
    path: ["personId"],
  });

function transition(action: PeriodAction) {
  return new Hono<AppEnv>().post("/", roles("admin"), validate("param", idParam), async (c) => {
    const user = currentUser(c);
    const period = await transitionPeriodStatus(c.var.db, user, c.req.valid("param").id, action);
    return c.json({ period });
  });
}

function transitionWithReason(action: PeriodAction) {
  return new Hono<AppEnv>().post(
    "/",
    roles("admin"),
    validate("param", idParam),
    validate("json", reasonBody),
    async (c) => {
      const user = currentUser(c);
      const { reason } = c.req.valid("json");
      const period = await transitionPeriodStatus(c.var.db, user, c.req.valid("param").id, action, {
        reason,
      });
      return c.json({ period });
    },
  );
}

/** Assessment periods (考核周期) and their life cycle. */
export function periodRoutes() {
  return new Hono<AppEnv>()
    .get("/", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await countyPeriods(c.var.db, user.countyId) });
    })
    .post("/", roles("admin"), validate("json", newPeriod), async (c) => {
      const user = currentUser(c);
      const result = await createPeriod(c.var.db, user, c.req.valid("json"), c.var.now);
      return c.json(result, 201);
    })
    .get("/:id", signedIn, validate("param", idParam), async (c) => {
      const user = currentUser(c);
      const period = await findPeriod(c.var.db, user.countyId, c.req.valid("param").id);
      if (!period) throw missing("考核周期");
      const county = user.role === "admin" || user.role === "assessor" || user.role === "viewer";
      return c.json({
        period,
        actions: user.role === "admin" ? periodActionsFrom(period.status) : [],
        counts: county ? await sheetCounts(c.var.db, period.id) : null,
        extensions: county ? await listExtensions(c.var.db, period.id) : [],
      });
    })
    .patch(
      "/:id/deadlines",
      roles("admin"),
      validate("param", idParam),
      validate("json", deadlinesBody),
      async (c) => {
        const user = currentUser(c);
        const result = await changeDeadlines(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.var.now,
        );
        return c.json(result);
      },
    )
    .post(
      "/:id/extensions",
      roles("admin"),
      validate("param", idParam),
      validate("json", extensionBody),
      async (c) => {
        const user = currentUser(c);
        const result = await grantExtension(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.var.now,
        );
        return c.json(result, 201);
      },
    )
    .post(
      "/:id/people",
      roles("admin"),
      validate("param", idParam),
      validate("json", memberBody),
      async (c) => {
        const user = currentUser(c);
        const result = await addPersonToPeriod(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.var.now,
        );
        return c.json(result, 201);
      },
    )
    .route("/:id/open", transition("open"))
    .post(
      "/:id/start-assessing",
      roles("admin"),
      validate("param", idParam),
      validate("json", confirmBody),
      async (c) => {
        const user = currentUser(c);
        const { confirm } = c.req.valid("json");
        const period = await transitionPeriodStatus(
          c.var.db,
          user,
          c.req.valid("param").id,
          "startAssessing",
          {
            confirm,
            now: c.var.now,
          },
        );
        return c.json({ period });
      },
    )
    .route("/:id/return-to-open", transitionWithReason("returnToOpen"))
    .route("/:id/publish", transition("publish"))
    .route("/:id/finalize", transition("finalize"))
    .route("/:id/reopen", transitionWithReason("reopen"));
}

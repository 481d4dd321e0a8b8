import { Hono } from "hono";
import { z } from "zod";
import { SHEET_STATUSES } from "../../domain/sheet-state";
import { listPeriodSheets } from "../../services/assessment/sheet-list-service";
import { listProgress, recordProgress } from "../../services/periods/progress-service";
import {
  decomposition,
  listTargets,
  setTargets,
  setTownshipTarget,
} from "../../services/periods/target-service";
import { listUnitClasses, setUnitClasses } from "../../services/periods/unit-class-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idParam, idSchema, jsonIdSchema, uniqueBy, validate } from "../validation";

const MAX_BATCH = 20_000;
const amount = z.number().finite().min(0).max(1e9);
const indicatorCode = z.string().trim().min(1).max(32);
const employeeNo = z.string().trim().min(1).max(32); // 工号

const scopeQuery = z.object({ personId: idSchema.optional(), townshipId: idSchema.optional() });

const targetsBody = z.object({
  reason: z.string().trim().min(1, "调整目标必须说明理由 A reason is required").max(2000),
  items: z
    .array(
      z
        .object({
          personId: jsonIdSchema.optional(),
          employeeNo: employeeNo.optional(),
          indicatorCode,
          value: amount,
        })
        .refine((item) => (item.personId === undefined) !== (item.employeeNo === undefined), {
          message: "须且只须给出 personId 或 employeeNo 之一 give exactly one of personId and employeeNo",
          path: ["personId"],
        }),
    )
    .min(1)
    .max(MAX_BATCH)
    .superRefine(
      uniqueBy(
        (item) => `${item.personId ?? `工号 ${item.employeeNo}`}:${item.indicatorCode}`,
        "personId/employeeNo + indicatorCode",
      ),
    ),
});

const townshipTargetBody = z.object({
  townshipId: jsonIdSchema,
  indicatorCode,
  value: amount,
  reason: z.string().trim().max(2000).optional(),
});

const progressBody = z.object({
  entries: z
    .array(
      z.object({
        indicatorCode,
        month: z.number().int().min(1).max(12),
        value: amount,
        note: z.string().max(500).nullable().optional(),
      }),
    )
    .min(1)
    .max(500)
    .superRefine(uniqueBy((entry) => `${entry.indicatorCode}:${entry.month}`, "indicatorCode + month")),
});

const unitClassesBody = z.object({
  reason: z.string().trim().min(1, "修改单位类别必须说明理由 A reason is required").max(2000),
  items: z
    .array(
      z
        .object({
          personId: jsonIdSchema.optional(),
          employeeNo: employeeNo.optional(),
          unitClass: z.string().trim().min(1).max(200).nullable(),
        })
        .refine((item) => (item.personId === undefined) !== (item.employeeNo === undefined), {
          message: "须且只须给出 personId 或 employeeNo 之一 give exactly one of personId and employeeNo",
          path: ["personId"],
        }),
    )
    .min(1)
    .max(MAX_BATCH)
    .superRefine(
      uniqueBy((item) => String(item.personId ?? `工号 ${item.employeeNo}`), "personId/employeeNo"),
    ),
});

const sheetsQuery = z.object({ townshipId: idSchema.optional(), status: z.enum(SHEET_STATUSES).optional() });

/** What belongs to one period: targets and their decomposition, monthly progress, the sheet queue. */
export function periodDataRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/:id/targets",
      roles("staff", "township", "assessor", "admin"),
      validate("param", idParam),
      validate("query", scopeQuery),
      async (c) => {
        const items = await listTargets(
          c.var.db,
          currentUser(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        );
        return c.json({ items });
      },
    )
    .put(
      "/:id/targets",
      roles("township", "admin"),
      validate("param", idParam),
      validate("json", targetsBody),
      async (c) => {
        const user = currentUser(c);
        const result = await setTargets(c.var.db, user, c.req.valid("param").id, c.req.valid("json"));
        return c.json(result);
      },
    )
    .get("/:id/unit-classes", roles("assessor", "admin"), validate("param", idParam), async (c) =>
      c.json(await listUnitClasses(c.var.db, currentUser(c), c.req.valid("param").id)),
    )
    .put(
      "/:id/unit-classes",
      roles("admin"),
      validate("param", idParam),
      validate("json", unitClassesBody),
      async (c) => {
        const user = currentUser(c);
        const result = await setUnitClasses(c.var.db, user, c.req.valid("param").id, c.req.valid("json"));
        return c.json(result);
      },
    )
    .put(
      "/:id/township-targets",
      roles("township", "admin"),
      validate("param", idParam),
      validate("json", townshipTargetBody),
      async (c) => {
        const user = currentUser(c);
        const { id } = c.req.valid("param");
        const body = c.req.valid("json");
        const items = await setTownshipTarget(c.var.db, user, id, body);
        return c.json({ items });
      },
    )
    .get(
      "/:id/decomposition",
      roles("township", "assessor", "admin"),
      validate("param", idParam),
      validate("query", z.object({ townshipId: idSchema })),
      async (c) => {
        const user = currentUser(c);
        const items = await decomposition(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("query").townshipId,
        );
        return c.json({ items });
      },
    )
    .get(
      "/:id/progress",
      roles("staff", "township", "assessor", "admin"),
      validate("param", idParam),
      validate("query", scopeQuery),
      async (c) => {
        const items = await listProgress(
          c.var.db,
          currentUser(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        );
        return c.json({ items });
      },
    )
    .put(
      "/:id/progress",
      roles("staff"),
      validate("param", idParam),
      validate("json", progressBody),
      async (c) => {
        const user = currentUser(c);
        const result = await recordProgress(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json").entries,
          c.var.now,
        );
        return c.json(result);
      },
    )
    .get(
      "/:id/sheets",
      roles("staff", "township", "assessor", "admin"),
      validate("param", idParam),
      validate("query", sheetsQuery),
      async (c) => {
        const user = currentUser(c);
        const query = c.req.valid("query");
        const items = await listPeriodSheets(c.var.db, user, {
          periodId: c.req.valid("param").id,
          status: query.status,
          townshipId: user.role === "township" ? (user.townshipId ?? -1) : query.townshipId,
          personId: user.role === "staff" ? (user.personId ?? -1) : undefined,
        });
        return c.json({ items });
      },
    );
}

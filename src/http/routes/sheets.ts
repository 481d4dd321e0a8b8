import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { periods } from "../../db/schema/period";
import { sheets } from "../../db/schema/sheet";
import { EXEMPT_CATEGORIES } from "../../domain/sheet-state";
import {
  fileAppeal,
  markSheetScored,
  requestRecheck,
  scoreSheetItems,
} from "../../services/assessment-service";
import { reviewSheet, saveSelfReport, submitSheet, withdrawSheet } from "../../services/self-report-service";
import { exemptSheet, restoreSheet } from "../../services/sheet-exemption-service";
import { getSheetView } from "../../services/sheet-view-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { itemValueSchema } from "../item-value";
import { idParam, uniqueBy, validate } from "../validation";

const version = z.number().int().min(1);
const code = z.string().trim().min(1).max(32);
const value = itemValueSchema;

const onBehalfReason = z.string().trim().max(2000).nullable().optional();
const selfBody = z.object({
  version,
  items: z
    .array(z.object({ code, value, note: z.string().max(2000).nullable().optional() }))
    .min(1)
    .max(200)
    .superRefine(uniqueBy((item) => item.code, "code")),
  /** 代填: required when an admin or assessor enters values for the person. */
  onBehalfReason,
});
const submitBody = z.object({ version, onBehalfReason });
const exemptBody = z.object({
  version,
  category: z.enum(EXEMPT_CATEGORIES),
  reason: z.string().trim().min(1, "必须说明理由 A reason is required").max(2000),
});
const restoreBody = z.object({
  version,
  reason: z.string().trim().min(1, "必须说明理由 A reason is required").max(2000),
});
const scoreBody = z.object({
  version,
  items: z
    .array(z.object({ code, value, reason: z.string().trim().max(2000).nullable().optional() }))
    .min(1)
    .max(200)
    .superRefine(uniqueBy((item) => item.code, "code")),
});
const versionBody = z.object({ version });
const reviewBody = z.object({
  version,
  decision: z.enum(["pass", "return"]),
  comment: z.string().max(2000).nullable().optional(),
});
const requestBody = z.object({
  reason: z.string().trim().min(1, "请说明理由 A reason is required").max(4000),
  indicatorCode: code.optional(),
});

/** 考核表: reading, self-report, submission, township review, scoring, 复核 and 申诉. */
export function sheetRoutes() {
  return (
    new Hono<AppEnv>()
      .get("/:id", roles("staff", "township", "assessor", "admin"), validate("param", idParam), async (c) =>
        c.json(await getSheetView(c.var.db, currentUser(c), c.req.valid("param").id)),
      )
      .patch(
        "/:id/self",
        roles("staff", "township", "assessor", "admin"),
        validate("param", idParam),
        validate("json", selfBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          // The answer is built inside the transaction: a fault after the commit cannot turn a saved change
          // into an error (the client would retry and get 409 for its own save).
          const view = await c.var.db.transaction((tx) =>
            saveSelfReport(tx, user, id, c.req.valid("json"), c.var.now),
          );
          return c.json(view);
        },
      )
      .post(
        "/:id/submit",
        roles("staff", "township", "assessor", "admin"),
        validate("param", idParam),
        validate("json", submitBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await submitSheet(tx, user, id, c.req.valid("json"), c.var.now);
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/withdraw",
        roles("staff", "township"),
        validate("param", idParam),
        validate("json", versionBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await withdrawSheet(tx, user, id, c.req.valid("json").version, c.var.now);
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/exempt",
        roles("admin"),
        validate("param", idParam),
        validate("json", exemptBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await exemptSheet(tx, user, id, c.req.valid("json"));
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/restore",
        roles("admin"),
        validate("param", idParam),
        validate("json", restoreBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await restoreSheet(tx, user, id, c.req.valid("json"));
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/review",
        roles("township"),
        validate("param", idParam),
        validate("json", reviewBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await reviewSheet(tx, user, id, c.req.valid("json"), c.var.now);
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      // 督查: the county inspectors pass or return a township's own sheet (乡镇考核表).
      .post(
        "/:id/inspect",
        roles("assessor", "admin"),
        validate("param", idParam),
        validate("json", reviewBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await reviewSheet(tx, user, id, c.req.valid("json"), c.var.now);
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .patch(
        "/:id/score",
        roles("assessor", "admin"),
        validate("param", idParam),
        validate("json", scoreBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await scoreSheetItems(tx, user, id, c.req.valid("json"));
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/mark-scored",
        roles("assessor", "admin"),
        validate("param", idParam),
        validate("json", versionBody),
        async (c) => {
          const user = currentUser(c);
          const id = c.req.valid("param").id;
          const view = await c.var.db.transaction(async (tx) => {
            await markSheetScored(tx, user, id, c.req.valid("json").version);
            return getSheetView(tx, user, id);
          });
          return c.json(view);
        },
      )
      .post(
        "/:id/recheck",
        roles("staff", "township"),
        validate("param", idParam),
        validate("json", requestBody),
        async (c) => {
          const user = currentUser(c);
          const request = await c.var.db.transaction((tx) =>
            requestRecheck(tx, user, c.req.valid("param").id, c.req.valid("json"), c.var.now),
          );
          return c.json({ request }, 201);
        },
      )
      .post(
        "/:id/appeal",
        roles("staff", "township"),
        validate("param", idParam),
        validate("json", requestBody),
        async (c) => {
          const user = currentUser(c);
          const request = await c.var.db.transaction((tx) =>
            fileAppeal(tx, user, c.req.valid("param").id, c.req.valid("json"), c.var.now),
          );
          return c.json({ request }, 201);
        },
      )
  );
}

/** The signed-in staff member's own sheets, newest period first. */
export function mySheetRoutes() {
  return new Hono<AppEnv>().get("/sheets", roles("staff"), async (c) => {
    const user = currentUser(c);
    const items = await c.var.db
      .select({
        id: sheets.id,
        periodId: periods.id,
        year: periods.year,
        periodName: periods.name,
        periodStatus: periods.status,
        status: sheets.status,
        version: sheets.version,
      })
      .from(sheets)
      .innerJoin(periods, eq(periods.id, sheets.periodId))
      .where(and(eq(sheets.personId, user.personId ?? -1), eq(sheets.countyId, user.countyId)))
      .orderBy(desc(periods.year));
    return c.json({ items });
  });
}

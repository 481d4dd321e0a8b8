import { Hono } from "hono";
import { z } from "zod";
import { EXEMPT_CATEGORIES } from "../../domain/sheet-state";
import { fileAppeal, requestRecheck } from "../../services/assessment/assessment-service";
import {
  exemptSheetThenView,
  markSheetScoredThenView,
  restoreSheetThenView,
  reviewSheetThenView,
  saveSelfReportThenView,
  scoreSheetItemsThenView,
  submitSheetThenView,
  withdrawSheetThenView,
} from "../../services/assessment/sheet-change-service";
import { listOwnSheets } from "../../services/assessment/sheet-list-service";
import { getSheetView } from "../../services/assessment/sheet-view-service";
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
          const view = await saveSelfReportThenView(c.var.db, user, id, c.req.valid("json"), c.var.now);
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
          const view = await submitSheetThenView(c.var.db, user, id, c.req.valid("json"), c.var.now);
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
          const view = await withdrawSheetThenView(
            c.var.db,
            user,
            id,
            c.req.valid("json").version,
            c.var.now,
          );
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
          const view = await exemptSheetThenView(c.var.db, user, id, c.req.valid("json"));
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
          const view = await restoreSheetThenView(c.var.db, user, id, c.req.valid("json"));
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
          const view = await reviewSheetThenView(c.var.db, user, id, c.req.valid("json"), c.var.now);
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
          const view = await reviewSheetThenView(c.var.db, user, id, c.req.valid("json"), c.var.now);
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
          const view = await scoreSheetItemsThenView(c.var.db, user, id, c.req.valid("json"));
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
          const view = await markSheetScoredThenView(c.var.db, user, id, c.req.valid("json").version);
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
          const request = await requestRecheck(
            c.var.db,
            user,
            c.req.valid("param").id,
            c.req.valid("json"),
            c.var.now,
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
          const request = await fileAppeal(
            c.var.db,
            user,
            c.req.valid("param").id,
            c.req.valid("json"),
            c.var.now,
          );
          return c.json({ request }, 201);
        },
      )
  );
}

/** The signed-in staff member's own sheets, newest period first. */
export function mySheetRoutes() {
  return new Hono<AppEnv>().get("/sheets", roles("staff"), async (c) => {
    const items = await listOwnSheets(c.var.db, currentUser(c));
    return c.json({ items });
  });
}

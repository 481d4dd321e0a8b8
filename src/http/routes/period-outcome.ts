import { Hono } from "hono";
import { z } from "zod";
import { MEASURE_KINDS } from "../../domain/consequences";
import { chinaDate } from "../../domain/deadlines";
import { conflict } from "../../services/errors";
import { attachmentDisposition } from "../../services/excel/file-names";
import { buildNotice, loadNoticeTemplate, saveNoticeTemplate } from "../../services/periods/notice-service";
import {
  assertPeriod,
  decidePreVeto,
  listConsequences,
  listPreVeto,
  recordConsequence,
} from "../../services/periods/outcome-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idParam, jsonIdSchema, validate } from "../validation";

const isoDate = z.iso.date("日期格式应为 YYYY-MM-DD");
const reason = z.string().trim().min(1, "必须说明理由 A reason is required").max(2000);

const preVetoBody = z.object({
  townshipId: jsonIdSchema,
  decision: z.enum(["confirm", "add", "remove"]),
  reason,
});

const consequenceBody = z
  .object({
    townshipId: jsonIdSchema.optional(),
    personId: jsonIdSchema.optional(),
    kind: z.enum(MEASURE_KINDS),
    measure: z.string().trim().min(1).max(100),
    amount: z.number().min(0).max(100_000_000).multipleOf(0.01).nullable().optional(),
    appliedOn: isoDate,
    documentNo: z.string().trim().min(1).max(100).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((b) => (b.townshipId === undefined) !== (b.personId === undefined), {
    message: "须指明一个乡镇或一名人员 give exactly one of townshipId and personId",
    path: ["townshipId"],
  });

/** 预否决 decisions and 兑现奖惩 of a period (the leading group's decisions on its result). */
export function periodOutcomeRoutes() {
  return new Hono<AppEnv>()
    .get("/:id/pre-veto", roles("admin", "assessor"), validate("param", idParam), async (c) => {
      const user = currentUser(c);
      const id = c.req.valid("param").id;
      await assertPeriod(c.var.db, user.countyId, id);
      return c.json({ items: await listPreVeto(c.var.db, user.countyId, id) });
    })
    .post(
      "/:id/pre-veto",
      roles("admin"),
      validate("param", idParam),
      validate("json", preVetoBody),
      async (c) => {
        const user = currentUser(c);
        const item = await decidePreVeto(c.var.db, user, c.req.valid("param").id, c.req.valid("json"));
        return c.json({ item });
      },
    )
    .get("/:id/consequences", roles("admin", "assessor", "viewer"), validate("param", idParam), async (c) => {
      const user = currentUser(c);
      const id = c.req.valid("param").id;
      const period = await assertPeriod(c.var.db, user.countyId, id);
      if (period.status !== "published" && period.status !== "final")
        throw conflict("PERIOD_NOT_PUBLISHED", "结果公示后才有奖惩 Consequences follow the published result");
      return c.json(await listConsequences(c.var.db, user.countyId, id));
    })
    .post(
      "/:id/consequences",
      roles("admin"),
      validate("param", idParam),
      validate("json", consequenceBody),
      async (c) => {
        const user = currentUser(c);
        const record = await recordConsequence(c.var.db, user, c.req.valid("param").id, c.req.valid("json"));
        return c.json({ record }, 201);
      },
    );
}

const noticeQuery = z.object({
  documentNo: z.string().trim().min(1).max(100).optional(),
  date: isoDate.optional(),
});

const templateBody = z.object({
  issuer: z.string().trim().min(1).max(100),
  documentNoPrefix: z.string().trim().min(1).max(50),
  body: z.string().trim().min(1).max(20_000),
});

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** 通报: the circular on a published period (JSON for the print page, .docx), and the county's template. */
export function noticeRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/periods/:id/notice",
      roles("admin"),
      validate("param", idParam),
      validate("query", noticeQuery),
      async (c) => {
        const user = currentUser(c);
        const { documentNo, date } = c.req.valid("query");
        return c.json(
          await buildNotice(c.var.db, user.countyId, c.req.valid("param").id, {
            documentNo,
            date: date ?? chinaDate(c.var.now),
          }),
        );
      },
    )
    .get(
      "/periods/:id/notice.docx",
      roles("admin"),
      validate("param", idParam),
      validate("query", noticeQuery),
      async (c) => {
        const user = currentUser(c);
        const { documentNo, date } = c.req.valid("query");
        const notice = await buildNotice(c.var.db, user.countyId, c.req.valid("param").id, {
          documentNo,
          date: date ?? chinaDate(c.var.now),
        });
        // docx is loaded with the first notice asked for, not at start-up (issue 21).
        const { noticeDocx } = await import("../../services/documents/notice-docx");
        const bytes = await noticeDocx(notice);
        c.header("content-type", DOCX);
        c.header("content-disposition", attachmentDisposition(`${notice.title}.docx`, "notice.docx"));
        return c.body(bytes as Uint8Array<ArrayBuffer>);
      },
    )
    .get("/notice-template", roles("admin"), async (c) =>
      c.json(await loadNoticeTemplate(c.var.db, currentUser(c).countyId)),
    )
    .put("/notice-template", roles("admin"), validate("json", templateBody), async (c) => {
      const user = currentUser(c);
      return c.json(await saveNoticeTemplate(c.var.db, user, c.req.valid("json")));
    });
}

import { Hono } from "hono";
import { z } from "zod";
import { chinaDate } from "../../domain/deadlines";
import {
  AUDIT_KINDS,
  auditActors,
  auditTable,
  listAuditSentences,
} from "../../services/audit/audit-sentence-service";
import { tableToXlsx } from "../../services/excel/export-table";
import { attachmentDisposition, exportFileName } from "../../services/excel/file-names";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idSchema, limitSchema, offsetSchema, validate } from "../validation";

const DAY_MS = 86_400_000;
const id = idSchema;
// A bare date means that calendar day in China Standard Time, where the county's users are.
const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "日期格式应为 YYYY-MM-DD 或 ISO 时间 Expected YYYY-MM-DD or an ISO date-time",
});

function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
}

// A form's empty field (`?entity=`) means "any", not an invalid value.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const auditQuery = z
  .object({
    entity: optional(z.string().trim().min(1).max(64)),
    entityId: optional(z.string().trim().min(1).max(64)),
    kind: optional(
      z
        .string()
        .trim()
        .regex(
          /^[a-z_]+(\.[a-z_-]+)*$/,
          "变更类别应为如 sheet 或 sheet.score kind: e.g. sheet or sheet.score",
        )
        .max(64),
    ),
    userId: optional(id),
    personId: optional(id),
    from: optional(dateOrTime),
    /** Inclusive: a bare date includes the whole day. */
    to: optional(dateOrTime),
    limit: limitSchema(200, 50),
    offset: offsetSchema,
  })
  .transform((q) => ({
    ...q,
    from: q.from === undefined ? undefined : startOf(q.from),
    to:
      q.to === undefined ? undefined : new Date(startOf(q.to).getTime() + (q.to.length === 10 ? DAY_MS : 1)),
  }))
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ["to"],
    message: "结束日期早于开始日期 `to` is before `from`",
  });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The most entries one export holds; a longer log is exported a date range at a time. */
const EXPORT_LIMIT = 5000;

/** The audit trail (审计日志), read-only: admins and assessors read their own county's, as sentences. */
export function auditRoutes() {
  return new Hono<AppEnv>()
    .get("/", roles("admin", "assessor"), validate("query", auditQuery), async (c) => {
      const query = c.req.valid("query");
      const result = await listAuditSentences(c.var.db, { ...query, countyId: currentUser(c).countyId });
      return c.json({ ...result, limit: query.limit, offset: query.offset });
    })
    .get("/filters", roles("admin", "assessor"), async (c) => {
      const actors = await auditActors(c.var.db, currentUser(c).countyId);
      const kinds = Object.entries(AUDIT_KINDS).map(([kind, label]) => ({ kind, label }));
      return c.json({
        kinds,
        users: actors.flatMap((a) =>
          a.userId === null ? [] : [{ id: a.userId, username: a.username ?? "" }],
        ),
      });
    })
    .get("/export", roles("admin", "assessor"), validate("query", auditQuery), async (c) => {
      const query = c.req.valid("query");
      const user = currentUser(c);
      const page = await listAuditSentences(c.var.db, {
        ...query,
        limit: EXPORT_LIMIT,
        offset: 0,
        countyId: user.countyId,
      });
      const date = chinaDate(c.var.now);
      const name = exportFileName(["审计日志", date], "xlsx");
      c.header("content-disposition", attachmentDisposition(name, `kaohe_audit_${date}.xlsx`));
      c.header("content-type", XLSX_TYPE);
      c.header("x-total-entries", String(page.total));
      return c.body(
        await tableToXlsx(auditTable(page, `审计日志（${date}）`), { subject: "审计日志", now: c.var.now }),
      );
    });
}

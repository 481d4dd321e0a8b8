import { Hono } from "hono";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/password-policy";
import { chinaDate } from "../../domain/deadlines";
import { ROLES as allRoles } from "../../domain/roles";
import { createUser, listUsers, resetPassword, updateUser } from "../../services/accounts/user-service";
import { tableToXlsx } from "../../services/excel/export-table";
import { attachmentDisposition, exportFileName } from "../../services/excel/file-names";
import { accountListTable, issueStaffAccounts } from "../../services/people/staff-account-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idSchema, jsonIdSchema, limitSchema, offsetSchema, validate } from "../validation";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const id = idSchema;
const nullableId = z.number().int().positive().max(2_147_483_647).nullable();
const role = z.enum(allRoles);
// The policy itself (length, username, common passwords) is checked by the service, which names the rule.
const password = z.string().min(1, "请输入密码 Password is required").max(MAX_PASSWORD_LENGTH);
const displayName = z.string().trim().min(1, "请输入姓名 Display name is required").max(100);

// A form's empty field (`?role=&q=`) means "any", not an invalid value.
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

const listQuery = z.object({
  role: z.preprocess(blankAsAbsent, role.optional()),
  q: z.preprocess(blankAsAbsent, z.string().trim().max(64).optional()),
  limit: limitSchema(500, 100),
  offset: offsetSchema,
});

const createBody = z.object({
  username: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_.-]{2,64}$/,
      "用户名为 2–64 个字母、数字或 _ . - Username: 2–64 letters, digits, _ . -",
    ),
  displayName,
  role,
  townshipId: nullableId.optional(),
  personId: nullableId.optional(),
  password,
});

const updateBody = z
  .object({
    displayName: displayName.optional(),
    role: role.optional(),
    townshipId: nullableId.optional(),
    personId: nullableId.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "没有要修改的内容 Nothing to change");

/** User administration (admin only): list, create, change or disable, reset a password, issue staff accounts. */
export function userRoutes() {
  return new Hono<AppEnv>()
    .get("/", roles("admin"), validate("query", listQuery), async (c) => {
      const query = c.req.valid("query");
      const result = await listUsers(c.var.db, currentUser(c).countyId, query);
      return c.json({ ...result, limit: query.limit, offset: query.offset });
    })
    .post("/", roles("admin"), validate("json", createBody), async (c) => {
      const user = await createUser(c.var.db, currentUser(c), c.req.valid("json"));
      return c.json({ user }, 201);
    })
    .patch(
      "/:id",
      roles("admin"),
      validate("param", z.object({ id })),
      validate("json", updateBody),
      async (c) => {
        const user = await updateUser(c.var.db, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
        return c.json({ user });
      },
    )
    .post(
      "/staff-accounts",
      roles("admin"),
      validate("json", z.object({ townshipId: jsonIdSchema })),
      async (c) => {
        const user = currentUser(c);
        const result = await issueStaffAccounts(c.var.db, user, c.req.valid("json").townshipId);
        const date = chinaDate(c.var.now);
        const name = exportFileName([result.township.name, "工作人员账号", date], "xlsx");
        c.header("content-disposition", attachmentDisposition(name, `kaohe_accounts_${date}.xlsx`));
        c.header("content-type", XLSX_TYPE);
        c.header("cache-control", "no-store"); // one-time passwords: never kept by a cache
        c.header("x-accounts-created", String(result.accounts.length));
        return c.body(
          await tableToXlsx(accountListTable(result), { subject: result.township.name, now: c.var.now }),
        );
      },
    )
    .post(
      "/:id/reset-password",
      roles("admin"),
      validate("param", z.object({ id })),
      validate("json", z.object({ password })),
      async (c) => {
        const { id: userId } = c.req.valid("param");
        const result = await resetPassword(c.var.db, currentUser(c), userId, c.req.valid("json").password);
        return c.json(result);
      },
    );
}

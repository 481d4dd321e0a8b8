import { Hono } from "hono";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/password-policy";
import { roles as allRoles } from "../../db/schema/auth";
import { createUser, listUsers, resetPassword, updateUser } from "../../services/user-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idSchema, limitSchema, offsetSchema, validate } from "../validation";

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

/** User administration (admin only): list, create, change or disable, reset a password. */
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

import { Hono } from "hono";
import { z } from "zod";
import { PERSON_CATEGORIES as personCategories } from "../../domain/scheme";
import { changePersonAccount } from "../../services/people/person-account-service";
import {
  createPerson,
  movePerson,
  personDetail,
  setPersonActive,
  updatePerson,
} from "../../services/people/person-service";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { idParam, jsonIdSchema, validate } from "../validation";

// Each message names its field in Chinese, then English, so a form can show it beside the control.
const text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${zh} ${en} is required`)
    .max(max, `${zh}最多 ${max} 个字 ${en}: at most ${max} characters`);
const optionalText = (max: number, zh: string, en: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    z.string().trim().max(max, `${zh}最多 ${max} 个字 ${en}: at most ${max} characters`).nullable(),
  );
const isoDate = (zh: string, en: string) => z.iso.date(`${zh}应为日期 YYYY-MM-DD ${en}: a date YYYY-MM-DD`);

const personFields = {
  name: text(50, "姓名", "Name"),
  gender: z.enum(["male", "female"], "性别应为男或女 Gender: male or female").nullable(),
  category: z.enum(personCategories, "人员类别应为所内人员或选调人员 Category: station or reassigned"),
  position: text(50, "职务", "Position"),
  originUnit: optionalText(100, "原单位", "Origin unit"),
  examScore: z
    .number("考试成绩应为数字 Exam score: a number")
    .min(0, "考试成绩在 0–100 之间 Exam score: 0–100")
    .max(100, "考试成绩在 0–100 之间 Exam score: 0–100")
    .multipleOf(0.01, "考试成绩最多两位小数 Exam score: at most 2 decimals")
    .nullable(),
  reassignedOn: isoDate("选调日期", "Reassigned on").nullable(),
  phone: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    z
      .string()
      .trim()
      .regex(/^[0-9+() -]{3,32}$/, "联系电话只能含数字、空格和 + ( ) - Phone: digits, spaces, + ( ) -")
      .nullable(),
  ),
};

const createBody = z
  .object({
    employeeNo: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{1,32}$/,
        "工号为 1–32 个字母、数字、- 或 _ Employee no.: 1–32 letters, digits, - or _",
      ),
    townshipId: jsonIdSchema,
    ...personFields,
    gender: personFields.gender.default(null),
    originUnit: personFields.originUnit.default(null),
    examScore: personFields.examScore.default(null),
    reassignedOn: personFields.reassignedOn.default(null),
    phone: personFields.phone.default(null),
  })
  .strict();

const reason = z
  .string()
  .trim()
  .min(1, "请说明理由 A reason is required")
  .max(500, "理由最多 500 字 Reason: at most 500");

const updateBody = z
  .object({ ...personFields, reason: reason.optional() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== "reason"), "没有要修改的内容 Nothing to change");

const moveBody = z
  .object({ townshipId: jsonIdSchema, movedOn: isoDate("调动日期", "Moved on"), reason })
  .strict();
const reasonBody = z.object({ reason }).strict();
const accountBody = z
  .object({
    action: z.enum(
      ["create", "reset", "disable", "enable"],
      "操作应为 create、reset、disable 或 enable action: create, reset, disable or enable",
    ),
  })
  .strict();

/** One person (人员): details, edits, moves (调动), retirement (离岗) and their sign-in, for the county office. */
export function personRoutes() {
  return new Hono<AppEnv>()
    .get("/:id", roles("admin", "township"), validate("param", idParam), async (c) =>
      c.json(await personDetail(c.var.db, currentUser(c), c.req.valid("param").id)),
    )
    .post("/", roles("admin"), validate("json", createBody), async (c) => {
      const user = currentUser(c);
      const person = await createPerson(c.var.db, user, c.req.valid("json"));
      return c.json({ person }, 201);
    })
    .patch("/:id", roles("admin"), validate("param", idParam), validate("json", updateBody), async (c) => {
      const user = currentUser(c);
      const { reason: why, ...changes } = c.req.valid("json");
      const result = await updatePerson(c.var.db, user, c.req.valid("param").id, changes, why ?? null);
      return c.json(result);
    })
    .post("/:id/move", roles("admin"), validate("param", idParam), validate("json", moveBody), async (c) => {
      const user = currentUser(c);
      const result = await movePerson(c.var.db, user, c.req.valid("param").id, c.req.valid("json"));
      return c.json(result);
    })
    .post(
      "/:id/retire",
      roles("admin"),
      validate("param", idParam),
      validate("json", reasonBody),
      async (c) => {
        const user = currentUser(c);
        const result = await setPersonActive(
          c.var.db,
          user,
          c.req.valid("param").id,
          false,
          c.req.valid("json").reason,
        );
        return c.json(result);
      },
    )
    .post(
      "/:id/reinstate",
      roles("admin"),
      validate("param", idParam),
      validate("json", reasonBody),
      async (c) => {
        const user = currentUser(c);
        const result = await setPersonActive(
          c.var.db,
          user,
          c.req.valid("param").id,
          true,
          c.req.valid("json").reason,
        );
        return c.json(result);
      },
    )
    .post(
      "/:id/account",
      roles("admin"),
      validate("param", idParam),
      validate("json", accountBody),
      async (c) => {
        const user = currentUser(c);
        const result = await changePersonAccount(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("json").action,
        );
        c.header("cache-control", "no-store"); // a one-time password: never kept by a cache
        return c.json(result);
      },
    );
}

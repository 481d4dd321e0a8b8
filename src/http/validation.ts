import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { zodIssuesToIssues } from "../domain/scheme-issues";
import { type ErrorDetail, invalid } from "../services/errors";

/** Converts zod issues into the API's error details: Chinese then English, with a stable code per detail. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], input?: unknown): ErrorDetail[] {
  return zodIssuesToIssues(input, issues).map((issue) => ({ ...issue, path: issue.path || "(root)" }));
}

const VALIDATION = Symbol("kaohe.validation");

/** What a validator checks, for the generated OpenAPI document. */
export interface ValidationSpec {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/** The validation a handler carries, if it is a validator made by `validate`. */
export function validationOf(handler: unknown): ValidationSpec | undefined {
  return typeof handler === "function" && VALIDATION in handler
    ? (handler as unknown as { [VALIDATION]: ValidationSpec })[VALIDATION]
    : undefined;
}

/** zValidator that answers bad input with the API's 400 shape, naming every offending field. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw invalid(
        target === "json"
          ? "请求内容有误，见各字段说明 Some fields of the request body are invalid"
          : `请求参数有误，见各字段说明 Some ${target} parameters are invalid`,
        issuesToDetails(result.error.issues, result.data),
      );
    }
  });
  return Object.assign(validator, { [VALIDATION]: { target, schema } });
}

/**
 * Refuses a bulk write that names the same thing twice (two values for one target, one month twice):
 * the later duplicate is the issue (`items[1]`), before any database statement could trip over it.
 */
export function uniqueBy<T>(keyOf: (item: T) => string, what: string) {
  return (items: readonly T[], ctx: z.core.$RefinementCtx<readonly T[]>) => {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `与第 ${seen + 1} 项重复（${what}） duplicate of [${seen}] (same ${what})`,
        });
    });
  };
}

/** The largest value of the 32-bit integer id columns. */
export const MAX_ID = 2_147_483_647;

/**
 * A whole number in a path or query, written in decimal digits only, between `min` and `max`. `Number()`
 * alone would read `0x10` as 16, `1e3` as 1000 and ` 7 ` as 7: a different record than the one named.
 */
export function digitsSchema(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/, `应为十进制整数 Expected decimal digits (${min}–${max})`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A positive database id in a path or query (the 32-bit range of the id columns). */
export const idSchema = digitsSchema(1, MAX_ID);

/** A database id inside a JSON body: a JSON number, never a string. */
export const jsonIdSchema = z.number().int().positive().max(MAX_ID);

/** `limit` of a paged list in a query. */
export const limitSchema = (max: number, fallback: number) => digitsSchema(1, max).default(fallback);

/** `offset` of a paged list in a query. */
export const offsetSchema = digitsSchema(0, 1_000_000).default(0);

/** `/:id` path parameters. */
export const idParam = z.object({ id: idSchema });

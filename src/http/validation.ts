import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { zodIssuesToIssues } from "../domain/scheme-issues";
import { badRequest, type ErrorDetail } from "./errors";

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
      throw badRequest(
        target === "json"
          ? "请求内容有误，见各字段说明 Some fields of the request body are invalid"
          : `请求参数有误，见各字段说明 Some ${target} parameters are invalid`,
        issuesToDetails(result.error.issues, result.data),
      );
    }
  });
  return Object.assign(validator, { [VALIDATION]: { target, schema } });
}

/** A positive database id in a path or query (the 32-bit range of the id columns). */
export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** `/:id` path parameters. */
export const idParam = z.object({ id: idSchema });

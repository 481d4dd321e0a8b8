import { z } from "zod";
import type { describeUser } from "../auth/session";
import { ROLES as roles } from "../domain/roles";
import { PERSON_CATEGORIES as personCategories } from "../domain/scheme";

// Answer bodies as zod schemas: the handlers build their bodies with these types, the OpenAPI document
// publishes them (src/http/openapi.ts), and the tests parse real answers with them.

/**
 * Every error answer: `{error: {code, message, details, params?}}`; details name the fields with a code and params
 * (or carry e.g. retryAt). Clients write their own sentence from `code` and `params`; `message` is for people
 * reading the raw answer.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable code to branch on, e.g. VALIDATION_FAILED, STALE_VERSION"),
    message: z.string().describe("Chinese first, then English"),
    details: z.union([
      z.array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe("Stable code of this problem, e.g. TOO_BIG, EVIDENCE_MISSING"),
          params: z.record(z.string(), z.unknown()).optional().describe("Values for the client's sentence"),
        }),
      ),
      z.record(z.string(), z.unknown()),
    ]),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Values the client puts into its own sentence for `code`, e.g. {maxMb: 20}"),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** GET /api/v1/health. */
export const healthBodySchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["pglite", "postgres"]),
  databaseReachable: z.boolean(),
  migrations: z.object({
    applied: z.number().int().nullable(),
    latest: z.string().nullable(),
    expected: z.number().int(),
  }),
});
export type HealthBody = z.infer<typeof healthBodySchema>;

/** The signed-in user as sign-in and `GET /auth/me` describe it (src/auth/session.ts describeUser). */
export const describedUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  mustChangePassword: z.boolean(),
  scope: z.object({
    countyId: z.number().int(),
    township: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  }),
  person: z
    .object({
      id: z.number().int(),
      name: z.string(),
      employeeNo: z.string(),
      category: z.enum(personCategories),
    })
    .nullable(),
});

/** POST /api/v1/auth/login. */
export const signInBodySchema = z.object({
  user: describedUserSchema,
  token: z.string().describe("For `Authorization: Bearer`; the same session as the cookie"),
  expiresAt: z.iso.datetime(),
});

/** GET /api/v1/auth/me. */
export const meBodySchema = z.object({ user: describedUserSchema });

/** POST /api/v1/auth/logout, logout-all and password. */
export const signedOutBodySchema = z.object({
  ok: z.literal(true),
  endedSessions: z.number().int().optional(),
});

/**
 * GET /api/v1/openapi.json: this document. Its top level is fixed; paths and components are keyed by path and
 * name, each an OpenAPI object (the OpenAPI 3.1 schema describes them; the test validates against it).
 */
export const openApiBodySchema = z.object({
  openapi: z.literal("3.1.0"),
  info: z.object({ title: z.string(), version: z.string() }).loose(),
  tags: z.array(z.object({ name: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.record(z.string(), z.unknown())),
});

// The schemas above must describe exactly what the handlers build: a change to describeUser that the schema
// does not follow fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const describedUserMatches: Same<
  z.infer<typeof describedUserSchema>,
  Awaited<ReturnType<typeof describeUser>>
> = true;
void describedUserMatches;

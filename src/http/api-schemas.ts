import { z } from "zod";

// Answer bodies as zod schemas: the handlers build their bodies with these types, the OpenAPI document
// publishes them (src/http/openapi.ts), and the tests parse real answers with them.

/** Every error answer: `{error: {code, message, details}}`; details name the fields (or carry e.g. retryAt). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("Stable code to branch on, e.g. VALIDATION_FAILED, STALE_VERSION"),
    message: z.string().describe("Chinese first, then English"),
    details: z.union([
      z.array(z.object({ path: z.string(), message: z.string() })),
      z.record(z.string(), z.unknown()),
    ]),
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

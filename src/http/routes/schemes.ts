import { desc, eq } from "drizzle-orm";
import { Hono, type TypedResponse } from "hono";
import { z } from "zod";
import { schemes } from "../../db/schema/scheme";
import { parseScheme } from "../../domain/scheme";
import { inlineCompute } from "../../services/compute/compute";
import { MAX_PREVIEW_PEOPLE, type PreviewOutput } from "../../services/preview-service";
import { getScheme, importScheme } from "../../services/scheme-service";
import type { AppDeps, AppEnv } from "../env";
import { ApiError, badRequest, notFound } from "../errors";
import { currentUser, roles, signedIn } from "../guards";
import { idParam, validate } from "../validation";

const previewBody = z.object({
  scheme: z.unknown().refine((v) => v !== undefined, "required"),
  people: z
    .array(
      z.object({
        employeeNo: z.string().trim().min(1).max(64),
        name: z.string().max(100).optional(),
        township: z.string().trim().min(1).max(100),
        category: z.enum(["station", "reassigned"]),
        unitClass: z.string().trim().min(1).max(40).optional(),
        /** The person's totals in the year's four quarterly periods (null: none), for `composition.yearFrom`. */
        quarterTotals: z.array(z.number().min(-1e6).max(1e6).nullable()).length(4).optional(),
        values: z.record(z.string(), z.unknown()),
        targets: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(MAX_PREVIEW_PEOPLE),
});

// 方案警告: a valid scheme with a likely slip (excellentQuota 0, per 0, 0.95 for 95 %, …) is saved only when
// the admin confirms it with ?acceptWarnings=true after reading the warnings.
const importQuery = z.object({ acceptWarnings: z.enum(["true", "false"]).optional() });

/** 考核方案: import, export, list, and 试算 (trial calculation). */
export function schemeRoutes(deps: Pick<AppDeps, "compute"> = {}) {
  const compute = deps.compute ?? inlineCompute;
  return new Hono<AppEnv>()
    .post("/preview", roles("admin", "assessor"), validate("json", previewBody), async (c) => {
      const { scheme, people } = c.req.valid("json");
      const outcome = await compute.preview(scheme, people);
      if (!outcome.ok)
        throw badRequest("方案或数据有误 The scheme or the values are invalid", outcome.issues);
      // Serialized where it was computed (off the event loop on Node): up to 200,000 scored items.
      const answer = c.body(outcome.json, 200, { "content-type": "application/json" });
      return answer as unknown as TypedResponse<PreviewOutput, 200, "json">;
    })
    .get("/", signedIn, async (c) => {
      const user = currentUser(c);
      const items = await c.var.db
        .select({
          id: schemes.id,
          code: schemes.code,
          version: schemes.version,
          name: schemes.name,
          year: schemes.year,
          createdAt: schemes.createdAt,
        })
        .from(schemes)
        .where(eq(schemes.countyId, user.countyId))
        .orderBy(desc(schemes.year), desc(schemes.version));
      return c.json({ items });
    })
    .post("/", roles("admin"), validate("query", importQuery), validate("json", z.unknown()), async (c) => {
      const parsed = parseScheme(c.req.valid("json"));
      if (!parsed.ok) throw badRequest("考核方案无效 The scheme is invalid", parsed.issues);
      if (parsed.warnings.length > 0 && c.req.valid("query").acceptWarnings !== "true")
        throw new ApiError(
          422,
          "SCHEME_WARNINGS",
          "方案可能有误，请逐条确认后再保存 The scheme looks wrong in places; confirm each warning to save it",
          parsed.warnings,
        );
      const user = currentUser(c);
      const stored = await c.var.db.transaction((tx) => importScheme(tx, user, parsed.scheme));
      return c.json({ scheme: stored }, 201);
    })
    .get("/:id", signedIn, validate("param", idParam), async (c) => {
      const row = await getScheme(c.var.db, currentUser(c).countyId, c.req.valid("param").id);
      if (!row) throw notFound("考核方案");
      const { document, ...meta } = row;
      return c.json({ scheme: meta, document });
    })
    .get("/:id/export", signedIn, validate("param", idParam), async (c) => {
      const row = await getScheme(c.var.db, currentUser(c).countyId, c.req.valid("param").id);
      if (!row) throw notFound("考核方案");
      c.header(
        "content-disposition",
        `attachment; filename="${encodeURIComponent(`${row.code}-v${row.version}`)}.json"`,
      );
      return c.json(row.document);
    });
}

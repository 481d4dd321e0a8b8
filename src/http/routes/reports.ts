import { Hono } from "hono";
import { z } from "zod";
import { comparePerson, compareTownship } from "../../services/report-compare-service";
import { buildPersonReport } from "../../services/report-person-service";
import { buildDashboard, buildPersonRanking, buildTownshipRanking } from "../../services/report-service";
import { buildTownshipReport } from "../../services/report-township-service";
import type { AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idSchema, limitSchema, MAX_ID, offsetSchema, validate } from "../validation";

const id = idSchema;

const periodParam = z.object({ id });
const townshipParam = z.object({ id, townshipId: id });
const personParam = z.object({ id, personId: id });

const peopleQuery = z.object({
  townshipId: id.optional(),
  category: z.enum(["station", "reassigned"]).optional(),
  limit: limitSchema(500, 50),
  offset: offsetSchema,
});

const compareQuery = z
  .object({
    personId: id.optional(),
    townshipId: id.optional(),
    periods: z
      .string()
      .regex(/^\d{1,10}(,\d{1,10}){1,4}$/, "2 to 5 period ids separated by commas, e.g. 3,7")
      .transform((text) => text.split(",").map(Number))
      .refine((ids) => ids.every((n) => n >= 1 && n <= MAX_ID), "period ids must be positive integers")
      .refine((ids) => new Set(ids).size === ids.length, "period ids must be distinct"),
  })
  .refine((q) => (q.personId === undefined) !== (q.townshipId === undefined), {
    message: "give exactly one of personId and townshipId",
    path: ["personId"],
  });

/**
 * 考核报告: the county dashboard, the township and person rankings, township and personal year-end
 * reports and year-over-year comparisons. Scope rules live in src/services/report-access.ts.
 */
export function reportRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/periods/:id/dashboard",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", periodParam),
      async (c) => c.json(await buildDashboard(c.var.db, currentUser(c), c.req.valid("param").id, c.var.now)),
    )
    .get("/periods/:id/townships", signedIn, validate("param", periodParam), async (c) =>
      c.json(await buildTownshipRanking(c.var.db, currentUser(c), c.req.valid("param").id)),
    )
    .get(
      "/periods/:id/people",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", periodParam),
      validate("query", peopleQuery),
      async (c) => {
        const query = c.req.valid("query");
        const filter = { ...query, periodId: c.req.valid("param").id };
        return c.json(await buildPersonRanking(c.var.db, currentUser(c), filter));
      },
    )
    .get(
      "/periods/:id/townships/:townshipId",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", townshipParam),
      async (c) => {
        const { id: periodId, townshipId } = c.req.valid("param");
        return c.json(await buildTownshipReport(c.var.db, currentUser(c), periodId, townshipId, c.var.now));
      },
    )
    .get("/periods/:id/people/:personId", signedIn, validate("param", personParam), async (c) => {
      const { id: periodId, personId } = c.req.valid("param");
      return c.json(await buildPersonReport(c.var.db, currentUser(c), periodId, personId));
    })
    .get("/compare", signedIn, validate("query", compareQuery), async (c) => {
      const { personId, townshipId, periods } = c.req.valid("query");
      const user = currentUser(c);
      if (personId !== undefined) return c.json(await comparePerson(c.var.db, user, personId, periods));
      return c.json(await compareTownship(c.var.db, user, townshipId ?? 0, periods));
    });
}

import { Hono } from "hono";
import { z } from "zod";
import { assertPersonInScope, assertTownshipInScope } from "../../services/reports/report-access";
import { comparePerson, compareTownship } from "../../services/reports/report-compare-service";
import { buildPersonReport } from "../../services/reports/report-person-service";
import {
  buildDashboard,
  buildPersonRanking,
  buildTownshipRanking,
} from "../../services/reports/report-service";
import { buildTownshipReport } from "../../services/reports/report-township-service";
import type { AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { cachedReport, dayScope, viewScope } from "../report-cache";
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
 * Person ranking pages worth keeping: the page sizes the web pages ask for, at most 50 pages deep, so the
 * number of cached answers a caller can make stays bounded (other pages are built on each request).
 */
const CACHED_PAGE_SIZES = new Set([20, 50, 100, 200, 500]);
const cachedPage = (q: { limit: number; offset: number }) =>
  CACHED_PAGE_SIZES.has(q.limit) && q.offset % q.limit === 0 && q.offset < 50 * q.limit;

/**
 * 考核报告: the county dashboard, the township and person rankings, township and personal year-end
 * reports and year-over-year comparisons. Scope rules live in src/services/reports/report-access.ts.
 */
export function reportRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/periods/:id/dashboard",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", periodParam),
      async (c) => {
        const user = currentUser(c);
        const periodId = c.req.valid("param").id;
        const scope = `${viewScope(user)};${dayScope(c.var.now)}`;
        return cachedReport(c, user, { periodId, report: "dashboard", scope }, () =>
          buildDashboard(c.var.db, user, periodId, c.var.now),
        );
      },
    )
    .get("/periods/:id/townships", signedIn, validate("param", periodParam), async (c) => {
      const user = currentUser(c);
      const periodId = c.req.valid("param").id;
      return cachedReport(c, user, { periodId, report: "townships", scope: viewScope(user) }, () =>
        buildTownshipRanking(c.var.db, user, periodId),
      );
    })
    .get(
      "/periods/:id/people",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", periodParam),
      validate("query", peopleQuery),
      async (c) => {
        const user = currentUser(c);
        const query = c.req.valid("query");
        const filter = { ...query, periodId: c.req.valid("param").id };
        const build = () => buildPersonRanking(c.var.db, user, filter);
        if (!cachedPage(query)) return c.json(await build());
        if (query.townshipId !== undefined) assertTownshipInScope(user, query.townshipId);
        // A township account's ranking is its own township's, whatever it asked for.
        const townshipId = user.role === "township" ? (user.townshipId ?? -1) : query.townshipId;
        const scope = `${viewScope(user)};t=${townshipId ?? "*"};c=${query.category ?? "*"};${query.limit}@${query.offset}`;
        return cachedReport(c, user, { periodId: filter.periodId, report: "people", scope }, build);
      },
    )
    .get(
      "/periods/:id/townships/:townshipId",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", townshipParam),
      async (c) => {
        const user = currentUser(c);
        const { id: periodId, townshipId } = c.req.valid("param");
        assertTownshipInScope(user, townshipId);
        const scope = `${viewScope(user)};${dayScope(c.var.now)};t=${townshipId}`;
        return cachedReport(c, user, { periodId, report: "township", scope }, () =>
          buildTownshipReport(c.var.db, user, periodId, townshipId, c.var.now),
        );
      },
    )
    .get("/periods/:id/people/:personId", signedIn, validate("param", personParam), async (c) => {
      const user = currentUser(c);
      const { id: periodId, personId } = c.req.valid("param");
      // Who may read this person is checked on every request, cached answer or not.
      await assertPersonInScope(c.var.db, user, periodId, personId);
      return cachedReport(
        c,
        user,
        { periodId, report: "person", scope: `${viewScope(user)};p=${personId}` },
        () => buildPersonReport(c.var.db, user, periodId, personId),
      );
    })
    .get("/compare", signedIn, validate("query", compareQuery), async (c) => {
      const { personId, townshipId, periods } = c.req.valid("query");
      const user = currentUser(c);
      if (personId !== undefined) return c.json(await comparePerson(c.var.db, user, personId, periods));
      return c.json(await compareTownship(c.var.db, user, townshipId ?? 0, periods));
    });
}

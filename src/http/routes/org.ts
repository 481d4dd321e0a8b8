import { Hono } from "hono";
import { z } from "zod";
import { listPeople, listStations, listTownships } from "../../db/queries/org-queries";
import type { AppEnv } from "../env";
import { currentUser, signedIn } from "../guards";
import { idSchema, limitSchema, offsetSchema, validate } from "../validation";

const peopleQuery = z.object({
  townshipId: idSchema.optional(),
  category: z.enum(["station", "reassigned"]).optional(),
  limit: limitSchema(500, 100),
  offset: offsetSchema,
});

/** The county's organisation: townships, stations, people (read-only here). */
export function orgRoutes() {
  return new Hono<AppEnv>()
    .get("/townships", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await listTownships(c.var.db, user.countyId) });
    })
    .get("/stations", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await listStations(c.var.db, user.countyId) });
    })
    .get("/people", signedIn, validate("query", peopleQuery), async (c) => {
      const user = currentUser(c);
      const query = c.req.valid("query");
      // Staff see themselves only; a township account sees its own township only.
      const scope =
        user.role === "staff"
          ? { personId: user.personId ?? -1 }
          : user.role === "township"
            ? { townshipId: user.townshipId ?? -1 }
            : {};
      const townshipId = "townshipId" in scope ? scope.townshipId : query.townshipId;
      const result = await listPeople(c.var.db, { ...query, ...scope, townshipId, countyId: user.countyId });
      return c.json({ ...result, limit: query.limit, offset: query.offset });
    });
}

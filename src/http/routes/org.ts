import { Hono } from "hono";
import { z } from "zod";
import { countyStations, countyTownships, findPeople } from "../../services/people/org-service";
import type { AppEnv } from "../env";
import { currentUser, signedIn } from "../guards";
import { idSchema, limitSchema, offsetSchema, validate } from "../validation";

// A form's empty field (`?q=&active=`) means "any", not an invalid value.
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

const peopleQuery = z.object({
  townshipId: idSchema.optional(),
  category: z.preprocess(blankAsAbsent, z.enum(["station", "reassigned"]).optional()),
  q: z.preprocess(blankAsAbsent, z.string().trim().max(64, "搜索词最多 64 字 q: at most 64").optional()),
  active: z.preprocess(
    blankAsAbsent,
    z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  ),
  limit: limitSchema(500, 100),
  offset: offsetSchema,
});

/** The county's organisation: townships, stations, people (read-only here). */
export function orgRoutes() {
  return new Hono<AppEnv>()
    .get("/townships", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await countyTownships(c.var.db, user.countyId) });
    })
    .get("/stations", signedIn, async (c) => {
      const user = currentUser(c);
      return c.json({ items: await countyStations(c.var.db, user.countyId) });
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
      const result = await findPeople(c.var.db, { ...query, ...scope, townshipId, countyId: user.countyId });
      return c.json({ ...result, limit: query.limit, offset: query.offset });
    });
}

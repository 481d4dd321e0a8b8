import { Hono } from "hono";
import { listPeriods } from "../../db/queries/period-queries";
import type { AppEnv } from "../env";
import { currentUser, signedIn } from "../guards";

/** Assessment periods (考核周期). */
export function periodRoutes() {
  return new Hono<AppEnv>().get("/", signedIn, async (c) => {
    const user = currentUser(c);
    return c.json({ items: await listPeriods(c.var.db, user.countyId) });
  });
}

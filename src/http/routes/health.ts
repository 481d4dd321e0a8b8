import { count } from "drizzle-orm";
import { Hono } from "hono";
import journal from "../../../drizzle/meta/_journal.json";
import { appliedMigrations } from "../../db/migrations-table";
import type { AppDeps, AppEnv } from "../env";
import { publicRoute } from "../guards";

/** Liveness and the database's state: which kind, and which migration it is at. */
export function healthRoutes(deps: Pick<AppDeps, "databaseKind">) {
  return new Hono<AppEnv>().get("/", publicRoute, async (c) => {
    const [row] = await c.var.db.select({ applied: count() }).from(appliedMigrations);
    const applied = row?.applied ?? 0;
    return c.json({
      status: "ok",
      database: deps.databaseKind,
      migrations: {
        applied,
        latest: journal.entries[applied - 1]?.tag ?? null,
        expected: journal.entries.length,
      },
    });
  });
}

import { Hono } from "hono";
import journal from "../../../drizzle/meta/_journal.json";
import { log } from "../../log";
import { appliedMigrationCount } from "../../services/health-service";
import type { HealthBody } from "../api-schemas";
import type { AppDeps, AppEnv } from "../env";
import { publicRoute } from "../guards";

/** How many migrations the database has applied, or undefined when it cannot be asked. */
async function appliedCount(db: AppEnv["Variables"]["db"]): Promise<number | undefined> {
  try {
    return await appliedMigrationCount(db);
  } catch (error) {
    log.warn("health: the database does not answer", { error });
    return undefined;
  }
}

/**
 * Liveness and the database's state: which kind, and which migration it is at. 200 `ok` only when the
 * database answers and has every migration of this build; otherwise 503 `degraded`, so that a load balancer
 * or monitor takes the instance out while the database is unreachable or not yet migrated.
 */
export function healthRoutes(deps: Pick<AppDeps, "databaseKind">) {
  return new Hono<AppEnv>().get("/", publicRoute, async (c) => {
    const applied = await appliedCount(c.var.db);
    const expected = journal.entries.length;
    const ok = applied !== undefined && applied >= expected;
    const body: HealthBody = {
      status: ok ? "ok" : "degraded",
      database: deps.databaseKind,
      databaseReachable: applied !== undefined,
      migrations: {
        applied: applied ?? null,
        latest: applied ? (journal.entries[applied - 1]?.tag ?? null) : null,
        expected,
      },
    };
    return c.json(body, ok ? 200 : 503);
  });
}

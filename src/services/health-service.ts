import { count } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { appliedMigrations } from "../db/migrations-table";

/** How many migrations the database has applied (it throws when the database does not answer). */
export async function appliedMigrationCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ applied: count() }).from(appliedMigrations);
  return row?.applied ?? 0;
}

import { bigint, integer, pgSchema, text } from "drizzle-orm/pg-core";

// drizzle's own bookkeeping table; declared outside src/db/schema so drizzle-kit never manages it.
const drizzleSchema = pgSchema("drizzle");

/** The migrations drizzle has applied to this database. */
export const appliedMigrations = drizzleSchema.table("__drizzle_migrations", {
  id: integer().primaryKey(),
  hash: text().notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * The first answer to a state-changing request that carried an `Idempotency-Key` header, written in the
 * same transaction as the change it answers: a retry with the same key gets this answer again instead of
 * making the change twice (src/http/idempotency.ts, src/services/idempotency-store.ts). Rows expire after a day.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused, not replayed. */
    fingerprint: text().notNull(),
    status: integer().notNull(),
    contentType: text(),
    /** The answer's body; null when it was larger than the stored bound (the replay then says so). */
    body: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index().on(t.createdAt)],
);

import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Db, DbHandle } from "../../src/db/client";
import { schema } from "../../src/db/schema-all";

/** The statements one outermost transaction ran, in order (BEGIN and COMMIT are not among them). */
export type TransactionLog = string[];

/**
 * A second drizzle handle over the test database's own client (the same PGlite instance or postgres.js pool),
 * with a logger that records every statement drizzle sends, and a `transaction` that notes which outermost
 * transaction each statement ran in. drizzle begins and commits a transaction through the driver
 * (`client.transaction` on PGlite, `sql.begin` on postgres.js), not through the logger, so BEGIN and COMMIT
 * are not counted; a nested transaction's SAVEPOINT and RELEASE are not either. Statements that triggers run
 * inside the server are not statements sent, and are not counted. One request at a time: the log is not per
 * connection.
 */
export function countingDb(handle: DbHandle) {
  const outside: string[] = [];
  const transactions: TransactionLog[] = [];
  let current: TransactionLog | null = null;
  const logger: Logger = {
    logQuery(query) {
      (current ?? outside).push(query);
    },
  };
  const client = (handle.db as unknown as { $client: never }).$client;
  const base: Db =
    handle.kind === "pglite"
      ? (drizzlePglite(client, { schema, casing: "snake_case", logger }) as unknown as Db)
      : (drizzlePostgres(client, { schema, casing: "snake_case", logger }) as unknown as Db);
  const db = new Proxy(base, {
    get(target, property, receiver) {
      if (property !== "transaction") return Reflect.get(target, property, receiver);
      return async (...args: Parameters<Db["transaction"]>) => {
        const log: TransactionLog = [];
        transactions.push(log);
        current = log;
        try {
          return await target.transaction(...args);
        } finally {
          current = null;
        }
      };
    },
  });
  return {
    db,
    /** Every outermost transaction since the last `reset`, each with its statements. */
    transactions,
    /** Statements run outside any transaction since the last `reset`. */
    outside,
    reset() {
      outside.length = 0;
      transactions.length = 0;
    },
  };
}

import type { Db, Tx } from "../db/client";

/**
 * Makes a use case the owner of its transaction: the returned function opens one on `db` and runs `work` in
 * it, so that the caller (a route) never decides where a transaction begins or ends. Called with a
 * transaction — a keyed write (src/http/idempotency.ts), a seed, another use case — it runs in a savepoint
 * of that transaction and commits with it.
 */
export function inOwnTransaction<A extends unknown[], R>(
  work: (tx: Tx, ...args: A) => Promise<R>,
): (db: Db, ...args: A) => Promise<R> {
  return (db, ...args) => db.transaction((tx) => work(tx, ...args));
}

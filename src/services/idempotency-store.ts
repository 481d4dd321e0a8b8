import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../db/client";
import { idempotencyKeys } from "../db/schema/idempotency";

// The store behind `Idempotency-Key` (src/http/idempotency.ts): one row per user and key, claimed before the
// keyed write runs and holding its answer afterwards, in the write's own transaction.

/** How long a key is remembered: far longer than any client retries one action. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired keys removed by each keyed write, so the table stays bounded without a timer (Workers has none). */
const SWEEP_BATCH = 100;

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  contentType: string | null;
  body: string | null;
}

function expiryCutoff(now: Date): Date {
  return new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
}

/**
 * Claims `key` for `userId` inside `tx` (an expired claim of the same key is dropped first). False when
 * another request holds it; a concurrent claim waits on the row until that request commits or rolls back.
 */
export async function claimKey(
  tx: DbOrTx,
  userId: number,
  key: string,
  fingerprint: string,
  now: Date,
): Promise<boolean> {
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, expiryCutoff(now)),
      ),
    );
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId, key, fingerprint, status: 0, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

/** Keeps the answer of the write that claimed the key. */
export async function storeAnswer(
  tx: DbOrTx,
  userId: number,
  key: string,
  answer: Omit<StoredAnswer, "fingerprint">,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set(answer)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function findAnswer(
  db: DbOrTx,
  userId: number,
  key: string,
  now: Date,
): Promise<StoredAnswer | undefined> {
  const [row] = await db
    .select({
      fingerprint: idempotencyKeys.fingerprint,
      status: idempotencyKeys.status,
      contentType: idempotencyKeys.contentType,
      body: idempotencyKeys.body,
      createdAt: idempotencyKeys.createdAt,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  if (!row || row.createdAt < expiryCutoff(now)) return undefined;
  return row;
}

export async function sweepExpired(tx: DbOrTx, now: Date): Promise<void> {
  // SKIP LOCKED: two writes sweeping at once neither wait for nor deadlock on each other's rows.
  await tx.execute(sql`
    delete from ${idempotencyKeys}
    where (user_id, key) in (
      select user_id, key from ${idempotencyKeys}
      where created_at < ${expiryCutoff(now).toISOString()}
      order by created_at
      limit ${SWEEP_BATCH}
      for update skip locked
    )`);
}

/** What a keyed write left behind: done (its answer is stored), or the key was claimed by another request. */
export type KeyedOutcome = { kind: "done" } | { kind: "busy"; answer: StoredAnswer | undefined };

/** The request that claims a key: whose it is, the key, the request's fingerprint and the clock. */
export interface KeyClaim {
  userId: number;
  key: string;
  fingerprint: string;
  now: Date;
}

/**
 * Runs a keyed write and keeps its answer, in one transaction: the key is claimed first (a concurrent request
 * with the same key waits on it until this one commits or rolls back), then `work` runs in the transaction
 * and gives the answer to keep. The change and its answer commit together or not at all: when `work` throws,
 * the claim rolls back with everything it wrote. A key claimed by another request gives `busy`, with that
 * request's answer when it has one.
 */
export async function runKeyed(
  db: Db,
  claim: KeyClaim,
  work: (tx: Tx) => Promise<Omit<StoredAnswer, "fingerprint">>,
): Promise<KeyedOutcome> {
  const { userId, key, fingerprint, now } = claim;
  return db.transaction(async (tx): Promise<KeyedOutcome> => {
    if (!(await claimKey(tx, userId, key, fingerprint, now)))
      return { kind: "busy", answer: await findAnswer(tx, userId, key, now) };
    const answer = await work(tx);
    await storeAnswer(tx, userId, key, answer);
    await sweepExpired(tx, now);
    return { kind: "done" };
  });
}

import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgliteServer, startPgliteServer } from "../workerd/support/pglite-server";

// The PostgreSQL-protocol listener that the workerd suite's Hyperdrive binding uses when DATABASE_URL is unset.
// PGlite has one session; the listener lends it to one connection at a time, per batch or transaction. These
// are the ways the Worker's clients use it: many connections at once, prepared statements with parameters,
// transactions, errors, and a connection that goes away inside a transaction.

let server: PgliteServer;
beforeAll(async () => {
  server = await startPgliteServer();
  await server.db.exec("create table tally (id int primary key, n int not null)");
});
afterAll(() => server.stop());

const client = (max = 5) => postgres(server.url, { max, onnotice: () => {}, prepare: true });

describe("the served PGlite", () => {
  it("answers concurrent prepared queries on five connections, each with its own parameters", async () => {
    const sql = client();
    try {
      const answers = await Promise.all(
        Array.from(
          { length: 60 },
          (_, i) => sql<{ n: number; s: string }[]>`select ${i}::int * 2 as n, ${`v${i}`} as s`,
        ),
      );
      expect(answers.map(([row]) => [row?.n, row?.s])).toEqual(
        Array.from({ length: 60 }, (_, i) => [i * 2, `v${i}`]),
      );
    } finally {
      await sql.end();
    }
  });

  it("keeps a transaction to its connection: others wait and then see only what was committed", async () => {
    const sql = client(1);
    const other = client(1);
    try {
      await Promise.all([sql`insert into tally values (1, 0)`, other`select 1`]); // both connected
      let outsideRead: Promise<{ n: number }[]> | undefined;
      await sql.begin(async (tx) => {
        await tx`update tally set n = 1 where id = 1`;
        // postgres.js sends a query when it is awaited or executed: execute() sends it now.
        outsideRead = other<{ n: number }[]>`select n from tally where id = 1`.execute();
        // Give the other connection every chance to run inside this transaction.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx`update tally set n = 2 where id = 1`;
      });
      expect((await outsideRead)?.[0]?.n).toBe(2);
      await expect(
        sql.begin(async (tx) => {
          await tx`update tally set n = 3 where id = 1`;
          await tx`select 1 / 0`;
        }),
      ).rejects.toThrow(/division by zero/);
      expect((await other<{ n: number }[]>`select n from tally where id = 1`)[0]?.n).toBe(2);
    } finally {
      await Promise.all([sql.end(), other.end()]);
    }
  });

  it("rolls back the transaction of a connection that goes away, and serves the next one", async () => {
    const leaving = postgres(server.url, { max: 1, onnotice: () => {} });
    const reserved = await leaving.reserve();
    await reserved`begin`;
    await reserved`insert into tally values (2, 5)`;
    await leaving.end({ timeout: 0 });
    const sql = client();
    try {
      expect(await sql`select n from tally where id = 2`).toHaveLength(0);
      expect((await sql<{ ok: number }[]>`select 1 as ok`)[0]?.ok).toBe(1);
    } finally {
      await sql.end();
    }
  });
});

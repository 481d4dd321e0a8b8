import { describe, expect, it } from "vitest";
import { CONNECT_TIMEOUT_S, DEFAULT_TIMEOUTS, openPostgres, reconnectBackoff } from "../../src/db/postgres";

// After connections are cut, postgres.js waits `backoff(retries)` seconds before reconnecting; its default
// reached 20 s once ten pooled connections had been terminated (issue 14: requests stalled 6–18 s).

describe("PostgreSQL reconnect back-off", () => {
  it("stays at or below one second however many connections were cut, and grows from 0.1 s", () => {
    expect(reconnectBackoff(1)).toBeCloseTo(0.1);
    for (const retries of [5, 10, 50, 1_000]) expect(reconnectBackoff(retries)).toBeLessThanOrEqual(1);
  });

  it("is what the client is opened with, and a connection is waited for less than a statement", async () => {
    const connection = openPostgres("postgres://nobody@127.0.0.1:1/none"); // lazy: nothing connects
    const options = connection.sql.options as unknown as { backoff: unknown; connect_timeout: number };
    expect(options.backoff).toBe(reconnectBackoff);
    expect(options.connect_timeout).toBe(CONNECT_TIMEOUT_S);
    expect(CONNECT_TIMEOUT_S * 1000).toBeLessThan(DEFAULT_TIMEOUTS.statementMs);
    await connection.close();
  });
});

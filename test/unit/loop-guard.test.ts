import { describe, expect, it } from "vitest";
import { guardRequest, LOOP_GUARD_MS } from "../support/loop-guard";

// The event-loop guard must be able to fail: a request that computes on the loop past the limit is named.

/** Computes on the loop for `ms` of CPU time (not wall time: the test machine may be shared). */
function spin(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

describe("event-loop guard", () => {
  it("fails a request that blocks the loop longer than the limit, naming it", async () => {
    await expect(
      guardRequest("POST /spin", async () => {
        // As a request's work runs: after I/O (the check phase), not inside a timer callback.
        await new Promise((resolve) => setImmediate(resolve));
        spin(LOOP_GUARD_MS + 150);
      }),
    ).rejects.toThrow(/POST \/spin blocked the event loop for \d+ ms/);
  });

  it("lets a request through that waits without blocking", async () => {
    await expect(
      guardRequest("GET /wait", async () => {
        for (let i = 0; i < 5; i++) {
          spin(10);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return "done";
      }),
    ).resolves.toBe("done");
  });
});

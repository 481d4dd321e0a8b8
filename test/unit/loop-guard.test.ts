import { describe, expect, it } from "vitest";
import { guardRequest, LOOP_GUARD_MS } from "../support/loop-guard";

// The event-loop guard must be able to fail: a request that computes on the loop past the limit is named.

/**
 * Computes on the loop for at least `ms` of wall time and of CPU time: on a shared machine the wall time
 * passes without the CPU time (the guard does not blame a request for the time it was not running), and in
 * a process whose other threads are busy the process's CPU time passes faster than the wall time.
 */
function spin(ms: number): void {
  const start = process.cpuUsage();
  const wallStart = performance.now();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms && performance.now() - wallStart >= ms) return;
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

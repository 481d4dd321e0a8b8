import { describe, expect, it } from "vitest";
import { guardRequest, LOOP_GUARD_MS, threadCpuMs } from "../support/loop-guard";

// The event-loop guard must be able to fail: a request that computes on the loop past the limit is named.

/**
 * Computes on the loop for at least `ms` of wall time and of this thread's CPU time: on a shared machine the
 * wall time passes without the CPU time, and the guard does not blame a request for the time it was not
 * running. (Where the thread's time is unknown, the process's stands in.)
 */
function spin(ms: number): void {
  const wallStart = performance.now();
  const threadStart = threadCpuMs();
  const processStart = process.cpuUsage();
  const cpuSpent = () => {
    const thread = threadCpuMs();
    if (thread !== undefined && threadStart !== undefined) return thread - threadStart;
    const used = process.cpuUsage(processStart);
    return (used.user + used.system) / 1000;
  };
  while (cpuSpent() < ms || performance.now() - wallStart < ms) {
    // computing
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
    ).rejects.toThrow(/POST \/spin blocked the event loop for \d+ ms of /);
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

import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver, performance } from "node:perf_hooks";
import { inject } from "vitest";

// The event-loop guard (docs/RELIABILITY.md, "Work budget"): while a request is being answered, the
// event loop must never be blocked for longer than LOOP_GUARD_MS (200 ms). One request that computes for
// seconds on the loop (an Excel file naming row 1,048,576, a preview of 20,000 bands) stops every other
// request of the county, /health included; the guard fails the test with the request that did it.

/** The longest single block a request may cause, in milliseconds. */
export const LOOP_GUARD_MS = Number(process.env.LOOP_GUARD_MS ?? 200);
// The histogram samples every RESOLUTION_MS; a block shows up as one sample of its length.
const RESOLUTION_MS = 10;
// (The measure is the block's wall time, bounded by the CPU time the process spent meanwhile, less the
// garbage collector's pauses: what the request itself made the loop wait for.)

// Garbage-collection pauses are the runtime's, taken whenever the heap asks for it (the fuzz leaves
// 300,000-character strings behind): a request is not blamed for the ones that fell in its window.
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, duration: entry.duration });
  if (gcPauses.length > 1_000) gcPauses.splice(0, gcPauses.length - 1_000);
}).observe({ entryTypes: ["gc"] });

function gcTimeSince(start: number): number {
  return gcPauses.filter((pause) => pause.start >= start).reduce((sum, pause) => sum + pause.duration, 0);
}

/** The longest block seen in this test file, and by which request. */
export const loopGuardRecord = { longestMs: 0, request: "", file: "" };

/** Milliseconds of the longest event-loop block while `work` ran. */
export async function measureLongestBlock<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  histogram.enable();
  try {
    const value = await work();
    // One more timer turn, so that a block at the very end is sampled too.
    await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 2));
    const wallMs = histogram.max / 1e6 - RESOLUTION_MS - gcTimeSince(started);
    // On a shared machine a block's wall time also counts the time other processes had the CPU. No block
    // can have held the loop with more work than the whole process did in the window (all threads).
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { value, longestMs: Math.max(0, Math.min(wallMs, cpuMs)) };
  } finally {
    histogram.disable();
  }
}

/** Runs one request under the guard: throws naming the request if it blocked the loop too long. */
export async function guardRequest<T>(label: string, work: () => Promise<T>): Promise<T> {
  const { value, longestMs } = await measureLongestBlock(work);
  if (longestMs > loopGuardRecord.longestMs) Object.assign(loopGuardRecord, { longestMs, request: label });
  if (longestMs > LOOP_GUARD_MS)
    throw new Error(
      `event-loop guard: ${label} blocked the event loop for ${Math.round(longestMs)} ms (limit ${LOOP_GUARD_MS} ms)`,
    );
  return value;
}

/** A description of a request for the guard's messages: method, path and the start of the body. */
export function describeRequest(input: RequestInfo | URL, init?: RequestInit): string {
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  const body = typeof init?.body === "string" ? ` ${init.body.slice(0, 200)}` : "";
  return `${method} ${url.slice(0, 200)}${body}`;
}

/** Writes this file's longest block where the global teardown reports the run's longest. */
export function reportLongestBlock(file: string): void {
  const path = inject("loopGuardReport");
  if (!path || loopGuardRecord.request === "") return;
  appendFileSync(path, `${JSON.stringify({ ...loopGuardRecord, file })}\n`);
}

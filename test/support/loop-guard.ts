import { appendFileSync } from "node:fs";
import { constants, PerformanceObserver, performance } from "node:perf_hooks";
import { inject } from "vitest";

// The event-loop guard (docs/RELIABILITY.md, "Work budget"): while a request is being answered, the
// event loop must never be blocked for longer than LOOP_GUARD_MS (200 ms). One request that computes for
// seconds on the loop (an Excel file naming row 1,048,576, a preview of 20,000 bands) stops every other
// request of the county, /health included; the guard fails the test with the request that did it.

/** The longest single block a request may cause, in milliseconds. */
export const LOOP_GUARD_MS = Number(process.env.LOOP_GUARD_MS ?? 200);
const RESOLUTION_MS = 10;
// (The measure is the block's wall time, bounded by the CPU time the process spent meanwhile, less the
// garbage collector's pauses: what the request itself made the loop wait for.)

// A full (mark-compact) garbage collection is the runtime's, taken whenever the whole heap asks for it (the
// fuzz leaves 300,000-character strings behind): a request is not blamed for one that fell in its window.
// Scavenges of the young generation are the cost of the request's own allocations and stay counted.
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      gcPauses.push({ start: entry.startTime, duration: entry.duration });
  if (gcPauses.length > 1_000) gcPauses.splice(0, gcPauses.length - 1_000);
}).observe({ entryTypes: ["gc"] });

function gcTimeSince(start: number): number {
  return gcPauses.filter((pause) => pause.start >= start).reduce((sum, pause) => sum + pause.duration, 0);
}

/** The longest block seen in this test file, and by which request. */
export const loopGuardRecord = { longestMs: 0, request: "", file: "", factor: 1 };

// The loop is sampled the way perf_hooks.monitorEventLoopDelay samples it — a timer every RESOLUTION_MS,
// the delay of each tick is the block before it — but with a window per request: a histogram that is
// reset (or newly enabled) forgets its last tick and misses a block that starts within its first period.
let lastTick = performance.now();
let windowMax = 0;
setInterval(() => {
  const now = performance.now();
  windowMax = Math.max(windowMax, now - lastTick - RESOLUTION_MS);
  lastTick = now;
}, RESOLUTION_MS).unref();

/** Milliseconds of the longest event-loop block while `work` ran (requests are measured one at a time). */
export async function measureLongestBlock<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestMs: number }> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  windowMax = 0;
  const value = await work();
  // Two more ticks, so that a block at the very end is sampled too.
  await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 2));
  const wallMs = windowMax - gcTimeSince(started);
  // On a shared machine a block's wall time also counts the time other processes had the CPU. No block
  // can have held the loop with more work than the whole process did in the window (all threads).
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { value, longestMs: Math.max(0, Math.min(wallMs, cpuMs)) };
}

// The budget is 200 ms of the loop on a core of its own. On a shared machine (the development box runs
// several suites on two cores) the same work takes longer in wall time; the guard measures how much longer
// by timing a fixed amount of CPU work now and then, and scales the limit by it. The factor is reported.
const CALIBRATE_EVERY_MS = 5_000;
const CALIBRATION_CPU_MS = 15;
let contention = { factor: 1, measuredAt: Number.NEGATIVE_INFINITY };

function contentionFactor(): number {
  if (performance.now() - contention.measuredAt < CALIBRATE_EVERY_MS) return contention.factor;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(cpuStart);
    if ((used.user + used.system) / 1000 >= CALIBRATION_CPU_MS) break;
  }
  const factor = Math.max(1, (performance.now() - wallStart) / CALIBRATION_CPU_MS);
  contention = { factor, measuredAt: performance.now() };
  return factor;
}

/** Runs one request under the guard: throws naming the request if it blocked the loop too long. */
export async function guardRequest<T>(label: string, work: () => Promise<T>): Promise<T> {
  const factor = contentionFactor();
  const { value, longestMs } = await measureLongestBlock(work);
  const ownMs = longestMs / factor; // the block as it would be on a core of its own
  if (ownMs > loopGuardRecord.longestMs)
    Object.assign(loopGuardRecord, { longestMs: ownMs, request: label, factor });
  if (ownMs > LOOP_GUARD_MS)
    throw new Error(
      `event-loop guard: ${label} blocked the event loop for ${Math.round(longestMs)} ms` +
        ` (${Math.round(ownMs)} ms at this machine's contention ×${factor.toFixed(1)}; limit ${LOOP_GUARD_MS} ms)`,
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

import { appendFileSync, readFileSync } from "node:fs";
import { constants, PerformanceObserver, performance } from "node:perf_hooks";
import { inject } from "vitest";

// The event-loop guard (docs/RELIABILITY.md, "Work budget"): while a request is being answered, the
// event loop must never be blocked for longer than LOOP_GUARD_MS (200 ms). One request that computes for
// seconds on the loop (an Excel file naming row 1,048,576, a preview of 20,000 bands) stops every other
// request of the county, /health included; the guard fails the test with the request that did it.

/** The longest single block a request may cause, in milliseconds. */
export const LOOP_GUARD_MS = Number(process.env.LOOP_GUARD_MS ?? 200);
const RESOLUTION_MS = 10;
// (The measure is the block's CPU time on the loop's thread, less the garbage collector's full pauses: the
// work the request itself made the loop do, the same on a loaded machine as on an idle one.)

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
export const loopGuardRecord = { longestMs: 0, request: "", file: "", measure: "" };

// On a shared machine a block's wall time also counts time the loop's thread did not compute: waiting in the
// run queue while other processes had the cores, and waiting for the garbage collector's helper threads,
// which wait in the run queue themselves (a 试算 of 5,000 people measured 538 ms of wall time less run-queue
// wait on a machine loaded ×10, for ~150 ms of its own work). No request can be blamed for either. So a block
// is counted as the CPU time the loop's thread spent in it: Linux accounts each thread's time on a CPU in
// nanoseconds (/proc/thread-self/schedstat, read by the thread itself), the same work on a loaded machine as
// on an idle one. A synchronous sleep would not count; the server makes none after start-up.
const SCHEDSTAT = "/proc/thread-self/schedstat";

/** Milliseconds this thread has spent on a CPU, or undefined where the system does not say (not Linux). */
export function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

const knowsThreadCpu = threadCpuMs() !== undefined;

// The loop is sampled the way perf_hooks.monitorEventLoopDelay samples it — a timer every RESOLUTION_MS,
// the delay of each tick is the block before it — but with a window per request: a histogram that is
// reset (or newly enabled) forgets its last tick and misses a block that starts within its first period.
// A block is the tick's delay, bounded by the thread's CPU time since the previous tick.
let lastTick = performance.now();
let lastCpu = threadCpuMs() ?? 0;
let windowMax = 0;
setInterval(() => {
  const now = performance.now();
  const cpu = threadCpuMs();
  const delay = now - lastTick - RESOLUTION_MS;
  windowMax = Math.max(windowMax, cpu === undefined ? delay : Math.min(delay, cpu - lastCpu));
  lastTick = now;
  lastCpu = cpu ?? 0;
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
  const blockMs = windowMax - gcTimeSince(started);
  if (knowsThreadCpu) return { value, longestMs: Math.max(0, blockMs) };
  // Without the thread's account: no block can have held the loop with more work than the whole process
  // did in the window (all threads).
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { value, longestMs: Math.max(0, Math.min(blockMs, cpuMs)) };
}

// Where the thread's CPU time is not known, the budget is scaled instead: the guard times a fixed amount of
// CPU work now and then, and divides a block's wall time by how much longer it took than on a core of its
// own. The factor is capped, so that a machine loaded beyond it fails a slow request rather than excuse it.
const CALIBRATE_EVERY_MS = 5_000;
const CALIBRATION_CPU_MS = 15;
const MAX_CONTENTION_FACTOR = 3;
let contention = { factor: 1, measuredAt: Number.NEGATIVE_INFINITY };

function contentionFactor(): number {
  if (knowsThreadCpu) return 1; // blocks are measured in the thread's CPU time already
  if (performance.now() - contention.measuredAt < CALIBRATE_EVERY_MS) return contention.factor;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(cpuStart);
    if ((used.user + used.system) / 1000 >= CALIBRATION_CPU_MS) break;
  }
  const measured = (performance.now() - wallStart) / CALIBRATION_CPU_MS;
  const factor = Math.min(MAX_CONTENTION_FACTOR, Math.max(1, measured));
  contention = { factor, measuredAt: performance.now() };
  return factor;
}

/** Runs one request under the guard: throws naming the request if it blocked the loop too long. */
export async function guardRequest<T>(label: string, work: () => Promise<T>): Promise<T> {
  const factor = contentionFactor();
  const { value, longestMs } = await measureLongestBlock(work);
  const ownMs = longestMs / factor; // the block as it would be on a core of its own
  if (ownMs > loopGuardRecord.longestMs)
    Object.assign(loopGuardRecord, { longestMs: ownMs, request: label, measure: measureName(factor) });
  if (ownMs > LOOP_GUARD_MS)
    throw new Error(
      `event-loop guard: ${label} blocked the event loop for ${Math.round(ownMs)} ms of ${measureName(factor)}` +
        ` (limit ${LOOP_GUARD_MS} ms)`,
    );
  return value;
}

const measureName = (factor: number) =>
  knowsThreadCpu
    ? "the loop thread's CPU time"
    : `wall time at this machine's contention ×${factor.toFixed(1)}`;

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

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

// Child processes for the HTTP benchmarks: start one, wait for its health endpoint, sample its memory, stop
// it (its whole process group, so `npm start`'s children go too).

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  baseUrl: string;
  /** Milliseconds from spawn to the first successful health response. */
  readyMs: number;
  /** Ends the process group and waits until it is gone. */
  stop(): Promise<void>;
  /** Everything the process wrote, for diagnosing a failed start. */
  output(): string;
}

/** Spawns a server in its own process group and waits for `GET /api/v1/health` to answer 200. */
export async function startServer(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  options: { port: number; timeoutMs?: number },
): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(options.port), HOST: "127.0.0.1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`server not healthy in time:\n${output}`);
    }
    const ok = await fetch(`${baseUrl}/api/v1/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { child, baseUrl, readyMs: performance.now() - started, stop, output: () => output };
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the peak in MB. */
export function sampleMemory(pid: number, everyMs = 50): { stop(): number } {
  let peak = residentMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentMb(pid));
    } catch {
      // the process is gone
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

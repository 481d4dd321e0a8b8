import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { compiled } from "./compiled";

// Real processes for the fault tests: the compiled Node server (dist/server.mjs) in a child process, and a private
// PostgreSQL cluster that a test may restart without disturbing the shared server other suites use.

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Sends a signal and waits for the exit; resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the compiled server (src/entry-node.ts) with `env` (PORT 0: any free port) and waits until it listens. */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const { DATABASE_URL: _inherited, ...base } = process.env;
  const child = spawn(process.execPath, [compiled("server")], {
    cwd: ROOT,
    env: { ...base, PORT: "0", HOST: "127.0.0.1", KAOHE_WEB_DIR: "/nonexistent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)\//.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${text}`));
    });
  });
  return {
    url,
    child,
    output: () => text,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
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

/** The PostgreSQL server binaries (initdb, pg_ctl): `PG_BIN`, else the newest under /usr/lib/postgresql. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => join(base, v, "bin")).find((d) => existsSync(join(d, "initdb")));
  if (!dir) throw new Error("initdb not found: set PG_BIN to the PostgreSQL server binaries");
  return dir;
}

export interface PrivateCluster {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is terminated, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL cluster on a free port (initdb into a temporary folder). PostgreSQL refuses to run
 * as root, so as root the binaries run as the `postgres` user.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "kaohe-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);
  const port = await freePort();
  const data = join(dir, "data");
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (action: string, extra: string[] = []) =>
    pg("pg_ctl", [
      "-D",
      data,
      "-o",
      options,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      ...extra,
      action,
    ]);
  await ctl("start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await ctl("restart", ["-m", "fast"]);
    },
    stop: async () => {
      await ctl("stop", ["-m", "fast"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../support/reliability-backup";
import { freePort } from "../support/reliability-processes";

// The README's `npm start` as an operator (or systemd) runs it: one process, stopped by SIGTERM or Ctrl-C,
// and the only process on its embedded data folder.

const ROOT = new URL("../../", import.meta.url).pathname;
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` (building first when dist/ is stale) on a data folder; resolves once it listens. */
async function npmStart(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const { DATABASE_URL: _inherited, ...base } = process.env;
  const port = await freePort();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { ...base, KAOHE_DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  while (!/listening on/.test(text)) {
    if (child.exitCode !== null) return { child, url, output: () => text, exited };
    if (Date.now() > deadline) throw new Error(`npm start did not listen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, output: () => text, exited };
}

const answers = (url: string) =>
  fetch(`${url}/api/v1/health`).then(
    (res) => res.status,
    () => "refused",
  );

describe("npm start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kaohe-start-"));
  folders.push(dataDir);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops on ${signal}: npm exits 0, the server stops answering, the folder is free again`, async () => {
      const server = await npmStart(dataDir);
      expect(await answers(server.url), server.output()).toBe(200);
      server.child.kill(signal);
      expect(await server.exited, server.output()).toBe(0);
      expect(await answers(server.url)).toBe("refused");
      // The lock went with it: a command may open the folder now.
      const migrate = await runScript("migrate", [], { KAOHE_DATA_DIR: dataDir });
      expect(migrate.code, migrate.output).toBe(0);
    }, 300_000);
  }

  it("runs 试算 in the compiled worker thread (dist/compute-worker.mjs beside dist/server.mjs)", async () => {
    const server = await npmStart(dataDir);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "kaohe-demo" }),
      });
      expect(login.status, server.output()).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const scheme = await (await fetch(`${server.url}/api/v1/schemes/1/export`, { headers: auth })).json();
      const people = [{ employeeNo: "X1", township: "甲", category: "station", values: { A1: 95 } }];
      const preview = await fetch(`${server.url}/api/v1/schemes/preview`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ scheme, people }),
      });
      const body = (await preview.json()) as { people: { items: { code: string; score: number }[] }[] };
      expect(preview.status, `${JSON.stringify(body)}\n${server.output()}`).toBe(200);
      expect(body.people[0]?.items.find((item) => item.code === "A1")?.score).toBe(10);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 300_000);

  it("refuses every second process on the folder a server holds, naming it and what to do", async () => {
    const server = await npmStart(dataDir);
    try {
      expect(await answers(server.url)).toBe(200);
      const second = await npmStart(dataDir);
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`The data folder ${dataDir} is in use by process`);
      const env = {
        KAOHE_DATA_DIR: dataDir,
        KAOHE_ADMIN_PASSWORD: "a-long-password-2026",
        KAOHE_COUNTY_CODE: "GY",
      };
      for (const name of ["create-admin", "seed", "migrate"] as const) {
        const refused = await runScript(name, [], env);
        expect(refused.code, `${name}: ${refused.output}`).not.toBe(0);
        expect(refused.output, name).toContain("is in use by process");
      }
      const restore = await runScript("restore", [join(ROOT, "dist/demo-snapshot.tar.gz"), "--force"], env);
      expect(restore.code, restore.output).not.toBe(0);
      expect(restore.output).toContain("is in use by process");
      // The server went on serving, untouched.
      expect(await answers(server.url)).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 300_000);

  it("in production on an empty folder: no demo data, the create-admin step, never the demo password", async () => {
    const empty = mkdtempSync(join(tmpdir(), "kaohe-start-prod-"));
    folders.push(empty);
    const server = await npmStart(empty, { NODE_ENV: "production" });
    try {
      expect(await answers(server.url)).toBe(200);
      expect(server.output()).toContain("create-admin");
      expect(server.output()).not.toContain("kaohe-demo");
      const signIn = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "kaohe-demo" }),
      });
      expect(signIn.status).toBe(401);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 300_000);
});

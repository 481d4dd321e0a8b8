import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The release archive as county IT uses it (docs/DEPLOY.md): made on a machine with registry access, copied to
// an intranet server, unpacked into an empty folder outside any checkout and run with `node dist/*.mjs` — no
// npm, no TypeScript, no build, no network. Both databases: the embedded folder and a PostgreSQL that IT runs.

const ROOT = new URL("../../", import.meta.url).pathname;
const VERSION: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
const ARCHIVE = join(ROOT, `kaohe-${VERSION}.tar.gz`);
const ADMIN = { username: "it-admin", password: "intranet-pass-2026" };
const PG_BASE = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const folders: string[] = [];
let app = "";

/** What the unpacked folder sees: no checkout's variables, no registry, no proxy that could reach out. */
function offlineEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, KAOHE_DATA_DIR: _dir, NODE_OPTIONS: _opts, ...base } = process.env;
  return {
    ...base,
    npm_config_offline: "true",
    npm_config_registry: "http://127.0.0.1:9/",
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NODE_ENV: "production",
    ...extra,
  };
}

function tool(name: string, env: Record<string, string>): string {
  return execFileSync(process.execPath, [join("dist", `${name}.mjs`)], {
    cwd: app,
    env: offlineEnv(env),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 180_000,
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function serve(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: app,
    env: offlineEnv({ PORT: "0", HOST: "127.0.0.1", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const match = /listening on (http:\/\/[\d.]+:\d+)\//.exec(text);
    if (match?.[1]) return { url: match[1], child, output: () => text, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not listen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Health, the front end, sign-in of the admin made by create-admin, a signed-in read; then SIGTERM. */
async function walk(server: Server) {
  try {
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status, server.output()).toBe(200);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status, server.output()).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const periods = await fetch(`${server.url}/api/v1/periods`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(periods.status).toBe(200);
    // The demo county is never there on a production install.
    const demo = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "kaohe-demo" }),
    });
    expect(demo.status).toBe(401);
  } finally {
    server.child.kill("SIGTERM");
    expect(await server.exited, server.output()).toBe(0);
  }
}

const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);

async function signIn(
  url: string,
  username: string,
  password = "kaohe-demo",
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, username).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** The demo county seeded by the archive's own tool: a report, and a staff member's evidence upload. */
async function demoWalk(server: Server) {
  try {
    const viewer = await signIn(server.url, "viewer");
    const list = (await (await fetch(`${server.url}/api/v1/periods`, { headers: viewer })).json()) as {
      items: { id: number; status: string }[];
    };
    const published = list.items.find((period) => period.status === "published" || period.status === "final");
    expect(published, JSON.stringify(list)).toBeDefined();
    const dashboard = await fetch(`${server.url}/api/v1/reports/periods/${published?.id}/dashboard`, {
      headers: viewer,
    });
    expect(dashboard.status, server.output()).toBe(200);
    const report = (await dashboard.json()) as { resultsVisible: boolean; townships: unknown[] | null };
    expect(report.resultsVisible).toBe(true);
    expect(report.townships).toHaveLength(26);

    const staff = await signIn(server.url, "GY0101");
    const mine = (await (await fetch(`${server.url}/api/v1/me/sheets`, { headers: staff })).json()) as {
      items: { id: number; year: number }[];
    };
    const sheet = mine.items.find((item) => item.year === 2026);
    expect(sheet, JSON.stringify(mine)).toBeDefined();
    const form = new FormData();
    form.append("file", new File([PNG], "台账.png"));
    const upload = await fetch(`${server.url}/api/v1/sheets/${sheet?.id}/items/A1/evidence`, {
      method: "POST",
      headers: staff,
      body: form,
    });
    expect(upload.status, server.output()).toBe(201);
  } finally {
    server.child.kill("SIGTERM");
    expect(await server.exited, server.output()).toBe(0);
  }
}

const adminEnv = {
  KAOHE_COUNTY_CODE: "RL",
  KAOHE_COUNTY_NAME: "发布测试县",
  KAOHE_ADMIN_USERNAME: ADMIN.username,
  KAOHE_ADMIN_PASSWORD: ADMIN.password,
};

beforeAll(() => {
  execFileSync("npm", ["run", "release", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const target = mkdtempSync(join(tmpdir(), "kaohe-release-"));
  folders.push(target);
  execFileSync("tar", ["xzf", ARCHIVE, "-C", target]);
  app = join(target, "kaohe");
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  rmSync(ARCHIVE, { force: true });
});

describe("the release archive, unpacked outside the checkout", () => {
  it("holds the compiled server and tools, the front end, the migrations and production modules only", () => {
    for (const file of [
      "dist/server.mjs",
      "dist/compute-worker.mjs",
      "dist/create-admin.mjs",
      "dist/migrate.mjs",
      "dist/backup.mjs",
      "dist/restore.mjs",
      "web/dist/index.html",
      "drizzle/meta/_journal.json",
      "docs/DEPLOY.md",
      "deploy/kaohe.service",
      "node_modules/hono/package.json",
      "node_modules/postgres/package.json",
    ])
      expect(existsSync(join(app, file)), file).toBe(true);
    for (const devOnly of ["vitest", "drizzle-kit", "@biomejs/biome", "playwright-core", "wrangler"])
      expect(existsSync(join(app, "node_modules", devOnly)), devOnly).toBe(false);
    expect(existsSync(join(app, "src"))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(manifest.scripts.start).toBe("node dist/server.mjs");
    expect(manifest.devDependencies).toBeUndefined();
  });

  it("runs on the embedded database: production (create-admin) and the demo county (a report, an upload)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "kaohe-release-data-"));
    const evidenceDir = mkdtempSync(join(tmpdir(), "kaohe-release-evidence-"));
    folders.push(dataDir, evidenceDir);
    const env = { KAOHE_DATA_DIR: dataDir, KAOHE_EVIDENCE_DIR: evidenceDir };
    tool("create-admin", { ...env, ...adminEnv });
    await walk(await serve(env));

    const demoDir = mkdtempSync(join(tmpdir(), "kaohe-release-demo-"));
    folders.push(demoDir);
    const demo = { KAOHE_DATA_DIR: demoDir, KAOHE_EVIDENCE_DIR: evidenceDir, NODE_ENV: "development" };
    tool("seed", demo);
    await demoWalk(await serve(demo));
  }, 400_000);

  it("runs on PostgreSQL: production (migrate, create-admin) and the demo county (a report, an upload)", async () => {
    const name = `kaohe_release_${process.pid}`;
    const admin = postgres(PG_BASE, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop database if exists ${name}_demo with (force)`);
      await admin.unsafe(`create database ${name}`);
      const url = new URL(PG_BASE);
      url.pathname = `/${name}`;
      const evidenceDir = mkdtempSync(join(tmpdir(), "kaohe-release-evidence-"));
      folders.push(evidenceDir);
      const env = { DATABASE_URL: url.toString(), KAOHE_EVIDENCE_DIR: evidenceDir };
      tool("migrate", env);
      tool("create-admin", { ...env, ...adminEnv });
      await walk(await serve(env));

      await admin.unsafe(`create database ${name}_demo`);
      url.pathname = `/${name}_demo`;
      const demo = { DATABASE_URL: url.toString(), KAOHE_EVIDENCE_DIR: evidenceDir, NODE_ENV: "development" };
      tool("seed", demo);
      await demoWalk(await serve(demo));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop database if exists ${name}_demo with (force)`);
      await admin.end();
    }
  }, 400_000);
});

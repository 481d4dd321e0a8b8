import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPglite } from "../../src/db/pglite";
import { type ServerProcess, startServer } from "../support/reliability-processes";
import { queryRows } from "../support/reliability-snapshot";

// The embedded database under a crash: the Node server (src/entry-node.ts, PGlite in its own data folder)
// is killed with SIGKILL while staff are writing, then started again on the same folder. The folder opens
// and holds every write the server acknowledged before the kill. (PGlite runs only here: *.pglite.test.ts.)

const STAFF = ["GY0101", "GY0201", "GY0301", "GY0401", "GY0501", "GY0601"];
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  const config = inject("testDb");
  if (config.kind !== "pglite")
    throw new Error("reliability-embedded-crash.pglite.test.ts runs on PGlite only");
  dataDir = mkdtempSync(join(tmpdir(), "kaohe-crash-"));
  // The demo county, written into the folder as a server would have left it.
  const seeded = await openPglite(dataDir, new Blob([readFileSync(config.demo)]));
  await seeded.close();
}, 120_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "kaohe-demo" }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe("the embedded server killed during writes", () => {
  it("restarts on the same data folder with every acknowledged write", async () => {
    server = await startServer({ KAOHE_DATA_DIR: dataDir });
    const base = server.url;
    const tokens = await Promise.all(STAFF.map((user) => signIn(base, user)));
    const periods = await fetch(`${base}/api/v1/periods`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    const open = ((await periods.json()) as { items: { id: number; year: number }[] }).items.find(
      (p) => p.year === 2026,
    );
    if (!open) throw new Error("no open period");

    // Each staff member corrects January's B1 progress again and again; every 200 is one new revision.
    const acknowledged = new Map<string, number[]>(STAFF.map((s) => [s, []]));
    const inFlight = new Map<string, number>();
    let stop = false;
    const writers = STAFF.map(async (user, i) => {
      for (let value = 1_000; !stop; value++) {
        inFlight.set(user, value);
        const res = await fetch(`${base}/api/v1/periods/${open.id}/progress`, {
          method: "PUT",
          headers: { authorization: `Bearer ${tokens[i]}`, "content-type": "application/json" },
          body: JSON.stringify({ entries: [{ indicatorCode: "B1", month: 1, value }] }),
        }).catch(() => undefined);
        if (!res) return; // the server is gone
        expect(res.status).toBe(200);
        acknowledged.get(user)?.push(value);
        inFlight.delete(user);
      }
    });
    const count = () => [...acknowledged.values()].reduce((n, values) => n + values.length, 0);
    const started = Date.now();
    while (count() < 60 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 25));
    console.log(`[crash] ${count()} writes acknowledged before SIGKILL`);
    server.child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await server.stop();
    expect(count()).toBeGreaterThan(10);

    // The same folder, a new process: it opens (PGlite recovers from its WAL) and serves again.
    server = await startServer({ KAOHE_DATA_DIR: dataDir });
    const token = await signIn(server.url, "admin");
    const health = await fetch(`${server.url}/api/v1/health`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(health.status).toBe(200);
    // A limit only the real HTTP server has: request headers over Node's 16 KB.
    const oversized = await fetch(`${server.url}/api/v1/health`, {
      headers: { "x-padding": "x".repeat(20_000) },
    });
    expect(oversized.status).toBe(431);
    expect(await server.stop("SIGTERM")).toBe(0);
    server = undefined;

    // Count back, in the folder itself: every acknowledged value is stored; at most the one in flight is extra.
    const db = await openPglite(dataDir);
    try {
      for (const user of STAFF) {
        const stored = await queryRows<{ value: string }>(
          db.db,
          `select p.value::text as value from progress_entries p join people on people.id = p.person_id
           join indicators i on i.id = p.indicator_id
           where people.employee_no = '${user}' and p.period_id = ${open.id} and p.month = 1 and i.code = 'B1'
             and p.value >= 1000`,
        );
        const values = new Set(stored.map((r) => Number(r.value)));
        const acked = acknowledged.get(user) ?? [];
        expect(
          acked.filter((v) => !values.has(v)),
          `${user}: acknowledged but lost`,
        ).toEqual([]);
        const extra = [...values].filter((v) => !acked.includes(v));
        expect(
          extra.every((v) => v === inFlight.get(user)),
          `${user}: unexpected ${extra}`,
        ).toBe(true);
      }
    } finally {
      await db.close();
    }
  }, 240_000);
});

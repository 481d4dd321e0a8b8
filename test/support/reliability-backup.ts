import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createLocalFolderStorage } from "../../src/storage/local-folder-storage";
import { compiled } from "./compiled";
import { ok } from "./reliability-period";
import { queryRows, snapshotTables } from "./reliability-snapshot";
import { createTestApp } from "./test-app";
import { PNG_BYTES } from "./year-fixtures";

// Helpers for the backup round trips (reliability-backup.pglite.test.ts and reliability-backup.pg.test.ts).

const execute = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs the compiled scripts/<name>.ts (dist/<name>.mjs) with `env` (and without an inherited DATABASE_URL unless given). */
export async function runScript(
  name: "backup" | "restore" | "create-admin" | "seed" | "migrate",
  args: string[],
  env: Record<string, string>,
) {
  const { DATABASE_URL: _inherited, ...base } = process.env;
  return execute(process.execPath, [compiled(name), ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code?: number; stderr?: string; stdout?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );
}

/** Writes through the app so the backup holds more than the seed: progress, an account, an evidence file. */
export async function writeSomething(handle: DbHandle, evidenceDir: string) {
  const api = createTestApp(handle, {
    storage: createLocalFolderStorage(evidenceDir),
    clock: () => new Date("2026-11-15T10:00:00+08:00"),
  });
  const periods = (await ok(await api.call("GY0101", "GET", "/api/v1/periods"))).items;
  const open = periods.find((p: { year: number; kind: string }) => p.year === 2026 && p.kind === "annual").id;
  await ok(
    await api.call("GY0101", "PUT", `/api/v1/periods/${open}/progress`, {
      entries: [{ indicatorCode: "B1", month: 11, value: 777, note: "备份前写入 written before the backup" }],
    }),
  );
  await ok(
    await api.call("admin", "POST", "/api/v1/users", {
      username: "backup_probe",
      displayName: "备份核对",
      role: "viewer",
      password: "Backup-probe-2026!",
    }),
    201,
  );
  const mine = (await ok(await api.call("GY0101", "GET", "/api/v1/me/sheets"))).items;
  const sheet = mine.find((s: { year: number }) => s.year === 2026).id;
  const form = new FormData();
  form.append("file", new File([PNG_BYTES], "台账.png"));
  const res = await api.app.request(`/api/v1/sheets/${sheet}/items/A1/evidence`, {
    method: "POST",
    headers: { cookie: await api.cookieFor("GY0101") },
    body: form,
  });
  expect(res.status).toBe(201);
}

/** Everything that must survive: all tables, the migrations journal and the sequences' positions. */
export async function fingerprint(handle: DbHandle): Promise<Record<string, unknown>> {
  const tables = await snapshotTables(handle.db);
  const [journal] = await queryRows<{ rows: number; hash: string }>(
    handle.db,
    "select count(*)::int as rows, md5(string_agg(hash, ',' order by id)) as hash from drizzle.__drizzle_migrations",
  );
  const sequences = await queryRows<{ name: string; last: string | null }>(
    handle.db,
    "select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public' order by 1",
  );
  return { ...tables, __migrations: journal, __sequences: sequences };
}

/** Relative path → sha256 of every file under a folder. */
export function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

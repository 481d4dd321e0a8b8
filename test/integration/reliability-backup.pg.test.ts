import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "../../src/db/client";
import { filesOf, fingerprint, runScript as script, writeSomething } from "../support/reliability-backup";
import { queryRows } from "../support/reliability-snapshot";
import { openTestDb } from "../support/test-db";

// `npm run backup` and `npm run restore` round trip on PostgreSQL (pg_dump -Fc, pg_restore): the demo county
// plus fresh writes is restored into an empty database and every table, the migrations journal, every sequence
// and every evidence file compared. (Runs only with DATABASE_URL: *.pg.test.ts.)

const work = mkdtempSync(join(tmpdir(), "kaohe-backup-"));
const config = inject("testDb");

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("PostgreSQL: pg_dump, pg_restore into an empty database, compare", () => {
  let handle: DbHandle;
  let sourceUrl: string;
  const targetName = `kaohe_restore_${process.pid}_${Date.now().toString(36)}`;
  const targetUrl = () => {
    const url = new URL(config.kind === "postgres" ? config.url : "");
    url.pathname = `/${targetName}`;
    return url.toString();
  };
  const evidenceDir = join(work, "pg-evidence");
  const restoredEvidence = join(work, "pg-evidence-restored");
  const file = join(work, "kaohe.dump");

  beforeAll(async () => {
    if (config.kind !== "postgres") return;
    handle = await openTestDb({ demo: true });
    await writeSomething(handle, evidenceDir);
    const [row] = await queryRows<{ name: string }>(handle.db, "select current_database() as name");
    const url = new URL(config.url);
    url.pathname = `/${row?.name}`;
    sourceUrl = url.toString();
    const admin = postgres(config.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${targetName}`).finally(() => admin.end());
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    if (config.kind !== "postgres") return;
    const admin = postgres(config.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${targetName} with (force)`).finally(() => admin.end());
  });

  it("backs up, restores into an empty database, and every table and sequence is the same; the audit log stays append-only", async () => {
    const backup = await script("backup", ["--out", file], {
      DATABASE_URL: sourceUrl,
      KAOHE_EVIDENCE_DIR: evidenceDir,
    });
    expect(backup.code, backup.output).toBe(0);
    const restore = await script("restore", [file], {
      DATABASE_URL: targetUrl(),
      KAOHE_EVIDENCE_DIR: restoredEvidence,
    });
    expect(restore.code, restore.output).toBe(0);
    const restored = await createDb({ databaseUrl: targetUrl(), maxConnections: 1 });
    try {
      expect(await fingerprint(restored)).toEqual(await fingerprint(handle));
      await expect(queryRows(restored.db, "update audit_log set reason = 'x'")).rejects.toThrow();
    } finally {
      await restored.close();
    }
    expect(filesOf(restoredEvidence)).toEqual(filesOf(evidenceDir));
  }, 120_000);

  it("refuses to restore into a database that holds tables", async () => {
    const refused = await script("restore", [file], { DATABASE_URL: targetUrl() });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("already has");
  }, 60_000);
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createDb, type DbHandle } from "../../../src/db/client";
import { seedDemoCounty } from "../../../src/services/demo/seed-demo-county";
import { queryRows } from "../../support/reliability-snapshot";

// The soak's own database: a fresh demo county, on PostgreSQL (a new database on the DATABASE_URL server) or
// in a new PGlite folder. It is prepared and counted in this process while the server is stopped.

export interface SoakDatabase {
  kind: "postgres" | "pglite";
  /** Environment for the server process. */
  env: Record<string, string>;
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
}

/** Creates, migrates and seeds the soak database. */
export async function prepareDatabase(databaseUrl: string | undefined): Promise<SoakDatabase> {
  if (databaseUrl) {
    const name = `kaohe_soak_${Date.now().toString(36)}`;
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`).finally(() => admin.end());
    const open = () => createDb({ databaseUrl: url.toString(), maxConnections: 2 });
    const handle = await open();
    await handle.migrate();
    await seedDemoCounty(handle.db);
    await handle.close();
    // The server keeps evidence files on disk even with PostgreSQL.
    const files = mkdtempSync(join(tmpdir(), "kaohe-soak-files-"));
    return {
      kind: "postgres",
      env: { DATABASE_URL: url.toString(), KAOHE_DATA_DIR: files },
      open,
      async drop() {
        rmSync(files, { recursive: true, force: true });
        const dropper = postgres(databaseUrl, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "kaohe-soak-"));
  const open = () => createDb({ dataDir: dir });
  const handle = await open();
  await handle.migrate();
  await seedDemoCounty(handle.db);
  await handle.close();
  return {
    kind: "pglite",
    env: { KAOHE_DATA_DIR: dir },
    open,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The numbers the soak counts back: versions of sheets, progress rows, audit rows, sessions. */
export async function countRows(handle: DbHandle, sheetIds: readonly number[], personIds: readonly number[]) {
  const list = (ids: readonly number[]) => (ids.length ? ids.join(",") : "-1");
  const [totals] = await queryRows<{ progress: number; targets: number; self: number; sessions: number }>(
    handle.db,
    `select
       (select count(*)::int from progress_entries where person_id in (${list(personIds)})) as progress,
       (select count(*)::int from audit_log where action = 'target.set') as targets,
       (select count(*)::int from audit_log where action = 'sheet.self_report'
          and entity_id in (${sheetIds.map((id) => `'${id}'`).join(",") || "''"})) as self,
       (select count(*)::int from sessions) as sessions`,
  );
  const versions = await queryRows<{ id: number; version: number }>(
    handle.db,
    `select id, version from sheets where id in (${list(sheetIds)})`,
  );
  return {
    progress: Number(totals?.progress ?? 0),
    targetAudits: Number(totals?.targets ?? 0),
    selfReportAudits: Number(totals?.self ?? 0),
    sessions: Number(totals?.sessions ?? 0),
    versions: new Map(versions.map((v) => [Number(v.id), Number(v.version)])),
  };
}

import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type DbHandle } from "../../src/db/client";

let counter = 0;

/**
 * A fresh database for one test file: migrated, and with the demo county when `demo` is set.
 * PostgreSQL when DATABASE_URL is set (a clone of a template database), PGlite otherwise.
 */
export async function openTestDb(options: { demo: boolean }): Promise<DbHandle> {
  const config = inject("testDb");
  const template = options.demo ? config.demo : config.empty;
  if (config.kind === "pglite") {
    const tarball = new Blob([await readFile(template)]);
    return createDb({ dataDir: "memory://", loadDataDir: tarball });
  }
  const name = `${config.prefix}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(config.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(config.url);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = postgres(config.url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
    },
  };
}

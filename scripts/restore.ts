// `npm run restore -- <backup file> [--force]`: restores a backup made by `npm run backup` into the configured
// database, which must be empty (a fresh PostgreSQL database, or a missing or empty KAOHE_DATA_DIR).
//
// PostgreSQL: `pg_restore` in one transaction (all or nothing). With --force an existing database is
// overwritten (`--clean --if-exists`). Embedded PGlite: the tarball is loaded into the folder; with --force
// an existing folder is first moved aside to `<folder>.before-restore-<time>`, never deleted.
// Evidence files saved beside the backup (`<file>.evidence/`) are copied back into the evidence folder.
import { existsSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import postgres from "postgres";
import { parseConfig } from "../src/config";
import { assertDataDirFree } from "../src/db/data-dir-lock";
import { openPglite } from "../src/db/pglite";
import { copyEvidence, evidenceCopyOf, evidenceDirOf, fail, parseArgs, pgTool, run } from "./backup-shared";

const config = parseConfig(process.env);
const args = parseArgs(process.argv.slice(2));
const file = args.positional[0];
if (!file || !existsSync(file)) fail("usage: npm run restore -- <backup file> [--force]");
const force = args.flags.has("force");
const startedAt = performance.now();

/** Tables in the target database's public schema: a restore goes into an empty database only. */
async function tableCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

if (config.DATABASE_URL) {
  const url = config.DATABASE_URL;
  if (!file.endsWith(".dump") && !force) fail(`${file} does not look like a PostgreSQL backup (.dump)`);
  const existing = await tableCount(url);
  if (existing > 0 && !force)
    fail(
      `the target database already has ${existing} tables; restore into an empty database, or pass --force`,
    );
  await run(pgTool("pg_restore"), [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    "--single-transaction",
    ...(existing > 0 ? ["--clean", "--if-exists"] : []),
    `--dbname=${url}`,
    file,
  ]).catch((error: { stderr?: string }) =>
    fail(`pg_restore failed (nothing restored): ${error.stderr ?? error}`),
  );
} else {
  const dataDir = config.KAOHE_DATA_DIR;
  if (dataDir === "memory://") fail("KAOHE_DATA_DIR is memory://: nowhere to restore to");
  // Before anything is moved: a running server keeps writing to the folder it opened.
  try {
    assertDataDirFree(dataDir);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force) fail(`${dataDir} is not empty; restore into a new folder, or pass --force`);
    const aside = `${dataDir}.before-restore-${Date.now()}`;
    renameSync(dataDir, aside);
    console.log(`[kaohe] moved the existing ${dataDir} to ${aside}`);
  }
  const tarball = gunzipSync(readFileSync(file));
  const handle = await openPglite(dataDir, new Blob([new Uint8Array(tarball)]));
  await handle.close();
}

const copied = existsSync(evidenceCopyOf(file))
  ? copyEvidence(evidenceCopyOf(file), evidenceDirOf(config))
  : 0;
const where = config.DATABASE_URL ? "PostgreSQL" : `embedded PGlite in ${config.KAOHE_DATA_DIR}`;
console.log(
  `[kaohe] restored ${file} into ${where} in ${Math.round(performance.now() - startedAt)} ms` +
    (copied ? `; ${copied} evidence files` : ""),
);

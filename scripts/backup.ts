// `npm run backup -- [--out <file>] [--force]`: a consistent backup of the configured database.
//
// PostgreSQL (DATABASE_URL): `pg_dump --format=custom` — a consistent snapshot taken while the server runs.
// Embedded PGlite (KAOHE_DATA_DIR): a gzipped tarball of the data folder (PGlite's dumpDataDir, the format
// `loadDataDir` reads back). PGlite lets one process at a time use a folder, so stop the server first: the
// script refuses while the folder is in use (PGlite's postmaster.pid is present). A folder left by a crash
// looks the same; start and stop the server once (it recovers), or pass --force to recover it here.
//
// Evidence files are kept on disk, not in the database. In the default layout (<data dir>/evidence) they are
// inside the PGlite tarball; otherwise (PostgreSQL, or KAOHE_EVIDENCE_DIR elsewhere) they are copied to
// `<file>.evidence/`. Take the database backup first: evidence files are only ever added, so a copy taken
// after the dump covers every row of it.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseConfig } from "../src/config";
import { openPglite } from "../src/db/pglite";
import {
  copyEvidence,
  defaultBackupFile,
  evidenceCopyOf,
  evidenceDirOf,
  evidenceInsideDataDir,
  fail,
  parseArgs,
  pgTool,
  run,
} from "./backup-shared";

const config = parseConfig(process.env);
const args = parseArgs(process.argv.slice(2));
const kind = config.DATABASE_URL ? "postgres" : "pglite";
const out = args.values.get("out") || defaultBackupFile(kind);
if (existsSync(out)) fail(`${out} exists; choose another --out`);
mkdirSync(dirname(out) || ".", { recursive: true });
const startedAt = performance.now();

if (config.DATABASE_URL) {
  await run(pgTool("pg_dump"), [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    `--file=${out}`,
    `--dbname=${config.DATABASE_URL}`,
  ]).catch((error: { stderr?: string }) => fail(`pg_dump failed: ${error.stderr ?? error}`));
} else {
  const dataDir = config.KAOHE_DATA_DIR;
  if (dataDir === "memory://") fail("KAOHE_DATA_DIR is memory://: there is nothing on disk to back up");
  if (!existsSync(join(dataDir, "PG_VERSION"))) fail(`${dataDir} is not a PGlite data folder`);
  if (existsSync(join(dataDir, "postmaster.pid")) && !args.flags.has("force"))
    fail(
      `${dataDir} is in use (postmaster.pid): stop the server first. After a crash, start and stop it once, or pass --force.`,
    );
  const handle = await openPglite(dataDir);
  try {
    if (!handle.dump) fail("this PGlite handle cannot dump its data folder");
    const tarball = new Uint8Array(await (await handle.dump()).arrayBuffer());
    writeFileSync(out, gzipSync(tarball));
  } finally {
    await handle.close();
  }
}

const evidence = evidenceDirOf(config);
const evidenceFiles =
  kind === "pglite" && evidenceInsideDataDir(config) ? 0 : copyEvidence(evidence, evidenceCopyOf(out));
const where = kind === "postgres" ? "PostgreSQL" : `embedded PGlite in ${config.KAOHE_DATA_DIR}`;
console.log(
  `[kaohe] backed up ${where} to ${out} in ${Math.round(performance.now() - startedAt)} ms` +
    (evidenceFiles ? `; ${evidenceFiles} evidence files to ${evidenceCopyOf(out)}` : ""),
);

import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Config } from "../src/config";

// What `npm run backup` and `npm run restore` share: the files a backup consists of and the PostgreSQL tools.

export const run = promisify(execFile);

/** `--name value` and bare flags from argv; the first bare word is the positional argument. */
export function parseArgs(argv: readonly string[]) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--out" || arg === "--evidence-dir") values.set(arg.slice(2), argv[++i] ?? "");
    else if (arg.startsWith("--")) flags.add(arg.slice(2));
    else positional.push(arg);
  }
  return { flags, values, positional };
}

/** The evidence folder of this configuration (Node keeps evidence files on disk, not in the database). */
export function evidenceDirOf(config: Config): string {
  return resolve(config.KAOHE_EVIDENCE_DIR ?? join(config.KAOHE_DATA_DIR, "evidence"));
}

/** Whether the evidence folder lies inside the PGlite data folder (the default): the data tarball holds it. */
export function evidenceInsideDataDir(config: Config): boolean {
  const inner = relative(resolve(config.KAOHE_DATA_DIR), evidenceDirOf(config));
  return !inner.startsWith("..") && inner !== "";
}

/** Where the evidence files of a backup file are kept, beside it. */
export const evidenceCopyOf = (backupFile: string) => `${backupFile}.evidence`;

/** Copies a folder of evidence files (they are written once and never changed, so a plain copy is exact). */
export function copyEvidence(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  cpSync(from, to, { recursive: true, errorOnExist: false, force: true });
  return countFiles(to);
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, entry) => n + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1),
    0,
  );
}

/** A PostgreSQL client tool: `PG_BIN/<tool>` when PG_BIN is set, else from PATH, else PostgreSQL's own folder. */
export function pgTool(tool: "pg_dump" | "pg_restore"): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, tool);
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const newest = readdirSync(base)
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join(base, v, "bin", tool))
      .find((path) => existsSync(path));
    if (newest) return newest;
  }
  return tool;
}

/** A file name with the time, e.g. backups/kaohe-pglite-20270110-083000.tar.gz. */
export function defaultBackupFile(kind: "postgres" | "pglite", now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return join("backups", `kaohe-${kind}-${stamp}.${kind === "postgres" ? "dump" : "tar.gz"}`);
}

/** Ends the script with a message on stderr and a non-zero exit code. */
export function fail(message: string): never {
  console.error(`[kaohe] ${message}`);
  process.exit(1);
}

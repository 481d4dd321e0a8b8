import { readdirSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { ProvidedContext } from "vitest";
import type { TestProject } from "vitest/node";
import { createDb } from "../../src/db/client";
import { seedDemoCounty } from "../../src/services/demo/seed-demo-county";
import { buildIfStale } from "./compiled";
import { leaveOut, onPath } from "./external-tools";

// Every test file gets its own database, cloned from templates built once here:
// PostgreSQL template databases when DATABASE_URL is set, PGlite data-folder snapshots otherwise. The compiled
// server and tools (dist/, for the tests that start them as processes) are built alongside when stale.

declare module "vitest" {
  export interface ProvidedContext {
    testDb:
      | { kind: "postgres"; url: string; empty: string; demo: string; prefix: string }
      | { kind: "pglite"; empty: string; demo: string };
    /** Where the suites under the event-loop guard append their longest block (test/support/loop-guard.ts). */
    loopGuardReport: string;
    /** Programs outside npm that some checks use when installed (always under CI=true). */
    externalTools: {
      /** LibreOffice (`soffice`) reads exported workbooks back as an office would. */
      libreOffice: boolean;
      /** LibreOffice and pdftotext lay .docx documents out as pages. */
      documentLayout: boolean;
    };
  }
}

const runId = `${process.pid}_${Date.now().toString(36)}`;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function buildPostgresTemplates(url: string) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const prefix = `kaohe_t_${runId}`;
  const empty = `${prefix}_tpl_empty`;
  const demo = `${prefix}_tpl_demo`;
  try {
    await admin.unsafe(`create database ${empty}`);
    const emptyDb = await createDb({ databaseUrl: withDatabase(url, empty), maxConnections: 2 });
    await emptyDb.migrate();
    await emptyDb.close();
    await admin.unsafe(`create database ${demo} template ${empty}`);
    const demoDb = await createDb({ databaseUrl: withDatabase(url, demo), maxConnections: 2 });
    await seedDemoCounty(demoDb.db);
    await demoDb.close();
  } finally {
    await admin.end();
  }
  return { prefix, empty, demo };
}

async function dropPostgresDatabases(url: string, prefix: string) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`${prefix}%`}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}

async function buildPgliteSnapshots() {
  const dir = tmpdir();
  const paths = { empty: join(dir, `kaohe-${runId}-empty.tar`), demo: join(dir, `kaohe-${runId}-demo.tar`) };
  const handle = await createDb({ dataDir: "memory://" });
  const snapshot = async (path: string) => {
    if (!handle.dump) throw new Error("PGlite handle cannot dump its data folder");
    await writeFile(path, Buffer.from(await (await handle.dump()).arrayBuffer()));
  };
  await handle.migrate();
  await snapshot(paths.empty);
  await seedDemoCounty(handle.db);
  await snapshot(paths.demo);
  await handle.close();
  return paths;
}

/** Prints the longest event-loop block any guarded request caused in this run. */
async function reportLoopGuard(path: string) {
  const text = await readFile(path, "utf8").catch(() => "");
  await rm(path, { force: true });
  const records = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { longestMs: number; request: string; file: string; measure: string });
  const longest = records.sort((a, b) => b.longestMs - a.longestMs)[0];
  if (!longest) return;
  console.log(
    `[loop-guard] longest event-loop block over ${records.length} guarded files: ${Math.round(longest.longestMs)} ms` +
      ` of ${longest.measure} by ${longest.request.slice(0, 160)} (${longest.file})`,
  );
}

/** Looks for LibreOffice and pdftotext once per run, so a missing one is reported in one line, not per file. */
function findExternalTools(): ProvidedContext["externalTools"] {
  const libreOffice = onPath("soffice");
  const pdftotext = onPath("pdftotext");
  const instead =
    "SheetJS reads the workbooks and the .docx text is read from its XML, so the same facts are checked";
  if (!libreOffice)
    leaveOut({
      what: "the LibreOffice read-back of exported workbooks and .docx documents (page layout, 第 n 页 共 N 页)",
      because: "soffice is not installed",
      install:
        "apt-get install --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils",
      instead,
    });
  else if (!pdftotext)
    leaveOut({
      what: "the page layout of .docx documents (LibreOffice → PDF → text)",
      because: "pdftotext is not installed",
      install: "apt-get install poppler-utils",
      instead,
    });
  return { libreOffice, documentLayout: libreOffice && pdftotext };
}

/** vitest.config.ts runs the `*.pg.test.ts` files only on PostgreSQL and `*.pglite.test.ts` only on PGlite. */
function reportDatabaseOnlyFiles(onPostgres: boolean): void {
  const [other, pattern] = onPostgres ? ["PGlite", "*.pglite.test.ts"] : ["PostgreSQL", "*.pg.test.ts"];
  const files = readdirSync("test/integration").filter((name) =>
    name.endsWith(onPostgres ? ".pglite.test.ts" : ".pg.test.ts"),
  );
  console.info(
    `[left out] ${files.length} ${other}-only test files (${pattern}: ${files.join(", ")}), because this run is on ${
      onPostgres ? "PostgreSQL (DATABASE_URL is set)" : "PGlite (DATABASE_URL is unset)"
    }; the same command ${onPostgres ? "without" : "with"} DATABASE_URL runs them, as CI's other pass does`,
  );
}

export default async function setup(project: TestProject) {
  project.provide("externalTools", findExternalTools());
  reportDatabaseOnlyFiles(Boolean(process.env.DATABASE_URL));
  const loopGuardReport = join(tmpdir(), `kaohe-${runId}-loop-guard.jsonl`);
  project.provide("loopGuardReport", loopGuardReport);
  const url = process.env.DATABASE_URL;
  const built = buildIfStale();
  if (url) {
    const [names] = await Promise.all([buildPostgresTemplates(url), built]);
    project.provide("testDb", { kind: "postgres", url, ...names });
    return async () => {
      await reportLoopGuard(loopGuardReport);
      await dropPostgresDatabases(url, names.prefix);
    };
  }
  const [snapshots] = await Promise.all([buildPgliteSnapshots(), built]);
  project.provide("testDb", { kind: "pglite", ...snapshots });
  return () => reportLoopGuard(loopGuardReport);
}

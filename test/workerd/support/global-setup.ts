import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { prepareWorkerAssets } from "../../../scripts/prepare-worker-assets";
import { createDb } from "../../../src/db/client";
import { seedDemoCounty } from "../../../src/services/demo/seed-demo-county";
import { startPgliteServer } from "./pglite-server";

// Runs in Node before the workerd suite: a throw-away database, migrated and seeded with the demo county, that
// the Worker's Hyperdrive binding points at (vitest.workerd.config.ts). A Worker never migrates.
// With DATABASE_URL it is a new database on that PostgreSQL server (its user needs CREATEDB), as for the
// integration tests; without it, an embedded PGlite served over the PostgreSQL protocol on a free port
// (./pglite-server.ts), so a machine with only Node runs the suite too. `.ci/run` runs both.

declare module "vitest" {
  export interface ProvidedContext {
    /** The workerd suite's database, migrated and seeded with the demo county. */
    workerdDatabaseUrl: string;
  }
}

const WEB_INDEX = "web/dist/index.html";

// wrangler.toml serves web/dist as static assets, and wrangler refuses a configuration whose assets folder is
// missing, so a fresh checkout builds the front end first (seconds with Vite), as `npm start` does; then the
// assets get their _headers as `npm run deploy` gives them. The build runs in a child process: Vite's plugins
// import modules dynamically, which vitest's module runner does not allow here.
function ensureWebBuilt(): void {
  if (existsSync(WEB_INDEX)) return;
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "web", "--logLevel", "warn"], {
    stdio: "inherit",
  });
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

// Miniflare refuses a Hyperdrive connection string without a password; a server that trusts the user (as the
// local one does) ignores whatever is sent.
function withPassword(url: string): string {
  const parsed = new URL(url);
  if (!parsed.password) parsed.password = "trusted";
  return parsed.toString();
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    // DATABASE_URL asks for PostgreSQL: no falling back to PGlite, say what is wrong instead.
    throw new Error(
      `The workerd suite could not create a database at DATABASE_URL (${adminUrl}): ${String(error)}. Unset DATABASE_URL to run it on embedded PGlite, or name a server whose user may create databases.`,
    );
  } finally {
    await admin.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

interface SuiteDatabase {
  url: string;
  where: string;
  remove(): Promise<void>;
}

async function throwAwayPostgres(adminUrl: string): Promise<SuiteDatabase> {
  const name = `kaohe_w_${process.pid}_${Date.now().toString(36)}`;
  await createDatabase(adminUrl, name);
  return {
    url: withDatabase(adminUrl, name),
    where: `PostgreSQL (database ${name} at DATABASE_URL)`,
    remove: () => dropDatabase(adminUrl, name),
  };
}

async function embeddedPglite(): Promise<SuiteDatabase> {
  const server = await startPgliteServer();
  return {
    url: server.url,
    where: `embedded PGlite over the PostgreSQL protocol at ${new URL(server.url).host} (DATABASE_URL unset)`,
    remove: () => server.stop(),
  };
}

/** Creates, migrates and seeds the suite's database; the returned teardown removes it. */
export default async function setup(project: TestProject) {
  ensureWebBuilt();
  await prepareWorkerAssets();
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await throwAwayPostgres(adminUrl) : await embeddedPglite();
  try {
    const handle = await createDb({ databaseUrl: database.url, maxConnections: 2 });
    try {
      await handle.migrate();
      await seedDemoCounty(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await database.remove();
    throw error;
  }
  console.info(`[workerd] the Worker's Hyperdrive binding points at ${database.where}`);
  project.provide("workerdDatabaseUrl", withPassword(database.url));
  return () => database.remove();
}

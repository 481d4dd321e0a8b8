import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { prepareWorkerAssets } from "../../../scripts/prepare-worker-assets";
import { createDb } from "../../../src/db/client";
import { seedDemoCounty } from "../../../src/services/demo/seed-demo-county";

// Runs in Node before the workerd suite: a throw-away PostgreSQL database, migrated and seeded with the demo
// county, that the Worker's Hyperdrive binding points at (vitest.workerd.config.ts). A Worker never migrates.
// DATABASE_URL names the server (its user needs CREATEDB), as for the integration tests; without it the local
// server on 127.0.0.1:5432 is used.

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

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

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
    // No skipping: the suite exists to prove the Worker against a real server, so say how to provide one.
    throw new Error(
      `The workerd suite needs PostgreSQL (Hyperdrive connects over TCP) and could not create a database at ${adminUrl}: ${String(error)}. Start PostgreSQL on 127.0.0.1:5432 or set DATABASE_URL to a server whose user may create databases.`,
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

/** Creates, migrates and seeds the suite's database; the returned teardown drops it. */
export default async function setup(project: TestProject) {
  ensureWebBuilt();
  await prepareWorkerAssets();
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const name = `kaohe_w_${process.pid}_${Date.now().toString(36)}`;
  await createDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  try {
    const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
    try {
      await handle.migrate();
      await seedDemoCounty(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
  project.provide("workerdDatabaseUrl", withPassword(url));
  return () => dropDatabase(adminUrl, name);
}

import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { createAdminAccount } from "../../src/services/accounts/first-admin-service";
import { compiled } from "../support/compiled";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  handle = await openTestDb({ demo: false });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

const input = {
  countyCode: "431021",
  countyName: "桂阳县",
  username: "root-admin",
  displayName: "系统管理员",
  password: "Deploy-Secret-2026",
};

describe("creating the first admin", () => {
  it("creates the county and an admin who can sign in, audited as the system", async () => {
    const result = await createAdminAccount(handle.db, input);
    expect(result).toMatchObject({
      countyCreated: true,
      county: { code: "431021" },
      user: { role: "admin" },
    });
    const { res } = await api.signIn("root-admin", input.password);
    expect(res.status).toBe(200);
    const entries = await handle.db.select().from(auditLog);
    expect(entries.map((e) => [e.action, e.username])).toEqual([
      ["county.create", "system"],
      ["user.create", "system"],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt|Deploy-Secret/);
  });

  it("adds a second admin to the existing county, and refuses a taken name, a weak password, a nameless county", async () => {
    const second = await createAdminAccount(handle.db, {
      ...input,
      countyName: undefined,
      username: "second",
    });
    expect(second.countyCreated).toBe(false);
    await expect(createAdminAccount(handle.db, input)).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
    await expect(
      createAdminAccount(handle.db, { ...input, username: "x1", password: "kaohe-demo" }),
    ).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
    });
    await expect(
      createAdminAccount(handle.db, { ...input, countyCode: "NEW", countyName: undefined, username: "x2" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

const run = promisify(execFile);

/** A throw-away database for the script: a PGlite folder, or a new PostgreSQL database when testing on one. */
async function scratchDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "kaohe-create-admin-"));
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { KAOHE_DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
  const name = `kaohe_create_admin_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: target.toString(), KAOHE_DATA_DIR: dir },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).finally(() => admin.end());
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The tool as shipped (dist/create-admin.mjs, which `node dist/create-admin.mjs` runs in a release and `npm run
// create-admin` runs from source): the same code, started without compiling the sources again.
describe("npm run create-admin", () => {
  it("reads the password from the environment without a terminal, and applies the policy", async () => {
    const db = await scratchDatabase();
    const { DATABASE_URL: _ignored, ...baseEnv } = process.env;
    const script = (extra: Record<string, string>) =>
      run(process.execPath, [compiled("create-admin")], {
        env: { ...baseEnv, ...db.env, KAOHE_COUNTY_CODE: "431021", KAOHE_COUNTY_NAME: "桂阳县", ...extra },
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    try {
      const missing = await script({});
      expect(missing.code).toBe(1);
      expect(missing.out).toContain("KAOHE_ADMIN_PASSWORD");
      const weak = await script({ KAOHE_ADMIN_PASSWORD: "password123" });
      expect(weak.code).toBe(1);
      expect(weak.out).toContain("过于常见");
      const ok = await script({ KAOHE_ADMIN_PASSWORD: "Deploy-Secret-2026" });
      expect(ok.out).toContain("admin admin created in the new county 431021 桂阳县");
      expect(ok.code).toBe(0);
    } finally {
      await db.drop();
    }
  }, 120_000);
});

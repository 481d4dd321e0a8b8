import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPglite } from "../../src/db/pglite";
import { filesOf, fingerprint, runScript as script, writeSomething } from "../support/reliability-backup";

// `npm run backup` and `npm run restore` round trip on the embedded database: the demo county plus fresh writes
// (progress, an account, an evidence file) is backed up, restored into an empty folder, and every table, the
// migrations journal, every sequence and every evidence file compared. (PGlite runs only: *.pglite.test.ts.)

const work = mkdtempSync(join(tmpdir(), "kaohe-backup-"));
const config = inject("testDb");

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("embedded PGlite: backup, restore into an empty folder, compare", () => {
  const source = join(work, "source");
  const target = join(work, "target");
  const file = join(work, "kaohe.tar.gz");
  let before: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    if (config.kind !== "pglite") return;
    const handle = await openPglite(source, new Blob([readFileSync(config.demo)]));
    await writeSomething(handle, join(source, "evidence"));
    before = await fingerprint(handle);
    await handle.close();
  }, 120_000);

  it("refuses while the folder is in use", async () => {
    const open = await openPglite(source);
    try {
      const refused = await script("backup", ["--out", join(work, "refused.tar.gz")], {
        KAOHE_DATA_DIR: source,
      });
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("in use");
    } finally {
      await open.close();
    }
  }, 60_000);

  it("backs up, restores into an empty folder, and every table, sequence and evidence file is the same", async () => {
    const backup = await script("backup", ["--out", file], { KAOHE_DATA_DIR: source });
    expect(backup.code, backup.output).toBe(0);
    const restore = await script("restore", [file], { KAOHE_DATA_DIR: target });
    expect(restore.code, restore.output).toBe(0);
    const restored = await openPglite(target);
    try {
      expect(await fingerprint(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    const evidence = filesOf(join(source, "evidence"));
    expect(Object.keys(evidence).length).toBe(2); // the file and its content type
    expect(filesOf(join(target, "evidence"))).toEqual(evidence);
  }, 120_000);

  it("refuses to restore over a folder that holds data", async () => {
    const refused = await script("restore", [file], { KAOHE_DATA_DIR: target });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("not empty");
  }, 60_000);
});

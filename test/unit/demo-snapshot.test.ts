import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  currentMigrationTags,
  DEMO_SNAPSHOT_FILE,
  DEMO_SNAPSHOT_INFO,
  loadDemoSnapshot,
} from "../../src/db/demo-snapshot";

// The server loads the build's demo snapshot into an empty folder only while it was migrated through exactly
// this build's migrations; otherwise it falls back to initdb, migrate and seed.
describe("the demo snapshot", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function snapshotIn(migrations: string[] | undefined): string {
    dir = mkdtempSync(join(tmpdir(), "kaohe-snapshot-"));
    writeFileSync(join(dir, DEMO_SNAPSHOT_FILE), gzipSync(Buffer.from("tarball")));
    if (migrations) writeFileSync(join(dir, DEMO_SNAPSHOT_INFO), JSON.stringify({ migrations }));
    return dir;
  }

  it("is used when its migrations are this build's", async () => {
    const blob = loadDemoSnapshot(snapshotIn(currentMigrationTags()));
    expect(await blob?.text()).toBe("tarball");
  });

  it("is ignored when a migration was added, removed or renamed since, or its description is missing", () => {
    const tags = currentMigrationTags();
    expect(loadDemoSnapshot(snapshotIn(tags.slice(0, -1)))).toBeUndefined();
    rmSync(dir, { recursive: true });
    expect(loadDemoSnapshot(snapshotIn([...tags, "9999_next"]))).toBeUndefined();
    rmSync(dir, { recursive: true });
    expect(loadDemoSnapshot(snapshotIn(tags.map((tag, i) => (i === 0 ? `${tag}x` : tag))))).toBeUndefined();
    rmSync(dir, { recursive: true });
    expect(loadDemoSnapshot(snapshotIn(undefined))).toBeUndefined();
  });
});

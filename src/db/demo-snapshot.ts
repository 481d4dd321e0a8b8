import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import journal from "../../drizzle/meta/_journal.json";

// The demo county as a ready PGlite data folder: `npm run build` migrates and seeds a throw-away database once
// and dumps it (dist/demo-snapshot.tar.gz); the server loads it into an empty folder instead of running initdb,
// 30-odd migrations and the seed at every first start. It is used only while its migrations are exactly the
// ones in drizzle/: otherwise the server falls back to initdb, migrate and seed.

export const DEMO_SNAPSHOT_FILE = "demo-snapshot.tar.gz";
export const DEMO_SNAPSHOT_INFO = "demo-snapshot.json";

export interface DemoSnapshotInfo {
  /** The migration tags the snapshot was migrated through, in order. */
  migrations: string[];
}

/** The migration tags of this build's drizzle/ journal. */
export const currentMigrationTags = (): string[] => journal.entries.map((entry) => entry.tag);

/** The snapshot in `distDir` when it matches the current migrations, as a Blob for PGlite's loadDataDir. */
export function loadDemoSnapshot(distDir: string): Blob | undefined {
  const file = join(distDir, DEMO_SNAPSHOT_FILE);
  const infoFile = join(distDir, DEMO_SNAPSHOT_INFO);
  if (!existsSync(file) || !existsSync(infoFile)) return undefined;
  const info = JSON.parse(readFileSync(infoFile, "utf8")) as DemoSnapshotInfo;
  if (info.migrations.join("\n") !== currentMigrationTags().join("\n")) return undefined;
  return new Blob([new Uint8Array(gunzipSync(readFileSync(file)))]);
}

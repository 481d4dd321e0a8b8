import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PATCHED_FILES, POSTGRES_PATCH_MARKER } from "./postgres-patch";

// The PostgreSQL deployments rely on the vendored postgres.js fix (scripts/vendor-postgres.ts): without it a
// connection dropped mid-transaction can stop the server or commit a write the client was told had failed.
// An install that somehow got the registry's package instead (an old lock file, a mirror that rewrote the
// dependency) must not start quietly.

/** The installed postgres package's folder (its exports map hides package.json, so walk up from the entry). */
function packageRoot(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("postgres"));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "postgres") return dir;
    dir = dirname(dir);
  }
  throw new Error("postgres.js is not installed");
}

/** Throws unless every file the fix touches carries it. */
export function assertPostgresPatched(root = packageRoot()): void {
  const missing = PATCHED_FILES.map(([file]) => file).filter(
    (file) => !readFileSync(join(root, file), "utf8").includes(POSTGRES_PATCH_MARKER),
  );
  if (missing.length > 0)
    throw new Error(
      `postgres.js in ${root} lacks kaohe's fix (${missing.join(", ")}): reinstall with \`npm ci\` from ` +
        "package-lock.json, which installs vendor/postgres-3.4.9-kaohe.tgz",
    );
}

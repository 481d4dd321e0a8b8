import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATCHED_FILES, POSTGRES_PATCH_MARKER } from "../../src/db/postgres-patch";
import { assertPostgresPatched } from "../../src/db/postgres-patch-check";

// The vendored postgres.js (vendor/postgres-3.4.9-kaohe.tgz) is what package-lock.json installs, with or
// without install scripts; the start-up check refuses an install that lacks the fix.
describe("the postgres.js fix", () => {
  it("is in the installed package, in every file it touches", () => {
    expect(() => assertPostgresPatched()).not.toThrow();
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
    expect(lock.packages["node_modules/postgres"].resolved).toBe("file:vendor/postgres-3.4.9-kaohe.tgz");
  });

  it("is refused at start-up when a file lacks it, naming the file", () => {
    // cjs/src/index.js → the package folder.
    const installed = dirname(dirname(dirname(createRequire(import.meta.url).resolve("postgres"))));
    const copy = mkdtempSync(join(tmpdir(), "kaohe-postgres-copy-"));
    try {
      cpSync(installed, copy, { recursive: true });
      const [file] = PATCHED_FILES[0] ?? [];
      if (!file) throw new Error("no patched files listed");
      const path = join(copy, file);
      writeFileSync(path, readFileSync(path, "utf8").replaceAll(POSTGRES_PATCH_MARKER, ""));
      expect(() => assertPostgresPatched(copy)).toThrow(new RegExp(`lacks kaohe's fix \\(${file}\\)`));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

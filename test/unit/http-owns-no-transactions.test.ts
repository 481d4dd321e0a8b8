import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Services own transactions (docs/decisions/20-06-transactions-and-one-error-family.md): dependency-cruiser
// sees imports, not calls, so this reads the HTTP layer's source for what the layer rule cannot see.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Lines of src/http matching `pattern`, as "file:line: text". */
function httpLinesMatching(pattern: RegExp): string[] {
  return sourceFiles("src/http").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

const TRANSACTION_CALL = /\.transaction\s*\(/;
const DRIZZLE_IMPORT = /from\s+["']drizzle-orm(\/[^"']*)?["']|import\(\s*["']drizzle-orm/;

describe("the HTTP layer", () => {
  it("finds what it looks for (the scan itself works)", () => {
    expect(TRANSACTION_CALL.test("await c.var.db.transaction((tx) => work(tx))")).toBe(true);
    expect(TRANSACTION_CALL.test("db.transaction (async (tx) => {")).toBe(true);
    expect(DRIZZLE_IMPORT.test('import { and, eq } from "drizzle-orm";')).toBe(true);
    expect(DRIZZLE_IMPORT.test('import type { PgColumn } from "drizzle-orm/pg-core";')).toBe(true);
    expect(sourceFiles("src/http").length).toBeGreaterThan(20);
  });

  it("never opens a transaction: the services open them", () => {
    expect(httpLinesMatching(TRANSACTION_CALL)).toEqual([]);
  });

  it("never imports drizzle: queries belong to the services", () => {
    expect(httpLinesMatching(DRIZZLE_IMPORT)).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// exceljs 4.4.0 asks for archiver 5 and unzipper 0.10, which pull in deprecated packages (inflight leaks
// memory, rimraf 2 / glob 7 / fstream are unmaintained). package.json's overrides move both to current
// majors; exceljs uses them only in its streaming reader and writer, which kaohe does not use, and the Excel
// tests (excel-*.test.ts) pass on them.
describe("the installed dependency tree", () => {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const installed = Object.entries(lock.packages).filter(([path]) => path.includes("node_modules/"));
  const named = (name: string) => installed.filter(([path]) => path.endsWith(`node_modules/${name}`));

  it("holds none of exceljs's deprecated transitive packages", () => {
    expect(named("inflight")).toEqual([]);
    expect(named("fstream")).toEqual([]);
    expect(named("rimraf").filter(([, p]) => p.version?.startsWith("2."))).toEqual([]);
    expect(named("glob").filter(([, p]) => p.version?.startsWith("7."))).toEqual([]);
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOGUE, sentenceOf } from "../../src/services/error-catalogue";
import { refusal } from "../../src/services/errors";
import { ApiFailure } from "../../web/src/api/client";
import { en } from "../../web/src/i18n/en";
import { zhCN } from "../../web/src/i18n/zh-CN";
import { describeFailure, describeProblem, problemsByPath } from "../../web/src/ui/errors";

// The web writes every error from its catalogues by code (#17): each code the server can answer with must have
// a sentence in both languages, or a user would read a bare "操作没有完成（CODE）".

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every error code the server throws: ServiceError / conflict(…) / refusal(…), the catalogue, the state machines. */
function serverErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const add = (text: string, pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) for (const code of match.slice(1)) if (code) codes.add(code);
  };
  for (const file of sourceFiles("src")) {
    const text = readFileSync(file, "utf8");
    add(text, /(?:conflict|refusal|ServiceError)\(\s*(?:\d+,\s*)?"([A-Z][A-Z_]+)"/g);
    // `new ServiceError(status, status === 413 ? "PAYLOAD_TOO_LARGE" : "IMPORT_REJECTED", …)`
    add(text, /Error\(\s*\w+,\s*[^,]*\?\s*"([A-Z][A-Z_]+)"\s*:\s*"([A-Z][A-Z_]+)"/g);
    add(text, /periodCode: "([A-Z_]+)"/g);
  }
  for (const file of [
    "src/domain/sheet-state.ts",
    "src/domain/period-state.ts",
    "src/http/errors.ts",
    "src/db/faults.ts",
  ]) {
    const text = readFileSync(file, "utf8");
    add(text, /code: "([A-Z][A-Z_]+)"/g);
    add(text, /^\s+(?:\w+|\d+): "([A-Z][A-Z_]{3,})",/gm);
  }
  for (const code of Object.keys(ERROR_CATALOGUE)) codes.add(code);
  return codes;
}

describe("the web's error catalogues", () => {
  const codes = serverErrorCodes();

  it("find the codes in the source (the scan itself works)", () => {
    for (const code of ["SHEET_INCOMPLETE", "UNSUPPORTED_FILE_TYPE", "SHEET_ALREADY_SCORED", "DATABASE_BUSY"])
      expect(codes).toContain(code);
    expect(codes.size).toBeGreaterThan(40);
  });

  it("have a sentence for every error code the server answers with, in Chinese and in English", () => {
    const missingZh = [...codes].filter((code) => !zhCN.errors.codes[code]);
    const missingEn = [...codes].filter((code) => !en.errors.codes[code]);
    expect(missingZh).toEqual([]);
    expect(missingEn).toEqual([]);
    expect(Object.keys(en.errors.codes).sort()).toEqual(Object.keys(zhCN.errors.codes).sort());
    expect(Object.keys(en.errors.details).sort()).toEqual(Object.keys(zhCN.errors.details).sort());
  });

  it("write the full sentence from code and params, never a half cut at the first Latin letter", () => {
    const exe = new ApiFailure(
      415,
      "UNSUPPORTED_FILE_TYPE",
      "只接受 PDF、JPG、PNG、XLSX、DOCX 文件 Only PDF, JPG, PNG, XLSX and DOCX files are accepted",
      [],
      undefined,
      { accepted: ["PDF", "JPG", "PNG", "XLSX", "DOCX"] },
    );
    expect(describeFailure(exe, zhCN)).toBe(
      "只接受 PDF、JPG、PNG、XLSX、DOCX 文件，这个文件的类型不能作为佐证材料。",
    );
    expect(describeFailure(exe, en)).toMatch(/^Only PDF, JPG, PNG, XLSX, DOCX files are accepted/);

    const incomplete = new ApiFailure(
      422,
      "SHEET_INCOMPLETE",
      "还有未完成的项目：A1、B2 Incomplete items: A1, B2",
      [
        { path: "items.A1", message: "x", code: "VALUE_MISSING", params: { indicator: "A1" } },
        { path: "items.B2.evidence", message: "y", code: "EVIDENCE_MISSING", params: { indicator: "B2" } },
      ],
      undefined,
      { items: ["A1", "B2"] },
    );
    expect(describeFailure(incomplete, zhCN)).toBe(
      "还有未完成的项目：A1、B2。请填写数值、上传所需佐证材料后再提交。",
    );
    expect(describeFailure(incomplete, en)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(problemsByPath(incomplete, zhCN).get("items.B2.evidence")).toBe(
      "B2 缺少佐证材料，请上传后再提交。",
    );
  });

  it("write validation details from their code and bounds, in the reader's language", () => {
    const tooBig = {
      path: "rule.fraction",
      message: "Too big: expected number to be <=1",
      code: "TOO_BIG",
      params: { maximum: 1, inclusive: true },
    };
    expect(describeProblem(tooBig, zhCN)).toBe("应不大于 1。");
    expect(describeProblem(tooBig, en)).toBe("Must be at most 1.");
    // A detail without a code of its own is shown whole, both languages, never cut.
    const uncoded = { path: "x", message: "单位类别“三类”不在方案中 unit class not listed" };
    expect(describeProblem(uncoded, zhCN)).toBe(uncoded.message);
  });

  it("say so when the server cannot be reached, and never show a raw code for a known one", () => {
    expect(describeFailure(new ApiFailure(0, "NETWORK", "network error"), zhCN)).toBe(zhCN.errors.network);
    expect(
      describeFailure(new ApiFailure(409, "PERIOD_FINAL", "考核周期已归档 The period is final"), en),
    ).toBe("The period is final and can no longer change.");
  });
});

describe("the server's error catalogue", () => {
  it("gives each code a Chinese sentence, then an English one", () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en, code).toMatch(/^[A-Z][\x20-\x7e—]+$/);
    }
  });

  it("is what a catalogued refusal answers with: its status and its sentence", () => {
    const busy = refusal("IDEMPOTENCY_KEY_BUSY");
    expect(busy.status).toBe(409);
    expect(busy.message).toBe(sentenceOf("IDEMPOTENCY_KEY_BUSY"));
    expect(busy.message).toMatch(/^同一操作正在处理中.* The same action is still being processed/);
    expect(refusal("DATABASE_BUSY", { retryAfterSeconds: 2 }).details).toEqual({ retryAfterSeconds: 2 });
  });
});

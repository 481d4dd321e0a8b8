import { Hono, type TypedResponse } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { type Issue, parseScheme } from "../../domain/scheme";
import { inlineCompute } from "../../services/compute/compute";
import { invalid, missing, ServiceError } from "../../services/errors";
import { checkWorkbookBytes, MAX_IMPORT_BYTES } from "../../services/excel/file-checks";
import { attachmentDisposition } from "../../services/excel/file-names";
import { readSchemeWorkbook, schemeToWorkbook } from "../../services/excel/scheme-workbook";
import { getScheme, importScheme, listSchemes } from "../../services/schemes/scheme-service";
import { MAX_PREVIEW_PEOPLE, type PreviewOutput } from "../../services/scoring/preview-service";
import type { AppDeps, AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idParam, validate } from "../validation";

const previewBody = z.object({
  scheme: z.unknown().refine((v) => v !== undefined, "required"),
  people: z
    .array(
      z.object({
        employeeNo: z.string().trim().min(1).max(64),
        name: z.string().max(100).optional(),
        township: z.string().trim().min(1).max(100),
        category: z.enum(["station", "reassigned"]),
        unitClass: z.string().trim().min(1).max(40).optional(),
        /** The person's totals in the year's four quarterly periods (null: none), for `composition.yearFrom`. */
        quarterTotals: z.array(z.number().min(-1e6).max(1e6).nullable()).length(4).optional(),
        values: z.record(z.string(), z.unknown()),
        targets: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(MAX_PREVIEW_PEOPLE),
});

// 方案警告: a valid scheme with a likely slip (excellentQuota 0, per 0, 0.95 for 95 %, …) is saved only when
// the admin confirms it with ?acceptWarnings=true after reading the warnings.
const importQuery = z.object({ acceptWarnings: z.enum(["true", "false"]).optional() });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const workbookForm = z.object({
  file: z
    .instanceof(File, { message: "请上传 .xlsx 文件 an .xlsx file is required" })
    .meta({ type: "string", contentMediaType: "application/octet-stream" }),
});
const workbookLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + 64 * 1024,
  onError: () => {
    throw new ServiceError(413, "PAYLOAD_TOO_LARGE", "文件过大 The file is too large", [
      { path: "file", message: `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB at most 5 MB` },
    ]);
  },
});

/** A valid scheme document, or the 400 / 422 (方案警告 not confirmed) that names each problem. */
function checkedScheme(
  input: unknown,
  query: z.infer<typeof importQuery>,
  locate: (issue: Issue) => Issue = (issue) => issue,
) {
  const parsed = parseScheme(input);
  if (!parsed.ok) throw invalid("考核方案无效 The scheme is invalid", parsed.issues.map(locate));
  if (parsed.warnings.length > 0 && query.acceptWarnings !== "true")
    throw new ServiceError(
      422,
      "SCHEME_WARNINGS",
      "方案可能有误，请逐条确认后再保存 The scheme looks wrong in places; confirm each warning to save it",
      parsed.warnings.map(locate),
    );
  return parsed.scheme;
}

/** 考核方案: import, export (JSON or an Excel 考核细则 workbook), list, and 试算 (trial calculation). */
export function schemeRoutes(deps: Pick<AppDeps, "compute"> = {}) {
  const compute = deps.compute ?? inlineCompute;
  return new Hono<AppEnv>()
    .post("/preview", roles("admin", "assessor"), validate("json", previewBody), async (c) => {
      const { scheme, people } = c.req.valid("json");
      const outcome = await compute.preview(scheme, people);
      if (!outcome.ok) throw invalid("方案或数据有误 The scheme or the values are invalid", outcome.issues);
      // Serialized where it was computed (off the event loop on Node): up to 200,000 scored items.
      const answer = c.body(outcome.json, 200, { "content-type": "application/json" });
      return answer as unknown as TypedResponse<PreviewOutput, 200, "json">;
    })
    .get("/", signedIn, async (c) => {
      const user = currentUser(c);
      const items = await listSchemes(c.var.db, user.countyId);
      return c.json({ items });
    })
    .post("/", roles("admin"), validate("query", importQuery), validate("json", z.unknown()), async (c) => {
      const scheme = checkedScheme(c.req.valid("json"), c.req.valid("query"));
      const user = currentUser(c);
      const stored = await importScheme(c.var.db, user, scheme);
      return c.json({ scheme: stored }, 201);
    })
    .post(
      "/workbook",
      roles("admin"),
      workbookLimit,
      validate("query", importQuery),
      validate("form", workbookForm),
      async (c) => {
        const bytes = new Uint8Array(await c.req.valid("form").file.arrayBuffer());
        const problem = checkWorkbookBytes(bytes);
        if (problem)
          throw new ServiceError(
            problem.status,
            problem.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
            problem.message,
            [{ path: "file", message: problem.message }],
          );
        const reading = await readSchemeWorkbook(bytes);
        if (!reading.ok)
          throw invalid("工作簿中有无法读取的单元格 Some cells cannot be read", reading.issues);
        // The scheme's own checks, each named by the cell it came from.
        const atCell = (issue: Issue) => ({ ...issue, path: reading.cellOf(issue.path) ?? issue.path });
        const scheme = checkedScheme(reading.document, c.req.valid("query"), atCell);
        const user = currentUser(c);
        const stored = await importScheme(c.var.db, user, scheme);
        return c.json({ scheme: stored }, 201);
      },
    )
    .get("/:id", signedIn, validate("param", idParam), async (c) => {
      const row = await getScheme(c.var.db, currentUser(c).countyId, c.req.valid("param").id);
      if (!row) throw missing("考核方案");
      const { document, ...meta } = row;
      return c.json({ scheme: meta, document });
    })
    .get("/:id/workbook", signedIn, validate("param", idParam), async (c) => {
      const row = await getScheme(c.var.db, currentUser(c).countyId, c.req.valid("param").id);
      if (!row) throw missing("考核方案");
      const name = `${row.code}-v${row.version}.xlsx`;
      c.header("content-type", XLSX_TYPE);
      c.header("content-disposition", attachmentDisposition(`${row.name}_v${row.version}.xlsx`, name));
      // Stored documents passed these checks when imported; parsing gives them their type back.
      const parsed = parseScheme(row.document);
      if (!parsed.ok) throw invalid("考核方案无效 The stored scheme is invalid", parsed.issues);
      return c.body(await schemeToWorkbook(parsed.scheme));
    })
    .get("/:id/export", signedIn, validate("param", idParam), async (c) => {
      const row = await getScheme(c.var.db, currentUser(c).countyId, c.req.valid("param").id);
      if (!row) throw missing("考核方案");
      c.header(
        "content-disposition",
        `attachment; filename="${encodeURIComponent(`${row.code}-v${row.version}`)}.json"`,
      );
      return c.json(row.document);
    });
}

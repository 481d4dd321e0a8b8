import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { chinaDate } from "../../domain/deadlines";
import { inlineCompute } from "../../services/compute/compute";
import { missing, ServiceError } from "../../services/errors";
import { buildExport, DATASET_LABELS, type ExportDataset } from "../../services/excel/export-datasets";
import { tableToCsv, tableToXlsx } from "../../services/excel/export-table";
import { MAX_IMPORT_BYTES } from "../../services/excel/file-checks";
import { attachmentDisposition, exportFileName } from "../../services/excel/file-names";
import { createImportJobs } from "../../services/excel/import-jobs";
import { executeImport, prepareImport } from "../../services/excel/import-service";
import { buildTemplateWorkbook } from "../../services/excel/template-workbook";
import { importKinds, TEMPLATES } from "../../services/excel/templates";
import { loadReportPeriod } from "../../services/reports/report-access";
import { schemeIndicators } from "../../services/reports/report-indicator-service";
import type { AppDeps, AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idSchema, validate } from "../validation";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Files with more data rows than this are imported as a background job (202 + job id to poll). */
export const JOB_THRESHOLD_ROWS = 500;
// The multipart envelope around the file: boundaries, headers and the reason field.
const FORM_OVERHEAD = 64 * 1024;

const id = idSchema;
const kindParam = z.object({ kind: z.enum(importKinds) });
const periodQuery = z.object({ periodId: id.optional() });
const importForm = z.object({
  // The meta describes the file for the OpenAPI document (a File has no JSON Schema of its own).
  file: z
    .instanceof(File, { message: "请上传 .xlsx 文件 an .xlsx file is required" })
    .meta({ type: "string", contentMediaType: "application/octet-stream" }),
  reason: z.string().trim().min(1).max(500).optional(),
});
const jobParam = z.object({ jobId: z.uuid() });
const exportParam = z.object({ id });
const exportQuery = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

const uploadLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + FORM_OVERHEAD,
  onError: () => {
    throw new ServiceError(413, "PAYLOAD_TOO_LARGE", "文件过大，未导入任何数据 The file is too large", [
      { path: "file", message: `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB at most 5 MB` },
    ]);
  },
});

/**
 * Whether the runtime ends the request's resources with the response (Workers: the request's database
 * client closes then). There an import cannot outlive its request, so it is always answered synchronously.
 */
function endsWithResponse(c: Context<AppEnv>): boolean {
  try {
    return c.executionCtx !== undefined;
  } catch {
    return false; // Node: no execution context, the process keeps running background jobs
  }
}

/** Answers with an export file of a period, as .xlsx or UTF-8 CSV. */
async function sendExport(
  c: Context<AppEnv>,
  dataset: ExportDataset,
  periodId: number,
  format: "xlsx" | "csv",
) {
  const user = currentUser(c);
  const { period, table } = await buildExport(c.var.db, user, dataset, periodId);
  const date = chinaDate(c.var.now);
  const name = exportFileName([period.countyName, period.name, DATASET_LABELS[dataset], date], format);
  const fallback = `kaohe_${period.year}_${dataset}_${date}.${format}`;
  c.header("content-disposition", attachmentDisposition(name, fallback));
  c.header("cache-control", "no-store");
  if (format === "csv") {
    c.header("content-type", "text/csv; charset=utf-8");
    return c.body(tableToCsv(table));
  }
  c.header("content-type", XLSX_TYPE);
  return c.body(await tableToXlsx(table, { subject: period.countyName, now: c.var.now }));
}

/**
 * Excel exchange: import templates, imports of people / targets / monthly progress (checked whole before
 * anything is written; long files run as a polled job) and exports of rankings and score sheets.
 */
export function excelRoutes(deps: Pick<AppDeps, "compute"> = {}) {
  const jobs = createImportJobs();
  return new Hono<AppEnv>()
    .get(
      "/templates/:kind",
      roles("admin", "township"),
      validate("param", kindParam),
      validate("query", periodQuery),
      async (c) => {
        const template = TEMPLATES[c.req.valid("param").kind];
        const { periodId } = c.req.valid("query");
        const period =
          periodId === undefined ? undefined : await loadReportPeriod(c.var.db, currentUser(c), periodId);
        const indicators = period ? await schemeIndicators(c.var.db, period.schemeId) : [];
        const name = `${template.title}导入模板${period ? `_${period.name}` : ""}.xlsx`;
        c.header("content-type", XLSX_TYPE);
        c.header("content-disposition", attachmentDisposition(name, `kaohe_template_${template.kind}.xlsx`));
        return c.body(await buildTemplateWorkbook(template, template.kind === "people" ? [] : indicators));
      },
    )
    .post(
      "/imports/:kind",
      roles("admin", "township"),
      uploadLimit,
      validate("param", kindParam),
      validate("query", periodQuery),
      validate("form", importForm),
      async (c) => {
        const user = currentUser(c);
        const { file, reason } = c.req.valid("form");
        const prepared = await prepareImport(c.var.db, user, {
          kind: c.req.valid("param").kind,
          periodId: c.req.valid("query").periodId,
          reason,
          fileName: file.name,
          data: await file.arrayBuffer(),
          now: c.var.now,
          read: (deps.compute ?? inlineCompute).readUpload,
        });
        if (prepared.total <= JOB_THRESHOLD_ROWS || endsWithResponse(c))
          return c.json(
            { status: "succeeded" as const, result: await executeImport(c.var.db, user, prepared) },
            200,
          );
        const { job } = jobs.start(user, prepared.kind, prepared.total, (report) =>
          executeImport(c.var.db, user, prepared, report),
        );
        c.header("location", `/api/v1/excel/imports/${job.id}`);
        return c.json({ status: "running" as const, jobId: job.id, total: job.total }, 202);
      },
    )
    .get("/imports/:jobId", roles("admin", "township"), validate("param", jobParam), (c) => {
      const job = jobs.get(c.req.valid("param").jobId, currentUser(c));
      if (!job) throw missing("导入任务");
      return c.json(job);
    })
    .get(
      "/exports/periods/:id/townships",
      signedIn,
      validate("param", exportParam),
      validate("query", exportQuery),
      (c) => sendExport(c, "townships", c.req.valid("param").id, c.req.valid("query").format),
    )
    .get(
      "/exports/periods/:id/people",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", exportParam),
      validate("query", exportQuery),
      (c) => sendExport(c, "people", c.req.valid("param").id, c.req.valid("query").format),
    )
    .get(
      "/exports/periods/:id/scores",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", exportParam),
      validate("query", exportQuery),
      (c) => sendExport(c, "scores", c.req.valid("param").id, c.req.valid("query").format),
    )
    .get(
      "/exports/periods/:id/targets",
      roles("admin", "assessor", "township"),
      validate("param", exportParam),
      validate("query", exportQuery),
      (c) => sendExport(c, "targets", c.req.valid("param").id, c.req.valid("query").format),
    )
    .get(
      "/exports/periods/:id/progress",
      roles("admin", "assessor", "township"),
      validate("param", exportParam),
      validate("query", exportQuery),
      (c) => sendExport(c, "progress", c.req.valid("param").id, c.req.valid("query").format),
    );
}

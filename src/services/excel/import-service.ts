import { type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { Db, Tx } from "../../db/client";
import { listTownships } from "../../db/queries/org-queries";
import { lockPeriod } from "../../db/queries/period-lock";
import { findReportPeriod } from "../../db/queries/report-ranking-queries";
import { people, personMoves } from "../../db/schema/org";
import { progressEntries, targets } from "../../db/schema/period";
import { chinaDate } from "../../domain/deadlines";
import { log } from "../../log";
import { recordAudit } from "../audit/audit";
import type { Compute } from "../compute/compute";
import { conflict, invalid, missing, outOfScope, ServiceError } from "../errors";
import { loadPeriodScheme, recomputePeriod } from "../scoring/scoring-service";
import { checkWorkbookBytes } from "./file-checks";
import { validatePeopleRows, writePeople } from "./import-people";
import { validateProgressRows, writeProgress } from "./import-progress";
import { loadPeriodMembers } from "./import-rows";
import { currentTargets, indicatorIdsOf, validateTargetRows, writeTargets } from "./import-targets";
import type { ImportProblem } from "./read-upload";
import { checkSheetBounds } from "./sheet-bounds";
import type { ImportKind } from "./templates";

/**
 * Rows from which an import refreshes the planner's statistics of the tables it wrote. PGlite has no
 * autovacuum, so without this its planner keeps planning the reports with the estimates of before the import
 * (issue 21: indicator statistics 146 ms unanalysed, 13–22 ms analysed); PostgreSQL's autovacuum would get
 * there within a minute or so, and an ANALYZE samples at most 30,000 rows a table, so it runs on both.
 */
export const ANALYZE_FROM_ROWS = 500;
const WRITTEN_TABLES: Record<ImportKind, SQL> = {
  people: sql`${people}, ${personMoves}`,
  targets: sql`${targets}`,
  progress: sql`${progressEntries}`,
};

/** Problems listed in one refusal; beyond this the answer says how many more there are. */
export const MAX_LISTED_PROBLEMS = 1_000;

export interface ImportRequest {
  kind: ImportKind;
  periodId?: number;
  reason?: string;
  fileName: string;
  data: ArrayBuffer;
  now: Date;
  /** Loads the workbook once its bounds are checked (Node: off the event loop, see services/compute). */
  read: Compute["readUpload"];
}

/** A validated file, ready to be written in one transaction. */
export interface PreparedImport {
  kind: ImportKind;
  periodId: number | null;
  total: number;
  skippedEmptyRows: number;
  write(
    tx: Tx,
    onProgress: (processed: number) => void,
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  audit: { fileName: string; sheetName: string; sha256: string; reason: string | null };
}

const rowOf = (problem: ImportProblem) => Number(/^row (\d+)/.exec(problem.path)?.[1] ?? 0);

/** The problems by row (file-level ones first), each row number read once. */
const byRow = (problems: readonly ImportProblem[]) =>
  problems
    .map((problem) => ({ problem, row: rowOf(problem) }))
    .sort((a, b) => a.row - b.row)
    .map((entry) => entry.problem);

/** 400 IMPORT_REJECTED (or 413) listing the problems by row; nothing has been written. */
function rejected(status: 400 | 413, problems: ImportProblem[]): ServiceError {
  const sorted = byRow(problems);
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
  if (sorted.length > listed.length)
    listed.push({
      path: "file",
      message: `另有 ${sorted.length - listed.length} 处问题未列出 ${sorted.length - listed.length} more problems`,
    });
  const rows = new Set(sorted.map(rowOf).filter((row) => row > 0)).size;
  const message =
    status === 413
      ? "文件过大，未导入任何数据 The file is too large; nothing was imported"
      : `导入被拒绝：${rows > 0 ? `${rows} 行` : "文件"}有误，未导入任何数据 Import rejected; nothing was imported`;
  return new ServiceError(status, status === 413 ? "PAYLOAD_TOO_LARGE" : "IMPORT_REJECTED", message, listed);
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The last month of the period's year that may be reported by `now` (China time). */
function lastReportableMonth(year: number, now: Date): number {
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  return thisYear > year ? 12 : thisYear < year ? 0 : Number(today.slice(5, 7));
}

/** Periods whose targets or progress a file may change, and why not otherwise. */
function assertWritable(kind: ImportKind, status: string): void {
  if (kind === "targets" && (status === "published" || status === "final"))
    throw conflict(
      "PERIOD_PUBLISHED",
      "结果已公示或归档，不能再调整目标 Targets can no longer change in this period",
    );
  if (kind === "progress" && status !== "open")
    throw conflict("PERIOD_NOT_OPEN", "考核周期不在填报阶段 The period is not open for progress");
}

/** Validates rows against the period (targets, progress) or the county (people). */
async function validateRows(
  db: Db,
  user: SessionUser,
  request: ImportRequest,
  rows: Parameters<typeof validatePeopleRows>[1],
) {
  if (request.kind === "people") {
    const townships = await listTownships(db, user.countyId);
    const stations = new Map(
      townships.flatMap((t) => (t.stationId === null ? [] : [[t.name, t.stationId] as const])),
    );
    const result = await validatePeopleRows(stations, rows);
    const today = chinaDate(request.now);
    return {
      problems: result.problems,
      write: (tx: Tx, report: (n: number) => void) =>
        writePeople(tx, user, result.records, today, request.reason, report),
    };
  }
  const periodId = request.periodId ?? 0;
  const period = await findReportPeriod(db, user.countyId, periodId);
  if (!period) throw missing("考核周期");
  assertWritable(request.kind, period.status);
  const [scheme, indicatorIds, members] = await Promise.all([
    loadPeriodScheme(db, periodId),
    indicatorIdsOf(db, period.schemeId),
    loadPeriodMembers(db, periodId),
  ]);
  const ctx = { scheme, indicatorIds, members };
  if (request.kind === "targets") {
    const current = await currentTargets(db, periodId);
    const result = await validateTargetRows({ ...ctx, current }, user, rows, request.reason);
    return {
      problems: result.problems,
      write: (tx: Tx, report: (n: number) => void) =>
        writeTargets(tx, user, periodId, result.records, report),
    };
  }
  const result = await validateProgressRows(
    { ...ctx, lastMonth: lastReportableMonth(period.year, request.now) },
    user,
    rows,
  );
  return {
    problems: result.problems,
    write: (tx: Tx, report: (n: number) => void) => writeProgress(tx, user, periodId, result.records, report),
  };
}

/**
 * Checks a file completely before anything is written: the bytes, the header, then every row. Any problem
 * refuses the whole file (400 IMPORT_REJECTED listing each row and column, or 413).
 */
export async function prepareImport(
  db: Db,
  user: SessionUser,
  request: ImportRequest,
): Promise<PreparedImport> {
  if (request.kind === "people" && user.role !== "admin")
    throw outOfScope("人员名册只能由管理员导入 Only the admin imports people");
  if (request.kind !== "people" && request.periodId === undefined)
    throw invalid("请指定考核周期 periodId is required", [{ path: "periodId", message: "required" }]);
  const bytes = new Uint8Array(request.data);
  const fileProblem = checkWorkbookBytes(bytes) ?? (await checkSheetBounds(bytes));
  if (fileProblem) throw rejected(fileProblem.status, [{ path: "file", message: fileProblem.message }]);
  const reading = await request.read(request.data, request.kind);
  if (!reading.ok) throw rejected(reading.status, reading.problems);
  const validated = await validateRows(db, user, request, reading.rows);
  const problems = [...reading.problems, ...validated.problems];
  if (problems.length > 0) throw rejected(400, problems);
  return {
    kind: request.kind,
    periodId: request.periodId ?? null,
    total: reading.rows.length,
    skippedEmptyRows: reading.skippedEmptyRows,
    write: validated.write,
    audit: {
      fileName: request.fileName,
      sheetName: reading.sheetName,
      sha256: await sha256Hex(request.data),
      reason: request.reason ?? null,
    },
  };
}

/** What an import did. */
export interface ImportResult {
  importId: string;
  kind: ImportKind;
  rows: number;
  skippedEmptyRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Writes a prepared import in one transaction, with one summary audit row beside the per-row ones. */
export async function executeImport(
  db: Db,
  user: SessionUser,
  prepared: PreparedImport,
  onProgress: (processed: number) => void = () => {},
): Promise<ImportResult> {
  const importId = crypto.randomUUID();
  const result = await db.transaction(async (tx) => {
    let status: string | undefined;
    if (prepared.periodId !== null) {
      // The period may have moved on since the file was checked: check again under the period lock.
      const period = await lockPeriod(tx, user.countyId, prepared.periodId);
      if (!period) throw missing("考核周期");
      assertWritable(prepared.kind, period.status);
      status = period.status;
    }
    const counts = await prepared.write(tx, onProgress);
    // Targets change scores only once sheets are being scored (the same rule as the target form).
    if (prepared.kind === "targets" && status === "assessing" && prepared.periodId !== null)
      await recomputePeriod(tx, prepared.periodId);
    const result = {
      importId,
      kind: prepared.kind,
      rows: prepared.total,
      skippedEmptyRows: prepared.skippedEmptyRows,
      ...counts,
    };
    await recordAudit(tx, user, {
      action: `excel.import.${prepared.kind}`,
      entity: "excel_import",
      entityId: importId,
      after: { ...result, periodId: prepared.periodId, ...prepared.audit },
      reason: prepared.audit.reason,
    });
    return result;
  });
  if (prepared.total >= ANALYZE_FROM_ROWS) await analyze(db, prepared.kind);
  return result;
}

/** ANALYZE after the import committed; a failure leaves the old statistics, not a failed import. */
async function analyze(db: Db, kind: ImportKind): Promise<void> {
  try {
    await db.execute(sql`analyze ${WRITTEN_TABLES[kind]}`);
  } catch (error) {
    log.warn("ANALYZE after an import failed; the planner keeps its old statistics", { kind, error });
  }
}

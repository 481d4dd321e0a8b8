// Human descriptions of the API routes and the error codes each can answer with, for the OpenAPI document.
// The route table itself (paths, guards, schemas) is read from the app; only what code cannot know is here.

import type { ZodType } from "zod";
import {
  healthBodySchema,
  meBodySchema,
  openApiBodySchema,
  signedOutBodySchema,
  signInBodySchema,
} from "./api-schemas";
import {
  auditBodySchema,
  auditFiltersBodySchema,
  evidenceBodySchema,
  okBodySchema,
  resetPasswordBodySchema,
  userBodySchema,
  usersBodySchema,
} from "./api-schemas-admin";
import { periodControlBodySchema, todoBodySchema } from "./api-schemas-control";
import { importBodySchema, importJobBodySchema } from "./api-schemas-excel";
import {
  peopleBodySchema,
  periodsBodySchema,
  stationsBodySchema,
  townshipsBodySchema,
} from "./api-schemas-org";
import {
  consequenceRecordedBodySchema,
  consequencesBodySchema,
  noticeBodySchema,
  noticeTemplateBodySchema,
  preVetoDecidedBodySchema,
  preVetoListBodySchema,
} from "./api-schemas-outcome";
import {
  personAccountBodySchema,
  personActiveBodySchema,
  personCreatedBodySchema,
  personDetailBodySchema,
  personMovedBodySchema,
  personUpdatedBodySchema,
} from "./api-schemas-people";
import {
  extensionBodySchema,
  memberAddedBodySchema,
  periodBodySchema,
  periodDetailBodySchema,
  periodWrittenBodySchema,
  sheetQueueBodySchema,
  sheetRequestBodySchema,
} from "./api-schemas-periods";
import {
  compareBodySchema,
  dashboardBodySchema,
  openRequestsBodySchema,
  personRankingBodySchema,
  personReportBodySchema,
  townshipRankingBodySchema,
  townshipReportBodySchema,
} from "./api-schemas-reports";
import {
  mySheetsBodySchema,
  previewBodySchema,
  schemeBodySchema,
  schemeDocumentBodySchema,
  schemeImportedBodySchema,
  schemesBodySchema,
} from "./api-schemas-schemes";
import { sheetViewBodySchema } from "./api-schemas-sheets";
import {
  decompositionBodySchema,
  progressBodySchema,
  progressWrittenBodySchema,
  targetsBodySchema,
  targetsSetBodySchema,
  unitClassesBodySchema,
  unitClassesSetBodySchema,
} from "./api-schemas-targets";

export interface RouteDoc {
  summary: string;
  /** Error codes beyond the ones every route can give (400 validation, 401, 403, 404). */
  errors?: string[];
  /** Success statuses other than 200 (a create answers 201; a long import 200 or 202). */
  success?: (200 | 201 | 202)[];
  /** A multipart/form-data body read by the handler itself (no `validate("form")` to read it from). */
  multipart?: Record<string, "file" | "text">;
  /** A file answer (download) instead of JSON: its media type. */
  file?: string[];
  /** The success body's schema, where the handler builds it from one (src/http/api-schemas.ts). */
  response?: ZodType;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const SHEET_WRITE = ["STALE_VERSION", "PERIOD_FINAL", "INVALID_SHEET_TRANSITION", "SHEET_EXEMPT"];

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/v1/health": {
    response: healthBodySchema,
    summary: "Liveness, database kind and migration version",
  },
  "POST /api/v1/auth/login": {
    response: signInBodySchema,
    summary: "Sign in (session cookie and Bearer token)",
    errors: ["INVALID_CREDENTIALS", "TOO_MANY_ATTEMPTS"],
  },
  "POST /api/v1/auth/logout": { response: signedOutBodySchema, summary: "Sign out this session" },
  "POST /api/v1/auth/logout-all": { response: signedOutBodySchema, summary: "Sign out everywhere" },
  "POST /api/v1/auth/password": {
    response: signedOutBodySchema,
    summary: "Change own password (ends the other sessions)",
    errors: ["INVALID_CREDENTIALS"],
  },
  "GET /api/v1/auth/me": {
    response: meBodySchema,
    summary: "The signed-in user, role, scope and linked person",
  },
  "GET /api/v1/townships": {
    response: townshipsBodySchema,
    summary: "Townships (乡镇/街道) of the county with their stations",
  },
  "GET /api/v1/stations": { response: stationsBodySchema, summary: "Service stations (计生服务所)" },
  "GET /api/v1/people": { response: peopleBodySchema, summary: "People, scoped by role, paginated" },
  "GET /api/v1/periods": { response: periodsBodySchema, summary: "Assessment periods (考核周期)" },
  "POST /api/v1/periods": {
    response: periodWrittenBodySchema,
    success: [201],
    summary: "Create a period with sheets and default targets",
    errors: ["PERIOD_EXISTS", "DEADLINE_IN_PAST"],
  },
  "GET /api/v1/periods/:id": {
    response: periodDetailBodySchema,
    summary: "One period with the admin's next actions, sheet counts by status and township, extensions",
  },
  "PATCH /api/v1/periods/:id/deadlines": {
    response: periodWrittenBodySchema,
    summary: "Change deadlines, with a reason (past dates need confirmPastDeadlines)",
    errors: ["PERIOD_FINAL", "DEADLINE_IN_PAST"],
  },
  "POST /api/v1/periods/:id/extensions": {
    response: extensionBodySchema,
    success: [201],
    summary: "Grant an extension (延期) to one township or one person, with a reason",
    errors: ["PERIOD_NOT_RUNNING", "DEADLINE_IN_PAST"],
  },
  "POST /api/v1/periods/:id/people": {
    response: memberAddedBodySchema,
    success: [201],
    summary: "Add a late arrival to a running period: a sheet with the default targets",
    errors: ["PERIOD_NOT_RUNNING", "SHEET_EXISTS"],
  },
  "POST /api/v1/periods/:id/return-to-open": {
    response: periodBodySchema,
    summary: "Return an assessing period to open, with a reason (scores are kept)",
    errors: ["INVALID_PERIOD_TRANSITION", "PERIOD_FINAL"],
  },
  "POST /api/v1/periods/:id/open": {
    response: periodBodySchema,
    summary: "Open the period for progress and self-report",
    errors: ["INVALID_PERIOD_TRANSITION", "PERIOD_FINAL"],
  },
  "POST /api/v1/periods/:id/start-assessing": {
    response: periodBodySchema,
    summary: "Start assessment (考核); before the self-report deadline or with sheets left, needs confirm",
    errors: ["INVALID_PERIOD_TRANSITION", "PERIOD_FINAL", "CONFIRMATION_REQUIRED"],
  },
  "POST /api/v1/periods/:id/publish": {
    response: periodBodySchema,
    summary: "Publish the results (公示)",
    errors: ["INVALID_PERIOD_TRANSITION", "SHEETS_NOT_SCORED", "PERIOD_FINAL"],
  },
  "POST /api/v1/periods/:id/finalize": {
    response: periodBodySchema,
    summary: "Finalise (归档): everything becomes immutable",
    errors: ["INVALID_PERIOD_TRANSITION", "OPEN_REQUESTS", "PERIOD_FINAL"],
  },
  "POST /api/v1/periods/:id/reopen": {
    response: periodBodySchema,
    summary: "Reopen a final period, with a reason",
    errors: ["INVALID_PERIOD_TRANSITION"],
  },
  "GET /api/v1/periods/:id/targets": {
    response: targetsBodySchema,
    summary: "Targets (目标), scoped by role",
  },
  "PUT /api/v1/periods/:id/targets": {
    response: targetsSetBodySchema,
    summary: "Set many personal targets at once, with a reason",
    errors: ["PERIOD_FINAL", "PERIOD_PUBLISHED"],
  },
  "GET /api/v1/periods/:id/unit-classes": {
    response: unitClassesBodySchema,
    summary: "Each sheet's unit class (单位类别) and the classes the period's scheme declares",
  },
  "PUT /api/v1/periods/:id/unit-classes": {
    response: unitClassesSetBodySchema,
    summary: "Record the unit class of some sheets (分类考核), with a reason; before 公示; audited",
    errors: ["PERIOD_FINAL", "PERIOD_PUBLISHED"],
  },
  "PUT /api/v1/periods/:id/township-targets": {
    response: decompositionBodySchema,
    summary: "Set a township target to decompose (分解)",
    errors: ["PERIOD_FINAL", "PERIOD_PUBLISHED"],
  },
  "GET /api/v1/periods/:id/decomposition": {
    response: decompositionBodySchema,
    summary: "Township target against the sum of its staff's targets",
  },
  "GET /api/v1/periods/:id/progress": {
    response: progressBodySchema,
    summary: "Monthly progress (进度), latest revisions",
  },
  "PUT /api/v1/periods/:id/progress": {
    response: progressWrittenBodySchema,
    summary: "Record own monthly progress; corrections keep history",
    errors: ["PERIOD_NOT_OPEN", "PERIOD_FINAL"],
  },
  "GET /api/v1/periods/:id/sheets": {
    response: sheetQueueBodySchema,
    summary: "Sheets of a period (queue), scoped by role",
  },
  "GET /api/v1/sheets/:id": {
    response: sheetViewBodySchema,
    summary: "A sheet with items, evidence, targets, history and live self-score",
  },
  "POST /api/v1/sheets/:id/withdraw": {
    response: sheetViewBodySchema,
    summary: "Withdraw (撤回) own submission before the township reviews it",
    errors: [...SHEET_WRITE, "PERIOD_NOT_OPEN", "DEADLINE_PASSED"],
  },
  "POST /api/v1/sheets/:id/exempt": {
    response: sheetViewBodySchema,
    summary: "Take the person out of this period (不参加本期考核), with a category and a reason",
    errors: [...SHEET_WRITE, "PERIOD_PUBLISHED"],
  },
  "POST /api/v1/sheets/:id/restore": {
    response: sheetViewBodySchema,
    summary: "Restore an exempt person to the period (before 公示), with a reason",
    errors: [...SHEET_WRITE, "PERIOD_PUBLISHED", "SHEET_NOT_EXEMPT"],
  },
  "PATCH /api/v1/sheets/:id/self": {
    response: sheetViewBodySchema,
    summary: "Save a self-report (年度自评): own, or 代填 by an admin or assessor with onBehalfReason",
    errors: [...SHEET_WRITE, "PERIOD_NOT_OPEN", "DEADLINE_PASSED"],
  },
  "POST /api/v1/sheets/:id/submit": {
    response: sheetViewBodySchema,
    summary: "Submit a sheet: own, or 代填 by an admin or assessor with onBehalfReason",
    errors: [...SHEET_WRITE, "SHEET_INCOMPLETE", "SHEET_ALREADY_SUBMITTED", "DEADLINE_PASSED"],
  },
  "POST /api/v1/sheets/:id/review": {
    response: sheetViewBodySchema,
    summary: "Township review: pass or return with a comment",
    errors: [...SHEET_WRITE, "DEADLINE_PASSED"],
  },
  "GET /api/v1/periods/:id/pre-veto": {
    response: preVetoListBodySchema,
    summary:
      "预否决: every township's composite and rank with the engine's proposal beside the admin's decision",
  },
  "POST /api/v1/periods/:id/pre-veto": {
    response: preVetoDecidedBodySchema,
    summary: "Decide 预否决 for one township before 公示: confirm, add or remove, with a reason (audited)",
    errors: ["PERIOD_PUBLISHED"],
  },
  "GET /api/v1/periods/:id/consequences": {
    response: consequencesBodySchema,
    summary:
      "兑现奖惩: the consequences due to each party (by grade, and 预否决 as decided) and those recorded",
    errors: ["PERIOD_NOT_PUBLISHED"],
  },
  "POST /api/v1/periods/:id/consequences": {
    response: consequenceRecordedBodySchema,
    success: [201],
    summary: "Record a consequence actually applied: kind, measure, amount, date and 文号 (audited)",
    errors: ["PERIOD_NOT_PUBLISHED"],
  },
  "GET /api/v1/periods/:id/notice": {
    response: noticeBodySchema,
    summary:
      "通报 of a published period: title, 文号, issuer, date, body from the county template with facts, ranking",
    errors: ["PERIOD_NOT_PUBLISHED"],
  },
  "GET /api/v1/periods/:id/notice.docx": {
    summary:
      "通报 as a Word document (A4, 仿宋_GB2312 / 方正小标宋, attached ranking with a repeated header row, page numbers)",
    errors: ["PERIOD_NOT_PUBLISHED"],
    file: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  "GET /api/v1/notice-template": {
    response: noticeTemplateBodySchema,
    summary: "The county's 通报 template (or the default)",
  },
  "PUT /api/v1/notice-template": {
    response: noticeTemplateBodySchema,
    summary: "Save the county's 通报 template: issuer, 文号 prefix, body with {placeholders}",
  },
  "POST /api/v1/sheets/:id/inspect": {
    response: sheetViewBodySchema,
    summary: "县督查组: pass or return a township's own sheet (乡镇考核表, 自查自纠) with a comment",
    errors: [...SHEET_WRITE, "NOT_TOWNSHIP_SHEET"],
  },
  "PATCH /api/v1/sheets/:id/score": {
    response: sheetViewBodySchema,
    summary: "Assessor's verified values, with reasons",
    errors: [...SHEET_WRITE, "PERIOD_NOT_ASSESSING"],
  },
  "POST /api/v1/sheets/:id/mark-scored": {
    response: sheetViewBodySchema,
    summary: "Mark a sheet scored",
    errors: [...SHEET_WRITE, "PERIOD_NOT_ASSESSING"],
  },
  "POST /api/v1/sheets/:id/recheck": {
    response: sheetRequestBodySchema,
    success: [201],
    summary: "Ask for a recheck (复核) during 公示",
    errors: [...SHEET_WRITE, "DEADLINE_PASSED", "RECHECK_ALREADY_FILED", "RECHECK_PENDING"],
  },
  "POST /api/v1/sheets/:id/appeal": {
    response: sheetRequestBodySchema,
    success: [201],
    summary: "Appeal (申诉) after an answered recheck",
    errors: [...SHEET_WRITE, "DEADLINE_PASSED", "RECHECK_REQUIRED", "APPEAL_ALREADY_FILED"],
  },
  "POST /api/v1/sheets/:id/items/:code/evidence": {
    response: evidenceBodySchema,
    success: [201],
    multipart: { file: "file" },
    summary: "Upload evidence (multipart `file`: PDF, JPG, PNG, XLSX, DOCX)",
    errors: [
      "EMPTY_FILE",
      "FILE_TOO_LARGE",
      "PAYLOAD_TOO_LARGE",
      "UNSUPPORTED_FILE_TYPE",
      "TOO_MANY_FILES",
      "DEADLINE_PASSED",
    ],
  },
  "GET /api/v1/evidence/:id": {
    file: ["application/octet-stream"],
    summary:
      "Download an evidence file; `?preview=1` answers a PDF, PNG or JPG inline, framable only by this origin and sandboxed",
  },
  "DELETE /api/v1/evidence/:id": {
    response: okBodySchema,
    summary: "Remove an evidence file from own draft sheet",
    errors: ["DEADLINE_PASSED", "PERIOD_FINAL"],
  },
  "GET /api/v1/requests": {
    response: openRequestsBodySchema,
    summary:
      "Open 复核 and 申诉 of the county: person (工号), township, item, filed at, decide-by; filterable",
  },
  "POST /api/v1/requests/:id/decide": {
    response: sheetViewBodySchema,
    summary: "Answer a recheck (assessor) or decide an appeal (admin); answers the updated sheet",
    errors: ["WRONG_DECIDER", "PERIOD_FINAL"],
  },
  "GET /api/v1/me/sheets": { response: mySheetsBodySchema, summary: "Own sheets by period" },
  "POST /api/v1/users/staff-accounts": {
    file: [XLSX],
    summary: "Issue staff accounts with one-time passwords to a township's people without one (.xlsx, once)",
    errors: ["TOO_MANY_ACCOUNTS"],
  },
  "POST /api/v1/schemes/preview": {
    response: previewBodySchema,
    summary: "试算: score people against a scheme without storing anything",
  },
  "GET /api/v1/users": { response: usersBodySchema, summary: "Accounts of the county (admin), paginated" },
  "POST /api/v1/users": {
    response: userBodySchema,
    summary: "Create an account",
    success: [201],
    errors: ["USERNAME_TAKEN"],
  },
  "PATCH /api/v1/users/:id": {
    response: userBodySchema,
    summary: "Change an account's name, role, scope or status",
  },
  "POST /api/v1/users/:id/reset-password": {
    response: resetPasswordBodySchema,
    summary: "Set a new password for an account (ends its sessions)",
  },
  "GET /api/v1/periods/:id/control": {
    response: periodControlBodySchema,
    summary: "Progress per township (submitted / reviewed / scored / exempt of N, late) and the 催报 list",
  },
  "GET /api/v1/periods/:id/control/export": {
    file: [XLSX],
    summary: "The 催报 list as .xlsx (township accounts: own township)",
  },
  "GET /api/v1/reports/periods/:id/documents/ranking": {
    file: [DOCX],
    summary: "乡镇综合得分排名 as a signable .docx (title, page numbers, signature and seal block)",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/reports/periods/:id/documents/townships/:townshipId": {
    file: [DOCX],
    summary: "乡镇年度考核报告 as a signable .docx",
  },
  "GET /api/v1/reports/periods/:id/documents/people/:personId": {
    file: [DOCX],
    summary: "个人年度考核报告 as a signable .docx",
  },
  "GET /api/v1/me/todo": {
    response: todoBodySchema,
    summary: "To-do counts for the signed-in user's navigation",
  },
  "GET /api/v1/people/:id": {
    response: personDetailBodySchema,
    summary: "A person with township, moves (调动) and sign-in account (admin; township: own township)",
  },
  "POST /api/v1/people": {
    response: personCreatedBodySchema,
    success: [201],
    summary: "Add a person to a township's station (admin)",
  },
  "PATCH /api/v1/people/:id": {
    response: personUpdatedBodySchema,
    summary: "Change a person's details (admin); audited before → after",
  },
  "POST /api/v1/people/:id/move": {
    response: personMovedBodySchema,
    summary: "Move a person to another township from a date (调动); sheets keep their township",
  },
  "POST /api/v1/people/:id/retire": {
    response: personActiveBodySchema,
    summary: "Retire a person (离岗); disables their sign-in",
    errors: ["PERSON_RETIRED"],
  },
  "POST /api/v1/people/:id/reinstate": {
    response: personActiveBodySchema,
    summary: "Bring a retired person back",
    errors: ["PERSON_ACTIVE"],
  },
  "POST /api/v1/people/:id/account": {
    response: personAccountBodySchema,
    summary: "Create, reset (one-time password, shown once), disable or enable a person's sign-in",
    errors: [
      "PERSON_HAS_ACCOUNT",
      "PERSON_HAS_NO_ACCOUNT",
      "USERNAME_TAKEN",
      "PERSON_RETIRED",
      "ACCOUNT_ACTIVE",
      "ACCOUNT_DISABLED",
    ],
  },
  "GET /api/v1/audit/filters": {
    response: auditFiltersBodySchema,
    summary: "The audit log's pickers: kinds of change and the accounts that appear in it",
  },
  "GET /api/v1/audit/export": {
    file: [XLSX],
    summary: "The audit log as .xlsx sentences with before → after (at most 5,000 entries; same filters)",
  },
  "GET /api/v1/audit": {
    response: auditBodySchema,
    summary: "The audit trail (审计记录), filtered and paginated",
  },
  "GET /api/docs": { file: ["text/html; charset=utf-8"], summary: "This reference as a readable page" },
  "GET /api/v1/openapi.json": { response: openApiBodySchema, summary: "This OpenAPI document" },
  "GET /api/v1/schemes": { response: schemesBodySchema, summary: "Schemes (考核方案) and their versions" },
  "POST /api/v1/schemes": {
    response: schemeImportedBodySchema,
    success: [201],
    summary: "Import a scheme document as a new version",
  },
  "GET /api/v1/schemes/:id": { response: schemeBodySchema, summary: "A scheme with its document" },
  "GET /api/v1/schemes/:id/workbook": {
    file: [XLSX],
    summary: "The scheme as an Excel workbook laid out like a printed 考核细则 (方案 / 等次 / 考核细则)",
  },
  "POST /api/v1/schemes/workbook": {
    response: schemeImportedBodySchema,
    success: [201],
    multipart: { file: "file" },
    summary: "Import a scheme from an Excel workbook as a new version; every bad cell named (考核细则!F7)",
    errors: ["SCHEME_WARNINGS", "PAYLOAD_TOO_LARGE"],
  },
  "GET /api/v1/schemes/:id/export": {
    response: schemeDocumentBodySchema,
    summary: "The scheme document exactly as imported",
  },
  "GET /api/v1/reports/periods/:id/dashboard": {
    response: dashboardBodySchema,
    summary: "County dashboard: township ranking, grades vs 优秀 quota, indicator matrix, categories, trend",
  },
  "GET /api/v1/reports/periods/:id/townships": {
    response: townshipRankingBodySchema,
    summary: "Township ranking (乡镇综合得分排名)",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/reports/periods/:id/people": {
    response: personRankingBodySchema,
    summary: "Person ranking, paginated",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/reports/periods/:id/townships/:townshipId": {
    response: townshipReportBodySchema,
    summary: "Township report: members, results, indicator averages vs county",
  },
  "GET /api/v1/reports/periods/:id/people/:personId": {
    response: personReportBodySchema,
    summary: "Personal year-end report: results, reasons for changes, progress, 复核/申诉",
  },
  "GET /api/v1/reports/compare": {
    response: compareBodySchema,
    summary: "Year-over-year comparison of a person or a township",
  },
  "GET /api/v1/excel/templates/:kind": {
    file: [XLSX],
    summary: "Import template (.xlsx) for people, targets or progress",
  },
  "POST /api/v1/excel/imports/:kind": {
    response: importBodySchema,
    success: [200, 202],
    summary:
      "Import people, targets or progress from .xlsx (multipart `file`, `reason`); 202 + job when long",
    errors: ["IMPORT_REJECTED", "PAYLOAD_TOO_LARGE", "PERIOD_PUBLISHED", "PERIOD_NOT_OPEN"],
  },
  "GET /api/v1/excel/imports/:jobId": { response: importJobBodySchema, summary: "Progress of a long import" },
  "GET /api/v1/excel/exports/periods/:id/townships": {
    file: [XLSX, "text/csv; charset=utf-8"],
    summary: "Township ranking as .xlsx or CSV",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/excel/exports/periods/:id/people": {
    file: [XLSX, "text/csv; charset=utf-8"],
    summary: "Person ranking as .xlsx or CSV",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/excel/exports/periods/:id/scores": {
    file: [XLSX, "text/csv; charset=utf-8"],
    summary: "Full score sheets (person × indicator) as .xlsx or CSV",
    errors: ["NOT_PUBLISHED"],
  },
  "GET /api/v1/excel/exports/periods/:id/targets": {
    file: [XLSX, "text/csv; charset=utf-8"],
    summary: "Targets in the import template's shape",
  },
  "GET /api/v1/excel/exports/periods/:id/progress": {
    file: [XLSX, "text/csv; charset=utf-8"],
    summary: "Current monthly progress in the import template's shape",
  },
};

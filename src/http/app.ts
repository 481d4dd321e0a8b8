import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { withCommitTracking } from "../db/commit-tracking";
import { refusal, ServiceError } from "../services/errors";
import { accessLog } from "./access-log";
import type { AppDeps, AppEnv } from "./env";
import { handleError } from "./errors";
import { publicRoute } from "./guards";
import { idempotentWrites } from "./idempotency";
import { buildOpenApi, renderApiReference } from "./openapi";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { documentRoutes } from "./routes/documents";
import { evidenceRoutes, evidenceUploadRoutes } from "./routes/evidence";
import { excelRoutes } from "./routes/excel";
import { healthRoutes } from "./routes/health";
import { orgRoutes } from "./routes/org";
import { personRoutes } from "./routes/people";
import { periodControlRoutes, todoRoutes } from "./routes/period-control";
import { periodDataRoutes } from "./routes/period-data";
import { noticeRoutes, periodOutcomeRoutes } from "./routes/period-outcome";
import { periodRoutes } from "./routes/periods";
import { reportRoutes } from "./routes/reports";
import { requestRoutes } from "./routes/requests";
import { schemeRoutes } from "./routes/schemes";
import { mySheetRoutes, sheetRoutes } from "./routes/sheets";
import { userRoutes } from "./routes/users";
import { refuseCrossSiteRequests, securityHeaders } from "./security-middleware";
import { loadSession } from "./session-middleware";

/** The largest JSON body, in bytes (UTF-8: one Chinese character is three); beyond it 413. */
export const MAX_JSON_BODY = 1024 * 1024;
// Evidence uploads carry a file (see MAX_EVIDENCE_BYTES) plus the multipart envelope.
const MAX_UPLOAD_BODY = 11 * 1024 * 1024;
const tooLarge = () => {
  throw refusal("PAYLOAD_TOO_LARGE");
};
const jsonLimit = bodyLimit({ maxSize: MAX_JSON_BODY, onError: tooLarge });
const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_BODY, onError: tooLarge });
// Evidence files and Excel imports (which apply their own 5 MB limit in routes/excel.ts) carry files.
const isUpload = (path: string) => path.endsWith("/evidence") || path.startsWith("/api/v1/excel/imports/");

/** Builds the whole HTTP app; the Node and Worker entries only adapt it to their runtime. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use((c, next) => (isUpload(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)))
    .use(refuseCrossSiteRequests())
    .use(loadSession(deps.sessionPolicy))
    .use(idempotentWrites())
    .route("/health", healthRoutes(deps))
    .route("/auth", authRoutes(deps))
    .route("/", orgRoutes())
    .route("/people", personRoutes())
    .route("/periods", periodRoutes())
    .route("/periods", periodDataRoutes())
    .route("/periods", periodOutcomeRoutes())
    .route("/periods", periodControlRoutes())
    .route("/", noticeRoutes())
    .route("/sheets", sheetRoutes())
    .route("/sheets", evidenceUploadRoutes())
    .route("/evidence", evidenceRoutes())
    .route("/requests", requestRoutes())
    .route("/me", mySheetRoutes())
    .route("/me", todoRoutes())
    .route("/schemes", schemeRoutes(deps))
    .route("/users", userRoutes())
    .route("/audit", auditRoutes())
    .route("/reports", reportRoutes())
    .route("/reports", documentRoutes())
    .route("/excel", excelRoutes(deps));

  const app = new Hono<AppEnv>();
  if (deps.accessLog) app.use(accessLog());
  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set("db", withCommitTracking(typeof deps.db === "function" ? deps.db() : deps.db));
    c.set("storage", deps.storage);
    c.set("now", deps.clock?.() ?? new Date());
    await next();
  });
  // Keep the API routes in the returned type: hono/client reads them from ApiApp.
  const typed = app.route("/api/v1", api);
  // The API reference is generated from the route table itself, once, on first request.
  let apiDocument: ReturnType<typeof buildOpenApi> | undefined;
  const documentOf = () => {
    apiDocument ??= buildOpenApi(app.routes);
    return apiDocument;
  };
  app.get("/api/v1/openapi.json", publicRoute, (c) => c.json(documentOf()));
  app.get("/api/docs", publicRoute, (c) => c.html(renderApiReference(documentOf())));
  app.all("/api/*", () => {
    throw new ServiceError(404, "NOT_FOUND", "接口不存在 No such API route");
  });
  if (deps.staticFiles) app.use("*", deps.staticFiles);
  app.notFound((c) => handleError(new ServiceError(404, "NOT_FOUND", "页面不存在 Not found"), c));
  app.onError(handleError);
  return typed;
}

/** The API's type, for the front end's hono/client. */
export type ApiApp = ReturnType<typeof createApp>;

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps, AppEnv } from "./env";
import { ApiError, handleError } from "./errors";
import { authRoutes } from "./routes/auth";
import { healthRoutes } from "./routes/health";
import { orgRoutes } from "./routes/org";
import { periodRoutes } from "./routes/periods";
import { schemeRoutes } from "./routes/schemes";
import { refuseCrossSiteRequests, securityHeaders } from "./security-middleware";
import { loadSession } from "./session-middleware";

const MAX_JSON_BODY = 1024 * 1024;

/** Builds the whole HTTP app; the Node and Worker entries only adapt it to their runtime. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_JSON_BODY,
        onError: () => {
          throw new ApiError(413, "PAYLOAD_TOO_LARGE", "请求内容过大 Request body too large");
        },
      }),
    )
    .use(refuseCrossSiteRequests())
    .use(loadSession(deps.sessionPolicy))
    .route("/health", healthRoutes(deps))
    .route("/auth", authRoutes(deps))
    .route("/", orgRoutes())
    .route("/periods", periodRoutes())
    .route("/schemes", schemeRoutes());

  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set("db", deps.db);
    c.set("storage", deps.storage);
    await next();
  });
  // Keep the API routes in the returned type: hono/client reads them from ApiApp.
  const typed = app.route("/api/v1", api);
  app.all("/api/*", () => {
    throw new ApiError(404, "NOT_FOUND", "接口不存在 No such API route");
  });
  if (deps.staticFiles) app.use("*", deps.staticFiles);
  app.notFound((c) =>
    c.json({ error: { code: "NOT_FOUND", message: "页面不存在 Not found", details: [] } }, 404),
  );
  app.onError(handleError);
  return typed;
}

/** The API's type, for the front end's hono/client. */
export type ApiApp = ReturnType<typeof createApp>;

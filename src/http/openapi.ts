import type { RouterRoute } from "hono/types";
import { z } from "zod";
import { errorBodySchema } from "./api-schemas";
import { type GuardSpec, guardOf } from "./guards";
import { ROUTE_DOCS, type RouteDoc } from "./route-docs";
import { validationOf } from "./validation";

const ROLE_TEXT: Record<GuardSpec["kind"], string> = {
  public: "anyone",
  signedIn: "any signed-in user",
  roles: "",
};

interface Operation {
  method: string;
  path: string;
  guard: GuardSpec;
  schemas: { target: string; schema: z.ZodType }[];
}

/** Groups the app's registered handlers into operations: the guard and the validators of each route. */
export function collectOperations(routes: readonly RouterRoute[]): Operation[] {
  const byKey = new Map<string, Operation>();
  for (const route of routes) {
    if (route.method === "ALL" || !route.path.startsWith("/api/")) continue;
    const key = `${route.method} ${route.path}`;
    const guard = guardOf(route.handler);
    const validation = validationOf(route.handler);
    let op = byKey.get(key);
    if (!op && guard) {
      op = { method: route.method, path: route.path, guard, schemas: [] };
      byKey.set(key, op);
    }
    if (op && validation) op.schemas.push(validation);
  }
  return [...byKey.values()];
}

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
      unrepresentable: "any",
      io,
      target: "draft-2020-12",
    }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

function guardText(guard: GuardSpec): string {
  return guard.kind === "roles" ? `roles: ${guard.roles.join(", ")}` : ROLE_TEXT[guard.kind];
}

function parameters(op: Operation) {
  return op.schemas
    .filter((s) => s.target === "param" || s.target === "query")
    .flatMap((s) => {
      const schema = jsonSchema(s.schema) as { properties?: Record<string, unknown>; required?: string[] };
      return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
        name,
        in: s.target === "param" ? "path" : "query",
        required: s.target === "param" || (schema.required ?? []).includes(name),
        schema: property,
      }));
    });
}

/** `POST /api/v1/sheets/:id/items/:code/evidence` → `postSheetsByIdItemsByCodeEvidence`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\/?/, "")
    .split(/[/-]/)
    .filter(Boolean)
    .map((word) => (word.startsWith(":") ? `By${capitalize(word.slice(1))}` : capitalize(word)));
  return `${method.toLowerCase()}${words.join("")}`;
}
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).replace(/\W/g, "");

/** The tag of a route: its first path segment after /api/v1 (auth, periods, sheets, reports, excel …). */
const tagOf = (path: string) => path.replace(/^\/api\/v1\/?/, "").split("/")[0] || "api";

function requestBody(op: Operation, doc: RouteDoc | undefined) {
  const json = op.schemas.find((s) => s.target === "json");
  if (json) return { required: true, content: { "application/json": { schema: jsonSchema(json.schema) } } };
  const form = op.schemas.find((s) => s.target === "form");
  const multipart = form
    ? jsonSchema(form.schema)
    : doc?.multipart && {
        type: "object",
        required: Object.keys(doc.multipart),
        properties: Object.fromEntries(
          Object.entries(doc.multipart).map(([name, kind]) => [
            name,
            kind === "file"
              ? { type: "string", contentMediaType: "application/octet-stream" }
              : { type: "string" },
          ]),
        ),
      };
  return multipart
    ? { required: true, content: { "multipart/form-data": { schema: multipart } } }
    : undefined;
}

function successResponses(doc: RouteDoc | undefined) {
  const content = doc?.file
    ? Object.fromEntries(
        doc.file.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]),
      )
    : {
        "application/json": {
          schema: doc?.response ? jsonSchema(doc.response, "output") : { type: "object" },
        },
      };
  const text: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted: running; poll the job" };
  return Object.fromEntries(
    (doc?.success ?? [200]).map((status) => [String(status), { description: text[status], content }]),
  );
}

const ERROR_RESPONSE = {
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

function operationObject(op: Operation) {
  const doc = ROUTE_DOCS[`${op.method} ${op.path}`];
  const errors = [
    "VALIDATION_FAILED",
    ...(op.guard.kind === "public" ? [] : ["UNAUTHENTICATED", "FORBIDDEN"]),
    "NOT_FOUND",
    ...(doc?.errors ?? []),
  ];
  const body = requestBody(op, doc);
  return {
    operationId: operationIdOf(op.method, op.path),
    tags: [tagOf(op.path)],
    summary: doc?.summary ?? `${op.method} ${op.path}`,
    description: `Guard: ${guardText(op.guard)}. Error codes: ${errors.join(", ")}.`,
    "x-guard": op.guard,
    "x-error-codes": errors,
    security: op.guard.kind === "public" ? [] : [{ session: [] }, { bearer: [] }],
    parameters: parameters(op),
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...successResponses(doc),
      "400": { description: "Invalid input: details name each field", ...ERROR_RESPONSE },
      ...(op.guard.kind === "public"
        ? {}
        : {
            "401": { description: "Not signed in", ...ERROR_RESPONSE },
            "403": { description: "Not allowed for this role or scope", ...ERROR_RESPONSE },
          }),
      default: { description: `Error: ${errors.join(", ")}`, ...ERROR_RESPONSE },
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the route table and the validators' zod schemas. */
export function buildOpenApi(routes: readonly RouterRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const op of collectOperations(routes)) {
    const path = op.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method.toLowerCase()] = operationObject(op);
    tags.add(tagOf(op.path));
  }
  const errorSchema = jsonSchema(errorBodySchema, "output");
  return {
    openapi: "3.1.0",
    info: { title: "kaohe 目标管理考核系统 API", version: "1", license: { name: "MIT", identifier: "MIT" } },
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "kaohe_session" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: { Error: errorSchema },
    },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch] ?? ch);

/** A readable API reference page (no scripts, so it passes the strict CSP). */
export function renderApiReference(document: ReturnType<typeof buildOpenApi>): string {
  const rows = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, raw]) => {
      const op = raw as ReturnType<typeof operationObject>;
      const params = op.parameters.map((p) => `${p.name} (${p.in})`).join(", ");
      const body = op.requestBody
        ? `<pre>${escapeHtml(JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 1))}</pre>`
        : "";
      return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${escapeHtml(guardText(op["x-guard"]))}</td><td>${escapeHtml(params)}${body}</td><td>${op["x-error-codes"].map((c) => `<code>${c}</code>`).join(" ")}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>kaohe API 接口文档</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;font-size:.85rem}pre{max-height:12rem;overflow:auto;font-size:.75rem}</style>
</head><body><h1>kaohe API 接口文档 · API reference</h1><p>OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are always <code>{"error":{"code","message","details"}}</code>.</p>
<table><thead><tr><th>方法</th><th>路径 Path</th><th>说明 Summary</th><th>权限 Guard</th><th>参数 Parameters</th><th>错误码 Errors</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></body></html>`;
}

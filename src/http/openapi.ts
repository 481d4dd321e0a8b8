import type { RouterRoute } from "hono/types";
import { z } from "zod";
import { type GuardSpec, guardOf } from "./guards";
import { ROUTE_DOCS } from "./route-docs";
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

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
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

function operationObject(op: Operation) {
  const doc = ROUTE_DOCS[`${op.method} ${op.path}`];
  const body = op.schemas.find((s) => s.target === "json");
  const errors = [
    "VALIDATION_FAILED",
    ...(op.guard.kind === "public" ? [] : ["UNAUTHENTICATED", "FORBIDDEN"]),
    "NOT_FOUND",
    ...(doc?.errors ?? []),
  ];
  return {
    summary: doc?.summary ?? `${op.method} ${op.path}`,
    description: `Guard: ${guardText(op.guard)}. Error codes: ${errors.join(", ")}.`,
    "x-guard": op.guard,
    "x-error-codes": errors,
    security: op.guard.kind === "public" ? [] : [{ session: [] }, { bearer: [] }],
    parameters: parameters(op),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(body.schema) } },
          },
        }
      : {}),
    responses: {
      "200": { description: "OK" },
      default: {
        description: "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the route table and the validators' zod schemas. */
export function buildOpenApi(routes: readonly RouterRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of collectOperations(routes)) {
    const path = op.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: { title: "kaohe 目标管理考核系统 API", version: "1" },
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "kaohe_session" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "details"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
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
        ? `<pre>${escapeHtml(JSON.stringify(op.requestBody.content["application/json"].schema, null, 1))}</pre>`
        : "";
      return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${escapeHtml(guardText(op["x-guard"]))}</td><td>${escapeHtml(params)}${body}</td><td>${op["x-error-codes"].map((c) => `<code>${c}</code>`).join(" ")}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>kaohe API 接口文档</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;font-size:.85rem}pre{max-height:12rem;overflow:auto;font-size:.75rem}</style>
</head><body><h1>kaohe API 接口文档 · API reference</h1><p>OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are always <code>{"error":{"code","message","details"}}</code>.</p>
<table><thead><tr><th>方法</th><th>路径 Path</th><th>说明 Summary</th><th>权限 Guard</th><th>参数 Parameters</th><th>错误码 Errors</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></body></html>`;
}

import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app";
import { collectOperations } from "../../src/http/openapi";
import { ROUTE_DOCS } from "../../src/http/route-docs";
import { createMemoryStorage } from "../../src/storage/evidence-storage";

// The reference is built from the route table: no database is touched.
const app = createApp({
  db: {} as never,
  databaseKind: "pglite",
  sessionPolicy: { idleMs: 1, absoluteMs: 1 },
  storage: createMemoryStorage(),
});

describe("the API reference", () => {
  it("documents every guarded route with its guard and error codes", async () => {
    const res = await app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-guard": unknown; "x-error-codes": string[] }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const operations = collectOperations(app.routes);
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      const entry = doc.paths[op.path.replace(/:(\w+)/g, "{$1}")]?.[op.method.toLowerCase()];
      expect(entry, `${op.method} ${op.path}`).toBeDefined();
      expect(entry?.["x-guard"]).toEqual(op.guard);
      expect(entry?.["x-error-codes"]).toContain("VALIDATION_FAILED");
    }
    const score = doc.paths["/api/v1/sheets/{id}/score"]?.patch;
    expect(score?.["x-error-codes"]).toEqual(expect.arrayContaining(["STALE_VERSION", "PERIOD_FINAL"]));
  });

  it("has no descriptions of routes that do not exist", () => {
    const live = new Set(collectOperations(app.routes).map((op) => `${op.method} ${op.path}`));
    expect(Object.keys(ROUTE_DOCS).filter((key) => !live.has(key))).toEqual([]);
  });

  it("serves a readable reference page without scripts", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/api/v1/sheets/{id}/submit");
    expect(html).toContain("SHEET_INCOMPLETE");
    expect(html).not.toContain("<script");
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import {
  errorBodySchema,
  healthBodySchema,
  meBodySchema,
  signInBodySchema,
} from "../../src/http/api-schemas";
import {
  peopleBodySchema,
  periodsBodySchema,
  stationsBodySchema,
  townshipsBodySchema,
} from "../../src/http/api-schemas-org";
import { createApp } from "../../src/http/app";
import { collectOperations } from "../../src/http/openapi";
import { ROUTE_DOCS } from "../../src/http/route-docs";
import { createMemoryStorage } from "../../src/storage/evidence-storage";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PNG_BYTES } from "../support/year-fixtures";

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

  it("is a valid OpenAPI 3.1 document (checked against the official schema)", async () => {
    const doc = await (await app.request("/api/v1/openapi.json")).json();
    ROUTE_DOCS["GET /api/v1/openapi.json"]?.response?.parse(doc);
    expect(ROUTE_DOCS["GET /api/v1/openapi.json"]?.response).toBeDefined();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("gives every operation an operationId, a tag, success bodies and the error body", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as any;
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
    const operations = Object.values(doc.paths).flatMap((methods: any) => Object.values(methods)) as any[];
    expect(operations).toHaveLength(collectOperations(app.routes).length);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      expect(op.tags, op.operationId).toHaveLength(1);
      const success = Object.keys(op.responses).filter((status) => /^2\d\d$/.test(status));
      expect(success.length, op.operationId).toBeGreaterThan(0);
      expect(op.responses.default.content["application/json"].schema).toEqual({
        $ref: "#/components/schemas/Error",
      });
    }
    expect(doc.paths["/api/v1/periods"].post.responses).toHaveProperty("201");
    expect(doc.paths["/api/v1/excel/imports/{kind}"].post.responses).toHaveProperty("202");
    const evidence = doc.paths["/api/v1/sheets/{id}/items/{code}/evidence"].post;
    expect(evidence.operationId).toBe("postSheetsByIdItemsByCodeEvidence");
    expect(evidence.responses).toHaveProperty("201");
    expect(evidence.requestBody.content["multipart/form-data"].schema.properties.file).toMatchObject({
      type: "string",
      contentMediaType: "application/octet-stream",
    });
    const excelImport = doc.paths["/api/v1/excel/imports/{kind}"].post.requestBody;
    expect(excelImport.content["multipart/form-data"].schema.required).toEqual(["file"]);
    expect(
      doc.paths["/api/v1/health"].get.responses["200"].content["application/json"].schema.properties,
    ).toHaveProperty("migrations");
  });

  it("describes every JSON answer field by field", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as any;
    const undescribed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
      Object.entries(methods as Record<string, any>)
        .filter(([, op]) =>
          Object.entries(op.responses)
            .filter(([status]) => /^2\d\d$/.test(status))
            // biome-ignore lint/suspicious/noExplicitAny: walking the generated document
            .map(([, response]: [string, any]) => response.content["application/json"]?.schema)
            .some((schema) => schema && !schema.properties && !schema.anyOf && !schema.oneOf),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undescribed).toEqual([]);
    const jsonRoutes = Object.entries(ROUTE_DOCS).filter(([, route]) => !route.file);
    expect(jsonRoutes.filter(([, route]) => !route.response).map(([key]) => key)).toEqual([]);
  });

  it("describes the real answers of the reports and the open 复核/申诉 list, in every results view", async () => {
    const handle = await openTestDb({ demo: true });
    try {
      const api = createTestApp(handle, { clock: () => new Date("2026-11-29T10:00:00+08:00") });
      const documented = async (key: string, who: string, path: string) => {
        const res = await api.call(who, "GET", path);
        const body = await res.json();
        expect(res.status, `${key} as ${who}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
        const schema = ROUTE_DOCS[key]?.response as ZodType | undefined;
        expect(schema, key).toBeDefined();
        const parsed = schema?.safeParse(body);
        expect(parsed?.error?.issues ?? [], `${key} as ${who}`).toEqual([]);
        // biome-ignore lint/suspicious/noExplicitAny: the parsed body is checked field by field below
        return parsed?.data as any;
      };
      const periods = periodsBodySchema.parse(
        await (await api.call("admin", "GET", "/api/v1/periods")).json(),
      ).items;
      const published = periods.find(
        (period) => period.status === "published" && period.kind === "annual",
      )?.id;
      const open = periods.find((period) => period.status === "open")?.id;
      const reports = "/api/v1/reports/periods";

      const dashboard = "GET /api/v1/reports/periods/:id/dashboard";
      expect((await documented(dashboard, "viewer", `${reports}/${published}/dashboard`)).results).toBe(
        "published",
      );
      expect((await documented(dashboard, "assessor", `${reports}/${open}/dashboard`)).results).toBe(
        "provisional",
      );
      expect((await documented(dashboard, "viewer", `${reports}/${open}/dashboard`)).matrix).toBeNull();

      const townships = "GET /api/v1/reports/periods/:id/townships";
      const ranking = await documented(townships, "GY0201", `${reports}/${published}/townships`);
      expect(ranking.items.length).toBeGreaterThan(0);
      await documented(townships, "admin", `${reports}/${open}/townships`);

      const people = "GET /api/v1/reports/periods/:id/people";
      const ranked = await documented(people, "admin", `${reports}/${published}/people?limit=500`);
      expect(ranked.items.some((item: { exempt: string | null }) => item.exempt === null)).toBe(true);
      await documented(people, "xz02", `${reports}/${published}/people`);
      await documented(people, "assessor", `${reports}/${open}/people`);

      const township = "GET /api/v1/reports/periods/:id/townships/:townshipId";
      const own = meBodySchema.parse(await (await api.call("xz02", "GET", "/api/v1/auth/me")).json()).user
        .scope.township?.id;
      const report = await documented(township, "viewer", `${reports}/${published}/townships/${own}`);
      expect(report.members.length).toBeGreaterThan(0);
      await documented(township, "xz02", `${reports}/${open}/townships/${own}`);
      await documented(township, "admin", `${reports}/${open}/townships/${own}`);

      const person = "GET /api/v1/reports/periods/:id/people/:personId";
      const personId = report.members[0].personId;
      const personal = await documented(person, "viewer", `${reports}/${published}/people/${personId}`);
      expect(personal.sheet.resultsVisible).toBe(true);
      expect(personal.items.length).toBeGreaterThan(0);
      await documented(person, "viewer", `${reports}/${open}/people/${personId}`);
      await documented(person, "admin", `${reports}/${open}/people/${personId}`);

      const compare = "GET /api/v1/reports/compare";
      const byPerson = await documented(
        compare,
        "admin",
        `/api/v1/reports/compare?personId=${personId}&periods=${published},${open}`,
      );
      expect(byPerson.subject.kind).toBe("person");
      const byTownship = await documented(
        compare,
        "viewer",
        `/api/v1/reports/compare?townshipId=${own}&periods=${published},${open}`,
      );
      expect(byTownship.subject.kind).toBe("township");

      const requests = await documented("GET /api/v1/requests", "admin", "/api/v1/requests");
      expect(requests.items.length).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it("describes the real answers: health, errors, sign-in and me parse with the published schemas", async () => {
    const handle = await openTestDb({ demo: true });
    try {
      const live = createTestApp(handle).app;
      healthBodySchema.parse(await (await live.request("/api/v1/health")).json());
      const refused = await live.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "" }),
      });
      expect(refused.status).toBe(400);
      errorBodySchema.parse(await refused.json());
      const signIn = await live.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "nobody", password: "wrong-password" }),
      });
      expect(signIn.status).toBe(401);
      errorBodySchema.parse(await signIn.json());
      const admin = await live.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "GY0101", password: "kaohe-demo" }),
      });
      const { token } = signInBodySchema.parse(await admin.json());
      const me = await live.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${token}` } });
      expect(meBodySchema.parse(await me.json()).user.person?.employeeNo).toBe("GY0101");
      const bearer = { authorization: `Bearer ${token}` };
      const read = async (path: string) => (await live.request(path, { headers: bearer })).json();
      expect(townshipsBodySchema.parse(await read("/api/v1/townships")).items).toHaveLength(26);
      stationsBodySchema.parse(await read("/api/v1/stations"));
      expect(peopleBodySchema.parse(await read("/api/v1/people")).items).toHaveLength(1);
      expect(periodsBodySchema.parse(await read("/api/v1/periods")).items.length).toBeGreaterThan(1);
    } finally {
      await handle.close();
    }
  });

  it("describes the real answers of accounts, audit, periods, schemes and evidence", async () => {
    const handle = await openTestDb({ demo: true });
    try {
      const api = createTestApp(handle, { clock: () => new Date("2026-11-29T10:00:00+08:00") });
      // Parses an answer with the schema the document publishes for `key` (so the check follows ROUTE_DOCS).
      const documented = async (key: string, res: Response, status = 200) => {
        const body = await res.json();
        expect(res.status, `${key}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
        const schema = ROUTE_DOCS[key]?.response as ZodType | undefined;
        expect(schema, key).toBeDefined();
        // biome-ignore lint/suspicious/noExplicitAny: the parsed body is checked field by field below
        return schema?.parse(body) as any;
      };
      const users = await documented("GET /api/v1/users", await api.call("admin", "GET", "/api/v1/users"));
      expect(users.items.length).toBeGreaterThan(0);
      const account = await documented(
        "POST /api/v1/users",
        await api.call("admin", "POST", "/api/v1/users", {
          username: "viewer-openapi",
          displayName: "只读",
          role: "viewer",
          password: "Viewer-Secret-2026",
        }),
        201,
      );
      const userPath = `/api/v1/users/${account.user.id}`;
      await documented(
        "PATCH /api/v1/users/:id",
        await api.call("admin", "PATCH", userPath, { displayName: "只读账号" }),
      );
      const reset = await documented(
        "POST /api/v1/users/:id/reset-password",
        await api.call("admin", "POST", `${userPath}/reset-password`, { password: "Viewer-Secret-2027" }),
      );
      expect(reset.user.mustChangePassword).toBe(true);
      const audit = await documented("GET /api/v1/audit", await api.call("admin", "GET", "/api/v1/audit"));
      expect(audit.items.map((entry: { action: string }) => entry.action)).toContain("user.create");

      const periods = periodsBodySchema.parse(
        await (await api.call("admin", "GET", "/api/v1/periods")).json(),
      );
      const open = periods.items.find((period) => period.status === "open");
      const periodPath = `/api/v1/periods/${open?.id}`;
      const assessing = await documented(
        "POST /api/v1/periods/:id/start-assessing",
        await api.call("admin", "POST", `${periodPath}/start-assessing`, { confirm: true }),
      );
      expect(assessing.period.status).toBe("assessing");
      const reopened = await documented(
        "POST /api/v1/periods/:id/return-to-open",
        await api.call("admin", "POST", `${periodPath}/return-to-open`, { reason: "补充材料" }),
      );
      expect(reopened.period.status).toBe("open");

      const moved = await documented(
        "PATCH /api/v1/periods/:id/deadlines",
        await api.call("admin", "PATCH", `${periodPath}/deadlines`, {
          appealDeadline: "2027-06-30",
          reason: "延长申诉期",
        }),
      );
      expect(moved.period.appealDeadline).toBe("2027-06-30");
      const township = townshipsBodySchema.parse(
        await (await api.call("admin", "GET", "/api/v1/townships")).json(),
      ).items[0];
      await documented(
        "POST /api/v1/periods/:id/extensions",
        await api.call("admin", "POST", `${periodPath}/extensions`, {
          townshipId: township?.id,
          selfReportDeadline: "2027-01-20",
          reason: "汛期延误",
        }),
        201,
      );
      const created = await documented(
        "POST /api/v1/periods",
        await api.call("admin", "POST", "/api/v1/periods", {
          year: 2031,
          name: "2031年度考核",
          schemeId: open?.scheme.id,
          selfReportDeadline: "2031-12-01",
          reviewDeadline: "2031-12-15",
          recheckDeadline: "2032-01-15",
          appealDeadline: "2032-02-15",
        }),
        201,
      );
      expect(created.period.status).toBe("draft");

      const schemes = await documented(
        "GET /api/v1/schemes",
        await api.call("viewer", "GET", "/api/v1/schemes"),
      );
      // The staff scheme (the demo's campaign scheme assesses townships, not the 试算's people).
      const staffScheme = schemes.items.find((s: { code: string }) => s.code === "GY-2025-STAFF");
      const schemePath = `/api/v1/schemes/${staffScheme?.id}`;
      const scheme = await documented("GET /api/v1/schemes/:id", await api.call("admin", "GET", schemePath));
      const exported = await documented(
        "GET /api/v1/schemes/:id/export",
        await api.call("admin", "GET", `${schemePath}/export`),
      );
      expect(exported).toEqual(scheme.document);
      const preview = await documented(
        "POST /api/v1/schemes/preview",
        await api.call("assessor", "POST", "/api/v1/schemes/preview", {
          scheme: exported,
          people: [{ employeeNo: "T001", township: "试算镇", category: "station", values: {} }],
        }),
      );
      expect(preview.people[0].missing.length).toBeGreaterThan(0);

      const mine = (await documented(
        "GET /api/v1/me/sheets",
        await api.call("GY0201", "GET", "/api/v1/me/sheets"),
      )) as { items: { id: number; periodId: number }[] };
      const sheetId = mine.items.find((sheet) => sheet.periodId === open?.id)?.id;
      const detail = await documented("GET /api/v1/periods/:id", await api.call("admin", "GET", periodPath));
      expect(detail.counts?.byTownship.length).toBeGreaterThan(0);
      await documented("GET /api/v1/periods/:id", await api.call("GY0201", "GET", periodPath));
      const queue = await documented(
        "GET /api/v1/periods/:id/sheets",
        await api.call("xz02", "GET", `${periodPath}/sheets`),
      );
      expect(queue.items.length).toBeGreaterThan(0);
      const targets = await documented(
        "GET /api/v1/periods/:id/targets",
        await api.call("admin", "GET", `${periodPath}/targets`),
      );
      expect(targets.items.length).toBeGreaterThan(0);
      await documented(
        "GET /api/v1/periods/:id/progress",
        await api.call("admin", "GET", `${periodPath}/progress`),
      );
      await documented(
        "GET /api/v1/periods/:id/decomposition",
        await api.call("admin", "GET", `${periodPath}/decomposition?townshipId=${township?.id}`),
      );
      const sheetPath = `/api/v1/sheets/${sheetId}`;
      const own = await documented("GET /api/v1/sheets/:id", await api.call("GY0201", "GET", sheetPath));
      expect(own.items.length).toBeGreaterThan(0);
      const exempt = await documented(
        "POST /api/v1/sheets/:id/exempt",
        await api.call("admin", "POST", `${sheetPath}/exempt`, {
          version: own.sheet.version,
          category: "sick_leave",
          reason: "病假",
        }),
      );
      expect(exempt.sheet.exempt?.category).toBe("sick_leave");
      const restored = await documented(
        "POST /api/v1/sheets/:id/restore",
        await api.call("admin", "POST", `${sheetPath}/restore`, {
          version: exempt.sheet.version,
          reason: "返岗",
        }),
      );
      expect(restored.sheet.exempt).toBeNull();
      const form = new FormData();
      form.append("file", new File([new Uint8Array(PNG_BYTES)], "照片.png"));
      const uploaded = await documented(
        "POST /api/v1/sheets/:id/items/:code/evidence",
        await api.app.request(`/api/v1/sheets/${sheetId}/items/A1/evidence`, {
          method: "POST",
          headers: { cookie: await api.cookieFor("GY0201") },
          body: form,
        }),
        201,
      );
      await documented(
        "DELETE /api/v1/evidence/:id",
        await api.call("GY0201", "DELETE", `/api/v1/evidence/${uploaded.evidence.id}`),
      );
    } finally {
      await handle.close();
    }
  });

  it("generates a TypeScript client (openapi-typescript) that compiles", async () => {
    const doc = await (await app.request("/api/v1/openapi.json")).json();
    const work = mkdtempSync(join(tmpdir(), "kaohe-openapi-client-"));
    try {
      writeFileSync(join(work, "api.d.ts"), astToString(await openapiTS(doc)));
      // A client call typed by the generated paths: a wrong field or status would not compile.
      writeFileSync(
        join(work, "client.ts"),
        [
          'import type { paths } from "./api";',
          'type Health = paths["/api/v1/health"]["get"]["responses"]["200"]["content"]["application/json"];',
          'type Created = paths["/api/v1/periods"]["post"]["responses"]["201"];',
          'type Upload = paths["/api/v1/sheets/{id}/items/{code}/evidence"]["post"]["requestBody"];',
          'export const status: Health["status"] = "degraded";',
          "export type Checked = [Created, Upload];",
        ].join("\n"),
      );
      const tsc = join(process.cwd(), "node_modules/typescript/bin/tsc");
      await promisify(execFile)(
        process.execPath,
        [tsc, "--noEmit", "--strict", "--skipLibCheck", "client.ts"],
        {
          cwd: work,
        },
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

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

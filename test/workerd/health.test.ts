import { expect, it } from "vitest";
import { workerFetch } from "./support/worker-client";

it("reports PostgreSQL through Hyperdrive and every migration applied", async () => {
  const res = await workerFetch("/api/v1/health");
  expect(res.status).toBe(200);
  const body = await res.json<{ status: string; database: string; migrations: Record<string, unknown> }>();
  expect(body).toMatchObject({ status: "ok", database: "postgres" });
  expect(body.migrations.applied).toBe(body.migrations.expected);
});

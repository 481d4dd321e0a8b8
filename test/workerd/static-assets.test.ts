import { env } from "cloudflare:test";
import { expect, it } from "vitest";

// Through the assets router (wrangler.toml [assets]), as a browser reaches the deployed Worker.
const navigate = (path: string) =>
  env.SITE.fetch(`https://kaohe.test${path}`, { headers: { "sec-fetch-mode": "navigate" } });

it("serves the built front end, and its index.html for client-side routes", async () => {
  const home = await navigate("/");
  expect(home.status).toBe(200);
  expect(home.headers.get("content-type")).toContain("text/html");
  const page = await home.text();
  const route = await navigate("/reports/ranking");
  expect(route.status).toBe(200);
  expect(await route.text()).toBe(page);
});

it("always hands /api/* to the Worker, even for a navigation", async () => {
  const health = await navigate("/api/v1/health");
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "postgres" });
  const unknown = await navigate("/api/v1/no-such-thing");
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
});

it("gives the static files the same security headers as the API (web/dist/_headers)", async () => {
  const page = await navigate("/");
  const api = await navigate("/api/v1/health");
  for (const name of [
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
  ]) {
    expect(page.headers.get(name), name).toBeTruthy();
    expect(page.headers.get(name), name).toBe(api.headers.get(name));
  }
});

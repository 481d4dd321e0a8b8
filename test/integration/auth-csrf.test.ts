import { describe, expect, it } from "vitest";
import { apiClient, errorOf, useTestApp } from "../support/use-test-app";

const t = useTestApp();

// app.request resolves paths against http://localhost, so that is this server's own origin here.
const SELF = "http://localhost";
const EVIL = "https://evil.example";

function logout(headers: Record<string, string>) {
  return apiClient(t.app, headers).auth.logout.$post();
}

async function stillSignedIn(cookie: string) {
  return (await apiClient(t.app, { cookie }).auth.me.$get()).status === 200;
}

describe("cross-site request forgery", () => {
  it("refuses a cross-origin POST that carries the session cookie, and the session survives", async () => {
    const { cookie } = await t.signIn("GY0101");
    const res = await logout({ cookie, origin: EVIL });
    expect(res.status).toBe(403);
    const body = await errorOf(res);
    expect(body.error.code).toBe("CROSS_SITE_REQUEST");
    expect(body.error.message).toMatch(/跨站.*Cross-site/);
    expect(await stillSignedIn(cookie)).toBe(true);
  });

  it("refuses JSON as well as form bodies, and a forged sign-in (login CSRF)", async () => {
    const { cookie } = await t.signIn("GY0102");
    const json = await apiClient(t.app, { cookie, origin: EVIL }).auth.password.$post({
      json: { currentPassword: "kaohe-demo", newPassword: "Forged-Password-99" },
    });
    expect(json.status).toBe(403);
    // A form body, which the typed client does not send.
    const form = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: "username=GY0102&password=kaohe-demo",
    });
    expect(form.status).toBe(403);
  });

  it("refuses Origin: null and a cross-site Sec-Fetch-Site without Origin", async () => {
    const { cookie } = await t.signIn("GY0103");
    expect((await logout({ cookie, origin: "null" })).status).toBe(403);
    expect((await logout({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(
      (await logout({ cookie, "sec-fetch-site": "same-site", origin: "http://other.localhost" })).status,
    ).toBe(403);
    expect(await stillSignedIn(cookie)).toBe(true);
  });

  it("lets same-origin requests through, by Origin or by Sec-Fetch-Site (behind a proxy)", async () => {
    const a = await t.signIn("GY0104");
    expect((await logout({ cookie: a.cookie, origin: SELF, "sec-fetch-site": "same-origin" })).status).toBe(
      200,
    );
    const b = await t.signIn("GY0104");
    expect((await logout({ cookie: b.cookie, origin: SELF })).status).toBe(200);
    const c = await t.signIn("GY0104");
    expect(
      (
        await logout({
          cookie: c.cookie,
          origin: "https://kaohe.example.gov.cn",
          "sec-fetch-site": "same-origin",
        })
      ).status,
    ).toBe(200);
  });

  it("exempts Bearer-only requests, which a browser cannot forge, but not Bearer with the cookie", async () => {
    const a = await t.signIn("GY0105");
    expect((await logout({ authorization: `Bearer ${a.token}`, origin: EVIL })).status).toBe(200);
    const b = await t.signIn("GY0105");
    expect(
      (await logout({ authorization: `Bearer ${b.token}`, cookie: b.cookie, origin: EVIL })).status,
    ).toBe(403);
  });

  it("treats requests without Origin and Sec-Fetch-Site as non-browser clients", async () => {
    const { cookie } = await t.signIn("GY0201");
    expect((await logout({ cookie })).status).toBe(200);
  });

  it("never blocks safe methods", async () => {
    const { cookie } = await t.signIn("GY0202");
    const res = await apiClient(t.app, {
      cookie,
      origin: EVIL,
      "sec-fetch-site": "cross-site",
    }).auth.me.$get();
    expect(res.status).toBe(200);
  });
});

describe("security headers", () => {
  it.each(["/api/v1/health", "/api/v1/auth/me", "/no-such-page"])("are set on %s", async (path) => {
    const res = await t.app.request(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("marks the session cookie Secure when served over https", async () => {
    // Over https, which the typed client (http://localhost) does not speak.
    const res = await t.app.request("https://kaohe.example.gov.cn/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "viewer", password: "kaohe-demo" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/);
  });
});

import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { loginAttempts } from "../../src/db/schema/auth";
import {
  clientAddressOf,
  clientAddressResolver,
  parseTrustedProxies,
  withForwardedProto,
} from "../../src/http/client-address";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

describe("TRUST_PROXY: the client address behind a reverse proxy", () => {
  const proxies = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

  it("takes X-Forwarded-For only through trusted proxies, from the right", () => {
    expect(clientAddressOf(proxies, "127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressOf(proxies, "::ffff:127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    // A client that writes its own header gets its forged hop ignored: nginx appends the real peer.
    expect(clientAddressOf(proxies, "127.0.0.1", "1.1.1.1, 203.0.113.7")).toBe("203.0.113.7");
    // Through two trusted proxies.
    expect(clientAddressOf(proxies, "127.0.0.1", "203.0.113.7, 10.1.2.3")).toBe("203.0.113.7");
    // A peer that is no proxy: its header is not believed.
    expect(clientAddressOf(proxies, "198.51.100.9", "203.0.113.7")).toBe("198.51.100.9");
    // Nothing trusted (the default): always the socket peer.
    expect(clientAddressOf(parseTrustedProxies(""), "127.0.0.1", "203.0.113.7")).toBe("127.0.0.1");
    // A trusted proxy without a header, or with garbage in it: the proxy itself.
    expect(clientAddressOf(proxies, "127.0.0.1", undefined)).toBe("127.0.0.1");
    expect(clientAddressOf(proxies, "127.0.0.1", "not-an-address")).toBe("127.0.0.1");
  });

  it("refuses a TRUST_PROXY entry that is not an address or CIDR, naming it", () => {
    expect(() => parseTrustedProxies("127.0.0.1, nginx.local")).toThrow(/"nginx\.local"/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33"/);
  });
});

describe("sign-in throttling behind a trusted proxy", () => {
  let handle: DbHandle;
  let api: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    handle = await openTestDb({ demo: true });
    // The socket peer comes from a test header; the resolver is the one the Node server uses.
    const resolver = clientAddressResolver(parseTrustedProxies("127.0.0.1"), (c) =>
      c.req.header("x-test-peer"),
    );
    api = createTestApp(handle, { clientAddress: resolver });
  });
  afterAll(() => handle.close());

  async function wrongPassword(peer: string, forwardedFor: string) {
    const res = await api.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-test-peer": peer, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ username: "xz01", password: "wrong-password" }),
    });
    expect(res.status).toBe(401);
    const [row] = await handle.db.select().from(loginAttempts).orderBy(desc(loginAttempts.id)).limit(1);
    return row?.clientAddress;
  }

  it("records the forwarded client through the proxy, and the peer otherwise", async () => {
    expect(await wrongPassword("127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    expect(await wrongPassword("127.0.0.1", "203.0.113.8")).toBe("203.0.113.8");
    expect(await wrongPassword("198.51.100.9", "203.0.113.7")).toBe("198.51.100.9");
  });
});

describe("X-Forwarded-Proto from a trusted proxy", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb({ demo: true });
  });
  afterAll(() => handle.close());

  /** Signs in through the wrapper the Node server uses, as if from `peer`; returns the session cookie. */
  async function signInFrom(peer: string, proto: string) {
    const { app } = createTestApp(handle);
    type Env = { peer: string };
    const fetch = withForwardedProto<Env>(
      parseTrustedProxies("127.0.0.1"),
      (env) => env.peer,
      (request, env) => app.fetch(request, env),
    );
    const res = await fetch(
      new Request("http://kaohe.example/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-proto": proto },
        body: JSON.stringify({ username: "admin", password: "kaohe-demo" }),
      }),
      { peer },
    );
    expect(res.status).toBe(200);
    return res.headers.get("set-cookie") ?? "";
  }

  it("makes the session cookie Secure behind a TLS proxy, and only behind a trusted one", async () => {
    expect(await signInFrom("127.0.0.1", "https")).toMatch(/;\s*Secure/i);
    expect(await signInFrom("198.51.100.9", "https")).not.toMatch(/;\s*Secure/i);
    expect(await signInFrom("127.0.0.1", "http")).not.toMatch(/;\s*Secure/i);
  });
});

import { expect, it } from "vitest";
import { cookieFor, workerFetch } from "./support/worker-client";

it("signs a demo user in (a hash made on Node) and reads me with the session cookie", async () => {
  const cookie = await cookieFor("assessor");
  expect(cookie).toMatch(/^kaohe_session=/);
  const me = await workerFetch("/api/v1/auth/me", { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ user: { username: "assessor", role: "assessor" } });
});

it("refuses a wrong password and an anonymous me", async () => {
  const res = await workerFetch("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "viewer", password: "not-the-password" }),
  });
  expect(res.status).toBe(401);
  expect((await workerFetch("/api/v1/auth/me")).status).toBe(401);
});

it("serves concurrent requests, each on its own database client", async () => {
  const usernames = ["admin", "assessor", "viewer", "xz01", "xz19", "xz23", "GY0101", "GYX01"];
  const cookies = await Promise.all(usernames.map((username) => cookieFor(username)));
  const answers = await Promise.all(
    cookies.map((cookie) =>
      workerFetch("/api/v1/auth/me", { headers: { cookie } }).then((res) => res.json()),
    ),
  );
  expect(answers.map((body) => (body as { user: { username: string } }).user.username)).toEqual(usernames);
});

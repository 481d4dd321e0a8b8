import { Hono } from "hono";
import { z } from "zod";
import { describeUser, invalidateSession } from "../../auth/session";
import { login } from "../../services/auth-service";
import type { AppDeps, AppEnv } from "../env";
import { ApiError } from "../errors";
import { currentUser, publicRoute, signedIn } from "../guards";
import { clearSessionCookie, setSessionCookie } from "../session-middleware";
import { validate } from "../validation";

const loginBody = z.object({
  username: z.string().trim().min(1, "请输入用户名 Username is required").max(64),
  password: z.string().min(1, "请输入密码 Password is required").max(256),
});

/** Sign-in, sign-out and "who am I". */
export function authRoutes(deps: Pick<AppDeps, "sessionPolicy">) {
  return new Hono<AppEnv>()
    .post("/login", publicRoute, validate("json", loginBody), async (c) => {
      const { username, password } = c.req.valid("json");
      const result = await login(c.var.db, username, password, deps.sessionPolicy);
      if (!result.ok) {
        // One message for unknown user and wrong password: no account enumeration.
        throw new ApiError(401, "INVALID_CREDENTIALS", "用户名或密码错误 Wrong username or password");
      }
      setSessionCookie(c, result.token, result.expiresAt);
      // The token is also returned for API clients and scripts (Authorization: Bearer).
      return c.json({
        user: await describeUser(c.var.db, result.user),
        token: result.token,
        expiresAt: result.expiresAt,
      });
    })
    .post("/logout", signedIn, async (c) => {
      const session = c.get("session");
      if (session) await invalidateSession(c.var.db, session.id);
      clearSessionCookie(c);
      return c.json({ ok: true });
    })
    .get("/me", signedIn, async (c) => c.json({ user: await describeUser(c.var.db, currentUser(c)) }));
}

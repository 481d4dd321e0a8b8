import { type Context, Hono } from "hono";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/password-policy";
import { describeUser, invalidateSession, invalidateUserSessions } from "../../auth/session";
import { changeOwnPassword, login } from "../../services/accounts/auth-service";
import { invalid, refusal, ServiceError, unauthenticated } from "../../services/errors";
import type { AppDeps, AppEnv } from "../env";
import { currentUser, ownAccount, publicRoute } from "../guards";
import { clearSessionCookie, setSessionCookie } from "../session-middleware";
import { validate } from "../validation";

const loginBody = z.object({
  username: z.string().trim().min(1, "请输入用户名 Username is required").max(64),
  password: z.string().min(1, "请输入密码 Password is required").max(MAX_PASSWORD_LENGTH),
});

const passwordBody = z.object({
  currentPassword: z.string().min(1, "请输入当前密码 Current password is required").max(MAX_PASSWORD_LENGTH),
  // The policy (length, username, common passwords) is checked by the service, which names the rule.
  newPassword: z.string().min(1, "请输入新密码 New password is required").max(MAX_PASSWORD_LENGTH),
});

/** The caller's address for throttling: the runtime's own knowledge first, then Cloudflare's header. */
function clientAddressOf(c: Context<AppEnv>, deps: Pick<AppDeps, "clientAddress">): string {
  return deps.clientAddress?.(c) || c.req.header("cf-connecting-ip") || "unknown";
}

/** 429 with Retry-After, saying when to try again; the same whether or not the account exists. */
function tooManyAttempts(c: Context<AppEnv>, retryAt: Date): ServiceError {
  // Against the request clock, as the throttle window itself (deps.clock in tests).
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - c.var.now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  c.header("Retry-After", String(seconds));
  return new ServiceError(
    429,
    "TOO_MANY_ATTEMPTS",
    `密码错误次数过多，请 ${minutes} 分钟后再试 Too many wrong passwords; try again in ${minutes} minute(s)`,
    { retryAfterSeconds: seconds, retryAt: retryAt.toISOString() },
    { minutes },
  );
}

/** Sign-in, sign-out (here or everywhere), password change and "who am I". */
export function authRoutes(deps: Pick<AppDeps, "sessionPolicy" | "clientAddress">) {
  return new Hono<AppEnv>()
    .post("/login", publicRoute, validate("json", loginBody), async (c) => {
      const { username, password } = c.req.valid("json");
      const clientAddress = clientAddressOf(c, deps);
      const result = await login(
        c.var.db,
        { username, password, clientAddress },
        deps.sessionPolicy,
        c.var.now,
      );
      if (!result.ok && result.reason === "throttled") throw tooManyAttempts(c, result.retryAt);
      if (!result.ok) {
        // One message for unknown user and wrong password: no account enumeration.
        throw refusal("INVALID_CREDENTIALS");
      }
      setSessionCookie(c, result.token, result.expiresAt);
      // The token is also returned for API clients and scripts (Authorization: Bearer).
      return c.json({
        user: await describeUser(c.var.db, result.user),
        token: result.token,
        expiresAt: result.expiresAt,
      });
    })
    .post("/logout", ownAccount, async (c) => {
      const session = c.get("session");
      if (session) await invalidateSession(c.var.db, session.id);
      clearSessionCookie(c);
      return c.json({ ok: true });
    })
    .post("/logout-all", ownAccount, async (c) => {
      const ended = await invalidateUserSessions(c.var.db, currentUser(c).id);
      clearSessionCookie(c);
      return c.json({ ok: true, endedSessions: ended });
    })
    .post("/password", ownAccount, validate("json", passwordBody), async (c) => {
      const session = c.get("session");
      if (!session) throw unauthenticated();
      const input = { ...c.req.valid("json"), clientAddress: clientAddressOf(c, deps) };
      const result = await changeOwnPassword(c.var.db, session.user, session.id, input, c.var.now);
      if (result.ok) return c.json({ ok: true, endedSessions: result.endedSessions });
      if (result.reason === "throttled") throw tooManyAttempts(c, result.retryAt);
      if (result.reason === "wrongPassword") {
        throw invalid("当前密码错误 The current password is wrong", [
          { path: "currentPassword", message: "当前密码错误 The current password is wrong" },
        ]);
      }
      throw new ServiceError(400, "WEAK_PASSWORD", result.message, [
        { path: "newPassword", message: result.message },
      ]);
    })
    .get("/me", ownAccount, async (c) => c.json({ user: await describeUser(c.var.db, currentUser(c)) }));
}

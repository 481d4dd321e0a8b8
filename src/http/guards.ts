import type { Context, MiddlewareHandler } from "hono";
import type { Role, SessionUser } from "../auth/session";
import { forbidden, refusal, unauthenticated } from "../services/errors";
import type { AppEnv } from "./env";

/**
 * Who may call a route. Every route declares exactly one guard; `test/integration/route-guards.test.ts`
 * walks the app's routes and fails for any route without one, and checks each guard as every role.
 */
export type GuardSpec =
  | { kind: "public" }
  | { kind: "signedIn"; duringPasswordChange?: boolean }
  | { kind: "roles"; roles: readonly Role[] };

const GUARD = Symbol("kaohe.guard");
type Guard = MiddlewareHandler<AppEnv> & { [GUARD]: GuardSpec };

function tag(handler: MiddlewareHandler<AppEnv>, spec: GuardSpec): Guard {
  return Object.assign(handler, { [GUARD]: spec });
}

/** The guard a handler carries, if it is one. */
export function guardOf(handler: unknown): GuardSpec | undefined {
  return typeof handler === "function" && GUARD in handler ? (handler as Guard)[GUARD] : undefined;
}

/** Anyone, signed in or not (health, sign-in). */
export const publicRoute: Guard = tag(
  async (_c, next) => {
    await next();
  },
  { kind: "public" },
);

/** The session's user, refusing anonymous callers and (unless allowed) users who must change their password. */
function requireUser(c: Context<AppEnv>, duringPasswordChange = false): SessionUser {
  const session = c.get("session");
  if (!session) throw unauthenticated();
  if (session.user.mustChangePassword && !duringPasswordChange) {
    throw refusal("PASSWORD_CHANGE_REQUIRED");
  }
  return session.user;
}

/** Any signed-in user; finer scope checks happen in the handler or service. */
export const signedIn: Guard = tag(
  async (c, next) => {
    requireUser(c);
    await next();
  },
  { kind: "signedIn" },
);

/**
 * A signed-in user acting on their own account (who am I, change password, sign out): reachable even while
 * a password change is pending, which every other guard refuses with PASSWORD_CHANGE_REQUIRED.
 */
export const ownAccount: Guard = tag(
  async (c, next) => {
    requireUser(c, true);
    await next();
  },
  { kind: "signedIn", duringPasswordChange: true },
);

/** A signed-in user with one of the given roles. */
export function roles(...allowed: Role[]): Guard {
  return tag(
    async (c, next) => {
      const user = requireUser(c);
      if (!allowed.includes(user.role)) throw forbidden();
      await next();
    },
    { kind: "roles", roles: allowed },
  );
}

/** The signed-in user of a guarded route. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const session = c.get("session");
  if (!session) throw unauthenticated();
  return session.user;
}

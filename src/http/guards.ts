import type { Context, MiddlewareHandler } from "hono";
import type { Role, SessionUser } from "../auth/session";
import type { AppEnv } from "./env";
import { forbidden, unauthorized } from "./errors";

/**
 * Who may call a route. Every route declares exactly one guard; `test/integration/route-guards.test.ts`
 * walks the app's routes and fails for any route without one, and checks each guard as every role.
 */
export type GuardSpec = { kind: "public" } | { kind: "signedIn" } | { kind: "roles"; roles: readonly Role[] };

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

/** Any signed-in user; finer scope checks happen in the handler or service. */
export const signedIn: Guard = tag(
  async (c, next) => {
    if (!c.get("session")) throw unauthorized();
    await next();
  },
  { kind: "signedIn" },
);

/** A signed-in user with one of the given roles. */
export function roles(...allowed: Role[]): Guard {
  return tag(
    async (c, next) => {
      const session = c.get("session");
      if (!session) throw unauthorized();
      if (!allowed.includes(session.user.role)) throw forbidden();
      await next();
    },
    { kind: "roles", roles: allowed },
  );
}

/** The signed-in user of a guarded route. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const session = c.get("session");
  if (!session) throw unauthorized();
  return session.user;
}

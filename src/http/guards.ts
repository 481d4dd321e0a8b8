import type { Context, MiddlewareHandler } from "hono";
import type { Role, SessionUser } from "../auth/session";
import type { AppEnv } from "./env";
import { forbidden, unauthorized } from "./errors";

/** Any signed-in user. */
export const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("session")) throw unauthorized();
  await next();
};

/** A signed-in user with one of the given roles. */
export function roles(...allowed: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get("session");
    if (!session) throw unauthorized();
    if (!allowed.includes(session.user.role)) throw forbidden();
    await next();
  };
}

/** The signed-in user of a guarded route. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const session = c.get("session");
  if (!session) throw unauthorized();
  return session.user;
}

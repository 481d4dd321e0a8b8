import type { InferResponseType } from "hono/client";
import type { api } from "./client";

/** The signed-in user as `/auth/me` describes them. */
export type CurrentUser = InferResponseType<typeof api.auth.me.$get, 200>["user"];
export type Role = CurrentUser["role"];
export type Period = InferResponseType<typeof api.periods.$get, 200>["items"][number];
export type Township = InferResponseType<typeof api.townships.$get, 200>["items"][number];
export type SchemeSummary = InferResponseType<typeof api.schemes.$get, 200>["items"][number];

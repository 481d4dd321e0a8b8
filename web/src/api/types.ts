import type { InferResponseType } from "hono/client";
import type { api } from "./client";

/** The signed-in user as `/auth/me` describes them. */
export type CurrentUser = InferResponseType<typeof api.auth.me.$get, 200>["user"];
export type Role = CurrentUser["role"];
export type Period = InferResponseType<typeof api.periods.$get, 200>["items"][number];
export type Township = InferResponseType<typeof api.townships.$get, 200>["items"][number];
export type SchemeSummary = InferResponseType<typeof api.schemes.$get, 200>["items"][number];
export type ProgressEntry = InferResponseType<
  (typeof api.periods)[":id"]["progress"]["$get"],
  200
>["items"][number];
export type TargetRow = InferResponseType<
  (typeof api.periods)[":id"]["targets"]["$get"],
  200
>["items"][number];
export type SheetRow = InferResponseType<(typeof api.periods)[":id"]["sheets"]["$get"], 200>["items"][number];
/** A sheet with its items, evidence, history and live self-score (`GET /sheets/:id`). */
export type SheetView = InferResponseType<(typeof api.sheets)[":id"]["$get"], 200>;
export type SheetItem = SheetView["items"][number];
export type Evidence = SheetItem["evidence"][number];
export type Dashboard = InferResponseType<(typeof api.reports.periods)[":id"]["dashboard"]["$get"], 200>;
export type DashboardResults = Extract<Dashboard, { townships: unknown[] }>;
export type TownshipRankingRow = DashboardResults["townships"][number];
export type PersonReport = InferResponseType<
  (typeof api.reports.periods)[":id"]["people"][":personId"]["$get"],
  200
>;
export type TownshipReport = InferResponseType<
  (typeof api.reports.periods)[":id"]["townships"][":townshipId"]["$get"],
  200
>;
/** One period with its sheet counts and extensions (`GET /periods/:id`). */
export type PeriodDetail = InferResponseType<(typeof api.periods)[":id"]["$get"], 200>;
export type Extension = PeriodDetail["extensions"][number];
export type Person = InferResponseType<typeof api.people.$get, 200>["items"][number];

import type { ComponentType } from "preact";
import type { CurrentUser, Role } from "../api/types";
import type { Messages } from "../i18n/zh-CN";

export interface PageProps {
  params: Record<string, string>;
}

type PageModule = { default: ComponentType<PageProps> };

export interface RouteDef {
  path: string;
  roles: readonly Role[] | "any";
  /** Each page is its own chunk: only the pages a user opens are downloaded. */
  load: () => Promise<PageModule>;
}

const READERS: readonly Role[] = ["assessor", "admin", "viewer", "township"];

/** Every page of the app, with who may open it. */
export const ROUTES: readonly RouteDef[] = [
  { path: "/password", roles: "any", load: () => import("../pages/change-password") },
  { path: "/staff/targets", roles: ["staff"], load: () => import("../pages/staff/targets") },
  { path: "/staff/progress", roles: ["staff"], load: () => import("../pages/staff/progress") },
  { path: "/staff/self-report", roles: ["staff"], load: () => import("../pages/staff/self-report") },
  { path: "/staff/result", roles: ["staff"], load: () => import("../pages/staff/result") },
  { path: "/staff/requests", roles: ["staff"], load: () => import("../pages/staff/requests") },
  { path: "/staff/report", roles: ["staff"], load: () => import("../pages/reports/person") },
  { path: "/township/sheets", roles: ["township"], load: () => import("../pages/township/sheets") },
  { path: "/township/sheets/:id", roles: ["township"], load: () => import("../pages/township/review") },
  { path: "/township/targets", roles: ["township"], load: () => import("../pages/admin/targets") },
  { path: "/assessor/queue", roles: ["assessor", "admin"], load: () => import("../pages/assessor/queue") },
  {
    path: "/assessor/requests",
    roles: ["assessor", "admin"],
    load: () => import("../pages/assessor/pending-requests"),
  },
  {
    path: "/assessor/sheets/:id",
    roles: ["assessor", "admin"],
    load: () => import("../pages/assessor/scoring"),
  },
  {
    path: "/assessor/sheets/:id/on-behalf",
    roles: ["assessor", "admin"],
    load: () => import("../pages/assessor/on-behalf"),
  },
  { path: "/reports", roles: READERS, load: () => import("../pages/reports/dashboard") },
  { path: "/reports/ranking", roles: READERS, load: () => import("../pages/reports/ranking") },
  { path: "/reports/townships/:id", roles: READERS, load: () => import("../pages/reports/township") },
  { path: "/reports/people/:id", roles: READERS, load: () => import("../pages/reports/person") },
  { path: "/admin/schemes", roles: ["admin", "assessor"], load: () => import("../pages/admin/schemes") },
  {
    path: "/admin/schemes/:id",
    roles: ["admin", "assessor"],
    load: () => import("../pages/admin/scheme-editor"),
  },
  { path: "/admin/periods", roles: ["admin"], load: () => import("../pages/admin/periods") },
  { path: "/admin/periods/:id", roles: ["admin"], load: () => import("../pages/admin/period-detail") },
  {
    path: "/admin/periods/:id/unit-classes",
    roles: ["admin"],
    load: () => import("../pages/admin/unit-classes"),
  },
  {
    path: "/reminders",
    roles: ["admin", "assessor", "township"],
    load: () => import("../pages/admin/reminders"),
  },
  { path: "/admin/people", roles: ["admin"], load: () => import("../pages/admin/people") },
  { path: "/admin/people/:id", roles: ["admin"], load: () => import("../pages/admin/person") },
  { path: "/admin/users", roles: ["admin"], load: () => import("../pages/admin/users") },
  { path: "/admin/targets", roles: ["admin"], load: () => import("../pages/admin/targets") },
  { path: "/audit", roles: ["admin", "assessor"], load: () => import("../pages/audit") },
];

export interface NavItem {
  href: string;
  label: keyof Messages["nav"];
}

/** The navigation a role sees, in the order of its working year. */
export function navigationFor(user: CurrentUser): NavItem[] {
  switch (user.role) {
    case "staff":
      return [
        { href: "/staff/targets", label: "myTargets" },
        { href: "/staff/progress", label: "progress" },
        { href: "/staff/self-report", label: "selfReport" },
        { href: "/staff/result", label: "result" },
        { href: "/staff/requests", label: "requests" },
        { href: "/staff/report", label: "myReport" },
      ];
    case "township":
      return [
        { href: "/township/sheets", label: "townshipSheets" },
        { href: "/reminders", label: "reminders" },
        { href: "/township/targets", label: "targets" },
        { href: `/reports/townships/${user.scope.township?.id ?? 0}`, label: "townshipReport" },
        { href: "/reports", label: "dashboard" },
      ];
    case "assessor":
      return [
        { href: "/assessor/queue", label: "queue" },
        { href: "/assessor/requests", label: "pendingRequests" },
        { href: "/reports", label: "dashboard" },
        { href: "/admin/schemes", label: "schemes" },
        { href: "/audit", label: "audit" },
      ];
    case "admin":
      return [
        { href: "/admin/periods", label: "periods" },
        { href: "/admin/schemes", label: "schemes" },
        { href: "/admin/targets", label: "targets" },
        { href: "/admin/people", label: "people" },
        { href: "/admin/users", label: "users" },
        { href: "/assessor/queue", label: "queue" },
        { href: "/assessor/requests", label: "pendingRequests" },
        { href: "/reminders", label: "reminders" },
        { href: "/reports", label: "dashboard" },
        { href: "/audit", label: "audit" },
      ];
    case "viewer":
      return [{ href: "/reports", label: "dashboard" }];
  }
}

/** Where a role lands after signing in. */
export function homeFor(user: CurrentUser): string {
  return navigationFor(user)[0]?.href ?? "/password";
}

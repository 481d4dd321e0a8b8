import { and, eq, inArray, sql } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { DbOrTx } from "../../db/client";
import { periods } from "../../db/schema/period";
import { sheets } from "../../db/schema/sheet";
import { isPastDeadline } from "../../domain/deadlines";
import { countSheetsByStatus } from "./period-control-service";

// To-do counts for each role's navigation (issue 18): what waits for the signed-in user, counted, never listed.
// staff: own sheets to fill in and submit; township: sheets to review; assessor: sheets to score and 复核 to
// answer; admin: 申诉 to decide and period steps due (open a draft, start assessing after the deadline, publish
// when all is scored, archive after the appeal deadline).

export type TodoKey = "selfReport" | "review" | "score" | "recheck" | "appeal" | "periodSteps";

export interface Todo {
  key: TodoKey;
  count: number;
  /** The page where the work is done; the navigation shows the count beside it. */
  href: string;
}

const RUNNING = ["open", "assessing"] as const;

async function periodStepsDue(db: DbOrTx, countyId: number, now: Date): Promise<number> {
  const inPool = sql`${sheets.exemptCategory} is null`;
  const rows = await db
    .select({
      status: periods.status,
      selfReportDeadline: periods.selfReportDeadline,
      appealDeadline: periods.appealDeadline,
      pool: sql<number>`count(${sheets.id}) filter (where ${inPool})`.mapWith(Number),
      scored:
        sql<number>`count(${sheets.id}) filter (where ${inPool} and ${sheets.status} = 'scored')`.mapWith(
          Number,
        ),
      open: sql<number>`count(${sheets.id}) filter (where ${sheets.status} in ('recheck_requested', 'appealed'))`.mapWith(
        Number,
      ),
    })
    .from(periods)
    .leftJoin(sheets, eq(sheets.periodId, periods.id))
    .where(
      and(
        eq(periods.countyId, countyId),
        inArray(periods.status, ["draft", "open", "assessing", "published"]),
      ),
    )
    .groupBy(periods.id);
  return rows.filter(
    (p) =>
      p.status === "draft" ||
      (p.status === "open" && isPastDeadline(p.selfReportDeadline, now)) ||
      (p.status === "assessing" && p.pool > 0 && p.scored === p.pool) ||
      (p.status === "published" && isPastDeadline(p.appealDeadline, now) && p.open === 0),
  ).length;
}

/** The signed-in user's to-do counts (only those above zero). */
export async function todoCounts(db: DbOrTx, user: SessionUser, now: Date): Promise<Todo[]> {
  const running = inArray(periods.status, [...RUNNING]);
  const county = eq(periods.countyId, user.countyId);
  const todos: Todo[] = [];
  const add = (key: TodoKey, count: number | undefined, href: string) => {
    if (count) todos.push({ key, count, href });
  };
  switch (user.role) {
    case "staff": {
      const counts = await countSheetsByStatus(db, [
        county,
        running,
        eq(sheets.personId, user.personId ?? -1),
      ]);
      add("selfReport", counts.get("draft"), "/staff/self-report");
      break;
    }
    case "township": {
      const counts = await countSheetsByStatus(db, [
        county,
        running,
        eq(sheets.townshipId, user.townshipId ?? -1),
      ]);
      add("review", counts.get("submitted"), "/township/sheets");
      break;
    }
    case "assessor":
    case "admin": {
      const [scoring, published] = await Promise.all([
        countSheetsByStatus(db, [county, eq(periods.status, "assessing")]),
        countSheetsByStatus(db, [county, eq(periods.status, "published")]),
      ]);
      add("score", scoring.get("reviewed"), "/assessor/queue");
      add("recheck", published.get("recheck_requested"), "/assessor/requests");
      if (user.role === "admin") {
        add("appeal", published.get("appealed"), "/assessor/requests");
        add("periodSteps", await periodStepsDue(db, user.countyId, now), "/admin/periods");
      }
      break;
    }
    case "viewer":
      break;
  }
  return todos;
}

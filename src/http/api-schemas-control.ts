import { z } from "zod";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import type { periodControl } from "../services/periods/period-control-service";
import type { todoCounts } from "../services/periods/todo-service";

// Answer bodies of period control and the to-do counts (issue 18), for the OpenAPI document; the typecheck ties
// each to the service that builds it (see `Same` below).

const id = z.number().int();
const day = z.iso.date();
const int = z.number().int();

const control = z.object({
  period: z.object({
    id,
    name: z.string(),
    status: z.enum(periodStatuses),
    countyName: z.string(),
    selfReportDeadline: day,
    reviewDeadline: day,
  }),
  today: day,
  townships: z.array(
    z.object({
      townshipId: id,
      name: z.string(),
      total: int,
      submitted: int,
      reviewed: int,
      scored: int,
      exempt: int,
      overdueSubmit: int,
      overdueReview: int,
    }),
  ),
  reminders: z.array(
    z.object({
      sheetId: id,
      personId: id,
      employeeNo: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      townshipId: id,
      townshipName: z.string(),
      stage: z.enum(["submit", "review"]),
      returned: z.boolean(),
      missingValues: int,
      missingEvidence: int,
      missing: z.array(z.string()),
      deadline: day,
      daysLeft: int,
    }),
  ),
});
/** GET /api/v1/periods/:id/control. */
export const periodControlBodySchema = control;

const todo = z.object({
  key: z.enum(["selfReport", "review", "score", "recheck", "appeal", "periodSteps"]),
  count: int,
  href: z.string(),
});
/** GET /api/v1/me/todo. */
export const todoBodySchema = z.object({ items: z.array(todo) });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemasMatchServices: [
  Same<z.infer<typeof control>, Awaited<ReturnType<typeof periodControl>>>,
  Same<z.infer<typeof todo>, Awaited<ReturnType<typeof todoCounts>>[number]>,
] = [true, true];

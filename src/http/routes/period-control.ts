import { Hono } from "hono";
import { z } from "zod";
import { chinaDate } from "../../domain/deadlines";
import { tableToXlsx } from "../../services/excel/export-table";
import { attachmentDisposition, exportFileName } from "../../services/excel/file-names";
import { periodControl, reminderTable } from "../../services/periods/period-control-service";
import { todoCounts } from "../../services/periods/todo-service";
import type { AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idParam, idSchema, validate } from "../validation";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const controlQuery = z.object({ townshipId: idSchema.optional() });

/** Period control (进度与催报): per-township progress and the 催报 list, as JSON and as .xlsx. */
export function periodControlRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/:id/control",
      roles("admin", "assessor", "township"),
      validate("param", idParam),
      validate("query", controlQuery),
      async (c) => {
        const user = currentUser(c);
        const { townshipId } = c.req.valid("query");
        return c.json(await periodControl(c.var.db, user, c.req.valid("param").id, townshipId, c.var.now));
      },
    )
    .get(
      "/:id/control/export",
      roles("admin", "assessor", "township"),
      validate("param", idParam),
      validate("query", controlQuery),
      async (c) => {
        const user = currentUser(c);
        const control = await periodControl(
          c.var.db,
          user,
          c.req.valid("param").id,
          c.req.valid("query").townshipId,
          c.var.now,
        );
        const date = chinaDate(c.var.now);
        const scope = control.townships.length === 1 ? control.townships[0]?.name : undefined;
        const name = exportFileName(
          [control.period.countyName, control.period.name, ...(scope ? [scope] : []), "催报名单", date],
          "xlsx",
        );
        c.header("content-disposition", attachmentDisposition(name, `kaohe_reminders_${date}.xlsx`));
        c.header("content-type", XLSX_TYPE);
        return c.body(
          await tableToXlsx(reminderTable(control), { subject: control.period.name, now: c.var.now }),
        );
      },
    );
}

/** The signed-in user's to-do counts for the navigation. */
export function todoRoutes() {
  return new Hono<AppEnv>().get("/todo", signedIn, async (c) =>
    c.json({ items: await todoCounts(c.var.db, currentUser(c), c.var.now) }),
  );
}

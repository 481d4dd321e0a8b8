import type { InferResponseType } from "hono/client";
import type { api } from "../../api/client";
import { Link } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { TableWrap } from "../../ui/table-wrap";

export type Control = InferResponseType<(typeof api.periods)[":id"]["control"]["$get"], 200>;

/** 各乡镇进度: submitted / reviewed / scored / exempt of N per township; late counts stand out in red. */
export function TownshipProgressTable(props: { control: Control; remindersHref?: string }) {
  const { m, fmt } = useI18n();
  const { control } = props;
  const late = (n: number) => (n > 0 ? <strong class="overdue">{n}</strong> : <span class="muted">0</span>);
  const sum = (
    key: "total" | "submitted" | "reviewed" | "scored" | "exempt" | "overdueSubmit" | "overdueReview",
  ) => control.townships.reduce((total, t) => total + t[key], 0);
  return (
    <TableWrap class="stack">
      <table class="control-table">
        <caption>
          <strong>{m.control.title}</strong> · {m.control.caption(fmt.date(control.today))}
          {props.remindersHref ? (
            <>
              {" "}
              · <Link href={props.remindersHref}>{m.control.reminders}</Link>
            </>
          ) : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{m.common.township}</th>
            <th scope="col" class="num">
              {m.control.ofTotal}
            </th>
            <th scope="col" class="num">
              {m.control.submitted}
            </th>
            <th scope="col" class="num">
              {m.control.reviewed}
            </th>
            <th scope="col" class="num">
              {m.control.scored}
            </th>
            <th scope="col" class="num">
              {m.control.exempt}
            </th>
            <th scope="col" class="num">
              {m.control.overdueSubmit}
            </th>
            <th scope="col" class="num">
              {m.control.overdueReview}
            </th>
          </tr>
        </thead>
        <tbody>
          {control.townships.map((t) => (
            <tr key={t.townshipId} class={t.overdueSubmit + t.overdueReview > 0 ? "has-overdue" : undefined}>
              <th scope="row">{t.name}</th>
              <td class="num">{t.total}</td>
              <td class="num">{t.submitted}</td>
              <td class="num">{t.reviewed}</td>
              <td class="num">{t.scored}</td>
              <td class="num">{t.exempt}</td>
              <td class="num">{late(t.overdueSubmit)}</td>
              <td class="num">{late(t.overdueReview)}</td>
            </tr>
          ))}
        </tbody>
        {control.townships.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">{m.yearAdmin.total}</th>
              <td class="num">{sum("total")}</td>
              <td class="num">{sum("submitted")}</td>
              <td class="num">{sum("reviewed")}</td>
              <td class="num">{sum("scored")}</td>
              <td class="num">{sum("exempt")}</td>
              <td class="num">{late(sum("overdueSubmit"))}</td>
              <td class="num">{late(sum("overdueReview"))}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}

/** 催报名单: who has to act, what is missing, the deadline and the days left (late ones in red). */
export function ReminderTable(props: { control: Control }) {
  const { m, fmt } = useI18n();
  const { reminders } = props.control;
  if (reminders.length === 0) return <p class="empty">{m.control.none}</p>;
  return (
    <TableWrap>
      <table class="reminder-table">
        <thead>
          <tr>
            <th scope="col">{m.common.township}</th>
            <th scope="col">{m.common.employeeNo}</th>
            <th scope="col">{m.common.name}</th>
            <th scope="col">{m.control.phone}</th>
            <th scope="col">{m.control.todo}</th>
            <th scope="col">{m.control.missing}</th>
            <th scope="col">{m.control.deadline}</th>
            <th scope="col" class="num">
              {m.control.daysLeft}
            </th>
          </tr>
        </thead>
        <tbody>
          {reminders.map((r) => (
            <tr key={r.sheetId} class={r.daysLeft < 0 ? "has-overdue" : undefined}>
              <td>{r.townshipName}</td>
              <td>{r.employeeNo}</td>
              <th scope="row">{r.name}</th>
              <td>{r.phone ?? ""}</td>
              <td>
                {r.stage === "review"
                  ? m.control.stage.review
                  : r.returned
                    ? m.control.stage.returned
                    : m.control.stage.submit}
              </td>
              <td>
                {m.control.missingCounts(r.missingValues, r.missingEvidence)}
                {r.missing.length > 0 ? <div class="muted small">{r.missing.join("；")}</div> : null}
              </td>
              <td>{fmt.date(r.deadline)}</td>
              <td class="num">
                {r.daysLeft < 0 ? (
                  <strong class="overdue">{m.control.days(r.daysLeft)}</strong>
                ) : (
                  m.control.days(r.daysLeft)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

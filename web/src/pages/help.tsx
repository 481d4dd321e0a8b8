import type { Period } from "../api/types";
import { Link } from "../app/router";
import { usePeriods, useUser } from "../app/session";
import { useI18n } from "../i18n/i18n";
import { PeriodStatusBadge } from "../ui/badges";
import { PageHeader } from "../ui/page";
import { TableWrap } from "../ui/table-wrap";

const DEADLINES = ["selfReportDeadline", "reviewDeadline", "recheckDeadline", "appealDeadline"] as const;

/** 使用说明: what the signed-in role does in each stage of the year, and the current period's deadlines. */
export default function HelpPage() {
  const { m } = useI18n();
  const user = useUser();
  const { current } = usePeriods();
  const guide = m.help.roles[user.role];
  return (
    <section>
      <PageHeader title={m.help.forRole(m.roles[user.role])} />
      <section class="card">
        <h2>{m.help.nextStep}</h2>
        <p>
          {guide.next} <Link href={guide.firstHref}>{m.help.go}</Link>
        </p>
      </section>
      <Deadlines period={current} />
      <section class="card">
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.help.stage}</th>
                <th scope="col">{m.help.whatToDo}</th>
              </tr>
            </thead>
            <tbody>
              {guide.stages.map(([stage, what]) => (
                <tr key={stage}>
                  <th scope="row">{stage}</th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </section>
  );
}

/** The deadlines of the period chosen in the header, as the API gives them. */
function Deadlines(props: { period: Period | undefined }) {
  const { m, fmt } = useI18n();
  const { period } = props;
  return (
    <section class="card">
      <h2>{m.help.deadlines}</h2>
      {period ? (
        <>
          <p>
            {period.name} <PeriodStatusBadge status={period.status} />
          </p>
          <dl class="deadline-list">
            {DEADLINES.map((key) => (
              <div key={key}>
                <dt>{m.periods[key]}</dt>
                <dd>{period[key] ? fmt.date(period[key]) : m.help.noDeadline}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p class="muted">{m.help.noPeriod}</p>
      )}
    </section>
  );
}

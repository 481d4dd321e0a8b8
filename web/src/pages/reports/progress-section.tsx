import type { Dashboard } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { Stat } from "../../ui/stat";
import { TableWrap } from "../../ui/table-wrap";

type Progress = Dashboard["progress"];

/** 填报与考核进度: 已提交 / 已审核 / 已评分 of N, county-wide and per township, and the late sheets. */
export function ProgressSection(props: { progress: Progress }) {
  const { m } = useI18n();
  const { progress } = props;
  const f = m.figures;
  return (
    <section class="card">
      <h2>{f.progress}</h2>
      <div class="stats">
        <Stat label={f.submitted}>{f.ofTotal(progress.submitted, progress.total)}</Stat>
        <Stat label={f.reviewed}>{f.ofTotal(progress.reviewed, progress.total)}</Stat>
        <Stat label={f.scored}>{f.ofTotal(progress.scored, progress.total)}</Stat>
      </div>
      <OverdueLists progress={progress} />
      <TableWrap>
        <table class="progress-table">
          <caption>{f.progressCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.common.township}</th>
              <th scope="col" class="num">
                {f.submitted}
              </th>
              <th scope="col" class="num">
                {f.reviewed}
              </th>
              <th scope="col" class="num">
                {f.scored}
              </th>
            </tr>
          </thead>
          <tbody>
            {progress.townships.map((row) => (
              <tr key={row.townshipId}>
                <th scope="row">{row.name}</th>
                <ProgressCell n={row.submitted} total={row.total} />
                <ProgressCell n={row.reviewed} total={row.total} />
                <ProgressCell n={row.scored} total={row.total} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function ProgressCell(props: { n: number; total: number }) {
  const { m } = useI18n();
  const share = props.total === 0 ? 0 : props.n / props.total;
  return (
    <td class="num progress-cell">
      <span class="progress-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      {m.figures.ofTotal(props.n, props.total)}
    </td>
  );
}

function OverdueLists(props: { progress: Progress }) {
  const { m, fmt } = useI18n();
  const f = m.figures;
  const lists = [
    { key: "self", late: props.progress.overdue.selfReport, title: f.overdueSelfReport },
    { key: "review", late: props.progress.overdue.review, title: f.overdueReview },
  ].filter((list) => list.late?.passed);
  if (lists.length === 0) return null;
  if (lists.every((list) => list.late?.total === 0)) return <p class="muted">{f.noOverdue}</p>;
  return (
    <>
      {lists.map(({ key, late, title }) =>
        late && late.total > 0 ? (
          <details key={key} class="overdue">
            <summary class="badge amber">{title(fmt.date(late.deadline), late.total)}</summary>
            <p>
              {late.items
                .map((item) => `${item.townshipName} ${item.name}（${item.employeeNo}）`)
                .join(m.common.listSeparator)}
            </p>
            {late.total > late.items.length ? (
              <p class="muted">{f.moreOverdue(late.total - late.items.length)}</p>
            ) : null}
          </details>
        ) : null,
      )}
    </>
  );
}

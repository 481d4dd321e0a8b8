import type { PersonReport } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { Empty } from "../../ui/async";
import { groupByCategory } from "../../ui/sheet-items";
import { TableWrap } from "../../ui/table-wrap";
import { FormattedValue } from "../../ui/value-input";
import { CategoryBars, CategoryRadar, MonthlyLines } from "./person-charts";
import { CompletionCell, Pending, PointsCell, SheetResults, VerifiedCell } from "./report-cells";

/** 个人年度考核报告: results, charts against the averages, every item, the assessors' reasons, comments. */
export function PersonReportView(props: { report: PersonReport }) {
  const { m, fmt } = useI18n();
  const { report } = props;
  const { person, sheet } = report;
  // A change names its indicator by code: its unit and decimals come from the item of that code.
  const traitsOf = (code: string) => report.items.find((item) => item.code === code) ?? {};
  return (
    <article class="person-report" aria-label={`${m.reports.personTitle} ${person.name}`}>
      <header class="report-header">
        <h2 class="report-title">
          {person.name} <span class="muted">{person.employeeNo}</span>
        </h2>
        <p>
          {report.period.countyName} · {person.townshipName} · {person.stationName} ·{" "}
          {m.categories[person.category]}
          {person.position ? ` · ${person.position}` : ""}
          {person.originUnit ? ` · ${m.reports.originUnit} ${person.originUnit}` : ""}
          {person.examScore !== null ? ` · ${m.reports.examScore} ${fmt.number(person.examScore)}` : ""}
        </p>
      </header>
      {!sheet ? <Empty>{m.reports.noSheet}</Empty> : null}
      {sheet && !sheet.resultsVisible ? <p class="notice">{m.reports.resultsHidden}</p> : null}
      {sheet?.resultsVisible ? <SheetResults sheet={sheet} /> : null}
      {report.categories ? (
        <section class="card">
          <h3>{m.reports.byCategory}</h3>
          <div class="grid-2">
            <CategoryRadar categories={report.categories} />
            <CategoryBars categories={report.categories} />
          </div>
        </section>
      ) : null}
      <section class="card">
        <h3>{m.reports.monthly}</h3>
        {report.progress.length > 0 ? (
          <MonthlyLines progress={report.progress} />
        ) : (
          <Empty>{m.reports.noProgress}</Empty>
        )}
      </section>
      {report.items.length > 0 ? <ItemsTable items={report.items} /> : null}
      <section class="card">
        <h3>{m.reports.changes}</h3>
        {report.changes === null ? (
          // Before 公示 (or before scoring) the page cannot know whether anything was changed: it says so.
          <p class="muted">{report.resultsVisible ? m.figures.changesPending : m.figures.changesUnknown}</p>
        ) : report.changes.length === 0 ? (
          <p class="muted">{m.reports.noChanges}</p>
        ) : (
          <ul>
            {report.changes.map((change) => (
              <li key={change.code}>
                <strong>
                  {change.code} {change.name}
                </strong>
                : <FormattedValue value={change.selfValue} indicator={traitsOf(change.code)} /> →{" "}
                <FormattedValue value={change.verifiedValue} indicator={traitsOf(change.code)} />
                {change.reason ? <span class="reason">{m.common.parenthesised(change.reason)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h3>{m.reports.comments}</h3>
        {sheet?.reviewComment || report.reviews.length > 0 ? (
          <ul>
            {report.reviews.map((review) => (
              <li key={review.reviewedAt}>
                {fmt.dateTime(review.reviewedAt)} · {review.reviewer ?? ""}{" "}
                {review.decision === "pass" ? m.township.passed : m.township.returned}
                {review.comment ? ` ${review.comment}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{m.reports.noComments}</p>
        )}
        {report.requests.map((request) => (
          <p key={request.filedAt}>
            <strong>{m.requests.kinds[request.kind]}</strong>
            {request.indicatorName
              ? m.common.parenthesised(`${request.indicatorCode} ${request.indicatorName}`)
              : ""}
            {m.common.colon}
            {request.reason}
            {request.outcome
              ? ` → ${m.requests.outcomes[request.outcome]}${m.common.colon}${request.decisionReason ?? ""}`
              : ` (${m.requests.pending})`}
          </p>
        ))}
      </section>
    </article>
  );
}

function ItemsTable(props: { items: PersonReport["items"] }) {
  const { m, fmt } = useI18n();
  return (
    <section class="card">
      <h3>{m.reports.items}</h3>
      <TableWrap>
        <table class="fixed">
          <thead>
            <tr>
              <th scope="col">{m.common.indicator}</th>
              <th scope="col" class="num">
                {m.common.points}
              </th>
              <th scope="col" class="num">
                {m.common.target}
              </th>
              <th scope="col" class="num">
                {m.result.selfValue}
              </th>
              <th scope="col" class="num">
                {m.result.verifiedValue}
              </th>
              <th scope="col" class="num">
                {m.common.score}
              </th>
              <th scope="col">{m.reports.completionRate}</th>
            </tr>
          </thead>
          {groupByCategory(props.items).map((group) => (
            <tbody key={group.code}>
              <tr class="group-row">
                <th scope="colgroup" colSpan={7}>
                  {group.code} {group.name}
                </th>
              </tr>
              {group.items.map((item) => (
                <tr key={item.code}>
                  <th scope="row">
                    {item.code} {item.name}
                  </th>
                  <td class="num">
                    <PointsCell label={item.pointsLabel} points={item.points} />
                  </td>
                  <td class="num">{item.target === null ? m.common.dash : fmt.measure(item.target, item)}</td>
                  <td class="num">{fmt.measure(item.selfValue, item)}</td>
                  <td class={`num ${item.changed ? "changed-value" : ""}`}>
                    <VerifiedCell item={item} />
                  </td>
                  <td class="num">
                    {item.scoreState === "scored" ? (
                      fmt.score(item.score)
                    ) : (
                      <Pending state={item.scoreState} />
                    )}
                  </td>
                  <td>
                    <CompletionCell rate={item.completionRate} status={item.completionStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </TableWrap>
    </section>
  );
}

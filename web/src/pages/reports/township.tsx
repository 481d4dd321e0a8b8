import { useEffect, useMemo, useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { PersonReport, TownshipReport } from "../../api/types";
import { Link, setQuery, useLocation } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { usePeriods } from "../../app/session";
import { BLUE, ChartView, PALETTE } from "../../charts/chart";
import { barChart } from "../../charts/chart-config";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, ErrorBox, useAsync } from "../../ui/async";
import { GradeBadge, SheetStatusBadge, VetoBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { Stat } from "../../ui/stat";
import { TableWrap } from "../../ui/table-wrap";
import { PersonReportView } from "./person-report";
import { PrintHeader, SignatureBlock, WordLink } from "./print-header";
import { KindLines, Pending } from "./report-cells";

/** 乡镇年度考核报告: the township's result, its people, its indicators against the county; optionally every personal report. */
export default function TownshipReportPage(props: PageProps) {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const { query } = useLocation();
  const withPeople = query.get("people") === "1";
  const state = useAsync(async () => {
    if (!period) return null;
    return call(
      api.reports.periods[":id"].townships[":townshipId"].$get({
        param: { id: String(period.id), townshipId: props.params.id ?? "" },
      }),
    );
  }, [period?.id, props.params.id]);
  return (
    <section class="report">
      <PageHeader
        title={
          state.data ? `${state.data.township.name} · ${m.reports.townshipTitle}` : m.reports.townshipTitle
        }
        subtitle={period?.name}
        actions={
          <>
            <button
              type="button"
              class="button secondary"
              onClick={() => setQuery("people", withPeople ? "" : "1")}
            >
              {withPeople ? m.common.close : m.reports.printPeople}
            </button>
            <Link class="button secondary" href={`/reports/compare?township=${props.params.id ?? ""}`}>
              {m.compare.open}
            </Link>
            {period ? (
              <WordLink
                href={`/api/v1/reports/periods/${period.id}/documents/townships/${props.params.id ?? ""}`}
              />
            ) : null}
            <button type="button" class="button secondary" onClick={() => window.print()}>
              {m.common.print}
            </button>
          </>
        }
      />
      <AsyncView state={state}>
        {(report) =>
          report ? (
            <>
              <PrintHeader
                title={m.reports.townshipTitle}
                county={report.period.countyName}
                period={report.period.name}
                subject={report.township.name}
              />
              <TownshipSummary report={report} />
              <SignatureBlock kind="township" />
              {withPeople && period ? <MemberReports periodId={period.id} report={report} /> : null}
            </>
          ) : null
        }
      </AsyncView>
    </section>
  );
}

function TownshipSummary(props: { report: TownshipReport }) {
  const { m, fmt } = useI18n();
  const { report } = props;
  return (
    <>
      {report.provisional ? (
        <p class="notice" role="note">
          {m.figures.provisional(
            report.provisional.label,
            report.provisional.scored,
            report.provisional.total,
          )}
        </p>
      ) : null}
      {report.results !== "published" ? (
        <div class="stats">
          <Stat label={m.figures.submitted}>
            {m.figures.ofTotal(report.progress.submitted, report.progress.total)}
          </Stat>
          <Stat label={m.figures.reviewed}>
            {m.figures.ofTotal(report.progress.reviewed, report.progress.total)}
          </Stat>
          <Stat label={m.figures.scored}>
            {m.figures.ofTotal(report.progress.scored, report.progress.total)}
          </Stat>
        </div>
      ) : null}
      {report.result ? (
        <div class="stats">
          <Stat label={m.reports.composite}>{fmt.score(report.result.composite)}</Stat>
          <Stat label={m.common.rank}>{m.figures.rankOf(report.result.rank, report.result.rankOf)}</Stat>
          <Stat label={m.figures.scored}>{report.result.scoredCount}</Stat>
          {report.result.preVeto ? (
            <Stat label={m.common.preVeto}>
              <VetoBadge kind="preVeto" />
            </Stat>
          ) : null}
          {report.result.hasVetoedMember ? (
            <Stat label={m.common.vetoed}>
              <span class="badge red">{m.reports.hasVetoed}</span>
            </Stat>
          ) : null}
        </div>
      ) : report.results === "none" ? (
        <p class="notice">{m.figures.progressOnly}</p>
      ) : null}
      <section class="card">
        <h2>{m.reports.membersTitle}</h2>
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {m.result.townshipRank}
                </th>
                <th scope="col">{m.common.employeeNo}</th>
                <th scope="col">{m.common.name}</th>
                <th scope="col">{m.common.category}</th>
                <th scope="col">{m.common.status}</th>
                <th scope="col" class="num">
                  {m.common.total}
                </th>
                <th scope="col">{m.common.grade}</th>
                <th scope="col" class="num">
                  {m.result.countyRank}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.members.map((member) => (
                <tr key={member.personId}>
                  <td class="num">
                    {member.townshipRank !== null && member.townshipRankOf !== null
                      ? m.figures.rankOf(member.townshipRank, member.townshipRankOf)
                      : m.common.dash}
                  </td>
                  <td>{member.employeeNo}</td>
                  <th scope="row">
                    <Link href={`/reports/people/${member.personId}`}>{member.name}</Link>
                  </th>
                  <td>{m.categories[member.category]}</td>
                  <td>
                    <SheetStatusBadge status={member.status} />
                  </td>
                  <td class="num">
                    {member.total === null ? (
                      <Pending state={member.scored ? "unpublished" : "pending"} />
                    ) : (
                      fmt.score(member.total)
                    )}{" "}
                    {member.vetoed ? <VetoBadge kind="veto" /> : null}
                  </td>
                  <td>
                    {member.grade ? (
                      <GradeBadge grade={member.grade} />
                    ) : (
                      <Pending state={member.scored ? "unpublished" : "pending"} />
                    )}
                  </td>
                  <td class="num">
                    {member.rank !== null && member.rankOf !== null
                      ? m.figures.rankOf(member.rank, member.rankOf)
                      : m.common.dash}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      {report.indicators.some((i) => i.township) ? <IndicatorComparison report={report} /> : null}
    </>
  );
}

function IndicatorComparison(props: { report: TownshipReport }) {
  const { m, fmt } = useI18n();
  const rows = props.report.indicators.filter((i) => i.points > 0 && i.township);
  const config = useMemo(
    () =>
      barChart({
        labels: rows.map((i) => i.code),
        series: [
          {
            label: props.report.township.name,
            data: rows.map((i) => i.township?.scoreShare ?? null),
            color: BLUE,
          },
          {
            label: m.reports.county,
            data: rows.map((i) => i.county?.scoreShare ?? null),
            color: PALETTE[1] ?? BLUE,
          },
        ],
        category: m.charts.indicator,
        value: { title: m.charts.scoreSharePercent, max: 1, format: (v) => fmt.percent(v, 0) },
      }),
    [rows, m, fmt, props.report.township.name],
  );
  return (
    <section class="card">
      <h2>{m.reports.indicatorsTitle}</h2>
      <ChartView config={config} label={m.reports.indicatorChartLabel} />
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.common.indicator}</th>
              <th scope="col" class="num">
                {props.report.township.name}
              </th>
              <th scope="col" class="num">
                {m.reports.county}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  {row.code} {row.name}
                </th>
                <td class="num">
                  {fmt.percent(row.township?.scoreShare, 0)}
                  <KindLines lines={row.incidents} />
                </td>
                <td class="num">{fmt.percent(row.county?.scoreShare, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** Every member's personal report, one A4 page each when printed; loads them one by one with progress. */
function MemberReports(props: { periodId: number; report: TownshipReport }) {
  const { m } = useI18n();
  const [reports, setReports] = useState<PersonReport[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const members = props.report.members;
  useEffect(() => {
    let cancelled = false;
    setReports([]);
    void (async () => {
      const loaded: PersonReport[] = [];
      for (const member of members) {
        try {
          loaded.push(
            await call(
              api.reports.periods[":id"].people[":personId"].$get({
                param: { id: String(props.periodId), personId: String(member.personId) },
              }),
            ),
          );
        } catch (failure) {
          if (!cancelled) setError(failure);
          return;
        }
        if (cancelled) return;
        setReports([...loaded]);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [props.periodId, members]);
  return (
    <section class="member-reports" aria-labelledby="member-reports">
      <h2 id="member-reports" class="no-print">
        {m.reports.peopleReports}
      </h2>
      {reports.length < members.length && !error ? (
        <div class="progress no-print" role="status">
          <progress max={members.length} value={reports.length} aria-label={m.common.loading} />
          <span>
            {reports.length} / {members.length}
          </span>
        </div>
      ) : null}
      <ErrorBox error={error} />
      {reports.map((report) => (
        <div key={report.person.id} class="person-document">
          <PrintHeader
            title={m.reports.personTitle}
            county={report.period.countyName}
            period={report.period.name}
            subject={`${report.person.name}（${report.person.employeeNo}）`}
          />
          <PersonReportView report={report} />
          <SignatureBlock kind="person" />
        </div>
      ))}
    </section>
  );
}

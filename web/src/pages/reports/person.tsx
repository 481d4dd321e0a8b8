import { api, call } from "../../api/client";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { usePeriods, useUser } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { PersonReportView } from "./person-report";
import { PrintHeader, SignatureBlock, WordLink } from "./print-header";

/** A personal year-end report: `/reports/people/:id`, or my own at `/staff/report`. */
export default function PersonReportPage(props: PageProps) {
  const { m } = useI18n();
  const user = useUser();
  const { current: period } = usePeriods();
  const personId = props.params.id ?? String(user.person?.id ?? "");
  const state = useAsync(async () => {
    if (!period || !personId) return null;
    return call(
      api.reports.periods[":id"].people[":personId"].$get({ param: { id: String(period.id), personId } }),
    );
  }, [period?.id, personId]);
  return (
    <section class="report">
      <PageHeader
        title={m.reports.personTitle}
        subtitle={period?.name}
        actions={
          <>
            {props.params.id && state.data ? (
              <Link
                class="button secondary"
                href={`/reports/compare?township=${state.data.person.townshipId}&person=${props.params.id}`}
              >
                {m.compare.open}
              </Link>
            ) : null}{" "}
            {period && personId ? (
              <WordLink href={`/api/v1/reports/periods/${period.id}/documents/people/${personId}`} />
            ) : null}{" "}
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
                title={m.reports.personTitle}
                county={report.period.countyName}
                period={report.period.name}
                subject={`${report.person.name}（${report.person.employeeNo}）`}
              />
              <PersonReportView report={report} />
              <SignatureBlock kind="person" />
            </>
          ) : (
            <Empty>{m.common.noPeriod}</Empty>
          )
        }
      </AsyncView>
    </section>
  );
}

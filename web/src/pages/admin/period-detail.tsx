import { api, call } from "../../api/client";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PeriodStatusBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { AddPersonForm } from "./period-add-person";
import { TownshipProgressTable } from "./period-control";
import { DeadlinesForm } from "./period-deadlines";
import { Extensions } from "./period-extensions";
import { PeriodProgress } from "./period-progress";

/** One period's running year: progress by township, deadlines, extensions (延期) and late arrivals. */
export default function PeriodDetailPage(props: PageProps) {
  const { m } = useI18n();
  const id = props.params.id ?? "";
  const state = useAsync(() => call(api.periods[":id"].$get({ param: { id } })), [id]);
  const control = useAsync(() => call(api.periods[":id"].control.$get({ param: { id }, query: {} })), [id]);
  // The county's people, for the extension and late-arrival pickers (a county has a few hundred).
  const people = useAsync(async () => (await call(api.people.$get({ query: { limit: "500" } }))).items, []);
  const title = state.data ? m.yearAdmin.manageNamed(state.data.period.name) : m.yearAdmin.manage;
  return (
    <section>
      <PageHeader
        title={title}
        subtitle={state.data ? <PeriodStatusBadge status={state.data.period.status} /> : null}
        actions={
          <>
            <Link href={`/admin/periods/${id}/unit-classes`} class="button secondary">
              {m.unitClasses.open}
            </Link>
            <Link href="/admin/periods" class="button secondary">
              {m.yearAdmin.back}
            </Link>
          </>
        }
      />
      <AsyncView state={state}>
        {(detail) => {
          const running = detail.period.status !== "published" && detail.period.status !== "final";
          return (
            <>
              {control.data ? (
                <TownshipProgressTable control={control.data} remindersHref={`/reminders?period=${id}`} />
              ) : null}
              {detail.counts ? <PeriodProgress counts={detail.counts} /> : null}
              <div class="grid-2">
                <DeadlinesForm
                  period={detail.period}
                  onDone={() => {
                    state.reload();
                    control.reload();
                  }}
                />
                <AddPersonForm
                  periodId={detail.period.id}
                  people={people.data ?? []}
                  running={detail.period.status === "open" || detail.period.status === "assessing"}
                  onDone={state.reload}
                />
              </div>
              <Extensions
                periodId={detail.period.id}
                extensions={detail.extensions}
                people={people.data ?? []}
                running={running}
                onDone={() => {
                  state.reload();
                  control.reload();
                }}
              />
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

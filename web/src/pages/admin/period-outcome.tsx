import { api, call } from "../../api/client";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PeriodStatusBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { ConsequencesSection } from "./consequences-section";
import { NoticeSection } from "./notice-section";
import { PreVetoSection } from "./pre-veto-section";

/**
 * 领导小组决定: what the leading group decides on a period's result, in its order — 预否决 before 公示, then the
 * consequences (兑现奖惩) and the 通报 once the result is published.
 */
export default function PeriodOutcomePage(props: PageProps) {
  const { m } = useI18n();
  const id = props.params.id ?? "";
  const state = useAsync(() => call(api.periods[":id"].$get({ param: { id } })), [id]);
  return (
    <section>
      <PageHeader
        title={state.data ? m.outcome.titleNamed(state.data.period.name) : m.outcome.title}
        subtitle={state.data ? <PeriodStatusBadge status={state.data.period.status} /> : null}
        actions={
          <Link href={`/admin/periods/${id}`} class="button secondary">
            {m.yearAdmin.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {({ period }) => {
          const published = period.status === "published" || period.status === "final";
          return (
            <>
              <PreVetoSection periodId={id} decidable={!published} />
              {published ? (
                <>
                  <ConsequencesSection periodId={id} />
                  <NoticeSection periodId={id} />
                </>
              ) : (
                <p class="notice">{m.outcome.afterPublication}</p>
              )}
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

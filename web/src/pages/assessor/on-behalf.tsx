import { api, call } from "../../api/client";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { SheetHeading } from "../../ui/sheet-heading";
import { SelfReportForm } from "../staff/self-report-form";

/** 代填: an admin or assessor enters a person's self-report for them, with a reason on every write. */
export default function OnBehalfPage(props: PageProps) {
  const { m } = useI18n();
  const id = props.params.id ?? "";
  const state = useAsync(() => call(api.sheets[":id"].$get({ param: { id } })), [id]);
  return (
    <section>
      <PageHeader
        title={m.onBehalf.title}
        actions={
          <Link href={`/assessor/sheets/${id}`} class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {(view) => (
          <>
            <SheetHeading view={view} />
            <p class="notice" role="note">
              {m.onBehalf.notice(view.sheet.person?.name ?? view.sheet.township.name)}
            </p>
            <SelfReportForm view={view} onView={state.setData} reload={state.reload} onBehalf />
          </>
        )}
      </AsyncView>
    </section>
  );
}

import { api, call } from "../../api/client";
import type { SheetView } from "../../api/types";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { isPublicStatus } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { GradeBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { SheetRequests } from "../../ui/request-form";
import { ResultTable } from "../../ui/result-table";
import { SheetHeading } from "../../ui/sheet-heading";
import { Stat } from "../../ui/stat";
import { SelfReportForm } from "../staff/self-report-form";

/**
 * 乡镇考核表: the township's own sheet in a township-assessed period. Before 公示 the township fills it in with
 * evidence and submits it (自查自纠) for the county inspectors (督查); once published it reads its result and
 * may ask for 复核, then 申诉, as the party.
 */
export default function TownshipOwnSheetPage(props: PageProps) {
  const { m } = useI18n();
  const state = useAsync(
    () => call(api.sheets[":id"].$get({ param: { id: props.params.id ?? "" } })),
    [props.params.id],
  );
  return (
    <section>
      <PageHeader
        title={m.inspection.ownTitle}
        subtitle={state.data?.sheet.period.name}
        actions={
          <Link href="/township/sheets" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {(view) => (
          <>
            {view.sheet.reviewComment && view.sheet.status !== "draft" ? (
              <p class="muted">{m.inspection.inspectorComment(view.sheet.reviewComment)}</p>
            ) : null}
            {isPublicStatus(view.sheet.status) ? (
              <TownshipResult view={view} reload={state.reload} />
            ) : (
              <SelfReportForm key={view.sheet.id} view={view} onView={state.setData} reload={state.reload} />
            )}
          </>
        )}
      </AsyncView>
    </section>
  );
}

function TownshipResult(props: { view: SheetView; reload: () => void }) {
  const { m, fmt } = useI18n();
  const { sheet, items } = props.view;
  return (
    <>
      <SheetHeading view={props.view} />
      <div class="stats">
        <Stat label={m.common.total}>{fmt.score(sheet.total)}</Stat>
        <Stat label={m.common.grade}>
          <GradeBadge grade={sheet.grade} />
        </Stat>
        <Stat label={m.inspection.countyRank}>
          {sheet.rank === null || sheet.rankOf === null
            ? m.common.dash
            : m.figures.rankOf(sheet.rank, sheet.rankOf)}
        </Stat>
      </div>
      <ResultTable items={items} />
      <h2>{m.nav.requests}</h2>
      <SheetRequests view={props.view} onFiled={props.reload} />
    </>
  );
}

import { usePeriods } from "../../app/session";
import { loadMyPublishedSheet } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { SheetRequests } from "../../ui/request-form";

/** 复核/申诉: ask the assessors to recheck a published result, then appeal to the admin if still unsatisfied. */
export default function RequestsPage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const state = useAsync(() => loadMyPublishedSheet(period?.id), [period?.id]);
  return (
    <section>
      <PageHeader title={m.nav.requests} subtitle={state.data?.periodName ?? period?.name} />
      <AsyncView state={state}>
        {(loaded) => {
          if (!loaded) return <Empty>{m.result.none}</Empty>;
          return <SheetRequests view={loaded.view} onFiled={state.reload} />;
        }}
      </AsyncView>
    </section>
  );
}

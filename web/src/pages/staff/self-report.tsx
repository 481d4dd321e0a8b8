import { api, call } from "../../api/client";
import { usePeriods } from "../../app/session";
import { findMySheetId } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { SelfReportForm } from "./self-report-form";

/** 年度自评: the year-end values, notes and evidence of my sheet, the live self-score, and submission. */
export default function SelfReportPage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const state = useAsync(async () => {
    if (!period) return null;
    const sheetId = await findMySheetId(period.id);
    return sheetId === null ? null : call(api.sheets[":id"].$get({ param: { id: String(sheetId) } }));
  }, [period?.id]);
  return (
    <section>
      <PageHeader title={m.nav.selfReport} subtitle={period?.name} />
      <AsyncView state={state}>
        {(view) =>
          view ? (
            <SelfReportForm key={view.sheet.id} view={view} onView={state.setData} reload={state.reload} />
          ) : (
            <Empty>{m.selfReport.noSheet}</Empty>
          )
        }
      </AsyncView>
    </section>
  );
}

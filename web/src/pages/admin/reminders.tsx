import { api, call } from "../../api/client";
import { setQuery, useLocation } from "../../app/router";
import { usePeriods, useUser } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { SelectField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { ReminderTable, TownshipProgressTable } from "./period-control";

/**
 * 催报名单: who still has to submit or review in the chosen period, with what is missing and the days left;
 * printable (A4) and exportable (.xlsx). A township account sees its own township only.
 */
export default function RemindersPage() {
  const { m } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const { current } = usePeriods();
  const periodId = query.get("period") ?? String(current?.id ?? "");
  const townshipId = user.role === "township" ? "" : (query.get("township") ?? "");
  const control = useAsync(
    async () =>
      periodId
        ? call(
            api.periods[":id"].control.$get({
              param: { id: periodId },
              query: townshipId ? { townshipId } : {},
            }),
          )
        : null,
    [periodId, townshipId],
  );
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const exportHref = `/api/v1/periods/${periodId}/control/export${townshipId ? `?townshipId=${townshipId}` : ""}`;
  return (
    <section class="reminders-page">
      <PageHeader
        title={control.data ? m.control.remindersOf(control.data.period.name) : m.control.reminders}
        subtitle={control.data ? control.data.period.countyName : null}
        actions={
          <>
            <button type="button" class="button secondary" onClick={() => window.print()}>
              {m.control.print}
            </button>{" "}
            <a class="button secondary" href={exportHref} download>
              {m.control.export}
            </a>
          </>
        }
      />
      <p class="hint no-print">{m.control.remindersExplain}</p>
      {user.role === "township" ? null : (
        <div class="toolbar no-print">
          <SelectField
            label={m.common.township}
            value={townshipId}
            onValue={(value) => setQuery("township", value)}
            options={[
              { value: "", label: m.control.allTownships },
              ...(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
            ]}
          />
        </div>
      )}
      <AsyncView state={control}>
        {(data) =>
          data === null ? (
            <Empty>{m.control.none}</Empty>
          ) : (
            <>
              <TownshipProgressTable control={data} />
              <ReminderTable control={data} />
            </>
          )
        }
      </AsyncView>
    </section>
  );
}

import { useMemo } from "preact/hooks";
import { api, call } from "../../api/client";
import type { Period } from "../../api/types";
import { setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { CompareView } from "./compare-view";

/** The API compares at most this many periods at once. */
const MAX_PERIODS = 5;

/** Periods of the same kind as `current`, newest first (a year is compared with years, a quarter with quarters). */
function sameKind(items: readonly Period[], current: Period | undefined): Period[] {
  if (!current) return [];
  return items
    .filter((p) => p.kind === current.kind && (p.kind !== "quarter" || p.quarter === current.quarter))
    .sort((a, b) => b.year - a.year || b.id - a.id);
}

/**
 * 历年对比: a township's or a person's results across periods of the same kind, as a table and a chart.
 * `?township=ID` compares the township, `&person=ID` one of its people; `&periods=3,7` picks the periods.
 */
export default function ComparePage() {
  const { m } = useI18n();
  const { query } = useLocation();
  const { items, current } = usePeriods();
  const candidates = sameKind(items, current);
  const chosen = query.get("periods")
    ? (query.get("periods") ?? "").split(",").map(Number)
    : candidates.slice(0, MAX_PERIODS).map((p) => p.id);
  const townshipId = query.get("township") ?? "";
  const personId = query.get("person") ?? "";
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const members = useAsync(async () => {
    if (!townshipId || !current) return [];
    const report = await call(
      api.reports.periods[":id"].townships[":townshipId"].$get({
        param: { id: String(current.id), townshipId },
      }),
    );
    return report.members;
  }, [townshipId, current?.id]);
  const periodIds = chosen.filter((id) => candidates.some((p) => p.id === id)).join(",");
  const ready = periodIds.includes(",") && (townshipId !== "" || personId !== "");
  const comparison = useAsync(async () => {
    if (!ready) return null;
    const subject = personId ? { personId } : { townshipId };
    return call(api.reports.compare.$get({ query: { ...subject, periods: periodIds } }));
  }, [ready, periodIds, townshipId, personId]);
  const toggle = (id: number, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((other) => other !== id);
    setQuery("periods", next.slice(-MAX_PERIODS).join(","));
  };
  const subjectName = useMemo(() => comparison.data?.subject.name ?? "", [comparison.data]);
  return (
    <section class="report">
      <PageHeader title={m.compare.title} subtitle={subjectName} />
      <form class="card toolbar no-print" onSubmit={(event) => event.preventDefault()}>
        <label class="field">
          <span>{m.compare.township}</span>
          <select
            value={townshipId}
            onChange={(event) => {
              setQuery("person", "");
              setQuery("township", event.currentTarget.value);
            }}
          >
            <option value="">{m.common.dash}</option>
            {(townships.data ?? []).map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{m.compare.person}</span>
          <select value={personId} onChange={(event) => setQuery("person", event.currentTarget.value)}>
            <option value="">{m.compare.wholeTownship}</option>
            {(members.data ?? []).map((member) => (
              <option key={member.personId} value={String(member.personId)}>
                {member.name}（{member.employeeNo}）
              </option>
            ))}
          </select>
        </label>
        <fieldset class="field period-choice">
          <legend>{m.compare.periods}</legend>
          {current ? (
            <p class="hint">{m.compare.periodsHint(m.periods.kindOf(current.kind, current.quarter))}</p>
          ) : null}
          {candidates.map((period) => (
            <label key={period.id} class="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(period.id)}
                onChange={(event) => toggle(period.id, event.currentTarget.checked)}
              />
              {period.name}
            </label>
          ))}
        </fieldset>
      </form>
      {candidates.length < 2 ? (
        <Empty>{m.compare.tooFewPeriods}</Empty>
      ) : !periodIds.includes(",") ? (
        <Empty>{m.compare.pickTwo}</Empty>
      ) : (
        <AsyncView state={comparison}>
          {(data) => (data ? <CompareView comparison={data} /> : null)}
        </AsyncView>
      )}
    </section>
  );
}

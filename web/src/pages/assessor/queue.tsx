import { api, call } from "../../api/client";
import { Link, setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExemptBadge, GradeBadge, type SheetStatus, SheetStatusBadge, VetoBadge } from "../../ui/badges";
import { SelectField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";

const STATUSES: SheetStatus[] = [
  "draft",
  "submitted",
  "reviewed",
  "scored",
  "published",
  "recheck_requested",
  "appealed",
  "final",
];
const ACTIONABLE = new Set(["reviewed", "scored", "recheck_requested", "appealed"]);
// 督查: a township's own sheet (乡镇考核表) waits for the county inspectors as soon as it is submitted.
const inspectable = (row: { status: string; category: string }) =>
  row.category === "township" && row.status === "submitted";
const actionable = (row: { status: string; exempt: string | null; category: string }) =>
  !row.exempt && (ACTIONABLE.has(row.status) || inspectable(row));

/** 评分队列: the county's sheets by township and status; reviewed ones wait for scoring. */
export default function QueuePage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const actionLabel = (row: { status: string; exempt: string | null; category: string }) =>
    inspectable(row) && !row.exempt
      ? m.inspection.inspect
      : actionable(row)
        ? m.queue.score
        : m.common.details;
  const { query } = useLocation();
  const townshipId = query.get("township") ?? "";
  const status = STATUSES.find((s) => s === query.get("status"));
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const sheets = useAsync(async () => {
    if (!period) return [];
    const filter = { ...(townshipId ? { townshipId } : {}), ...(status ? { status } : {}) };
    return (await call(api.periods[":id"].sheets.$get({ param: { id: String(period.id) }, query: filter })))
      .items;
  }, [period?.id, townshipId, status]);
  return (
    <section>
      <PageHeader title={m.nav.queue} subtitle={period?.name} />
      <div class="toolbar">
        <SelectField
          label={m.common.township}
          value={townshipId}
          onValue={(value) => setQuery("township", value)}
          options={[
            { value: "", label: m.common.all },
            ...(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
          ]}
        />
        <SelectField
          label={m.common.status}
          value={status ?? ""}
          onValue={(value) => setQuery("status", value)}
          options={[
            { value: "", label: m.common.all },
            ...STATUSES.map((s) => ({ value: s, label: m.status.sheet[s] })),
          ]}
        />
      </div>
      <AsyncView state={sheets}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>{m.queue.empty}</Empty>
          ) : (
            <TableWrap>
              <table>
                <caption>{m.common.totalItems(rows.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.common.township}</th>
                    <th scope="col">{m.common.employeeNo}</th>
                    <th scope="col">{m.common.name}</th>
                    <th scope="col">{m.common.category}</th>
                    <th scope="col">{m.common.status}</th>
                    <th scope="col" class="num">
                      {m.common.total}
                    </th>
                    <th scope="col">{m.common.grade}</th>
                    <th scope="col" class="num">
                      {m.common.rank}
                    </th>
                    <th scope="col">{m.common.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} class={row.exempt ? "exempt" : undefined}>
                      <td>{row.townshipName}</td>
                      <td>{row.employeeNo}</td>
                      <td>{row.name}</td>
                      <td>{m.categories[row.category]}</td>
                      <td>
                        <SheetStatusBadge status={row.status} townshipSheet={row.category === "township"} />
                        <ExemptBadge category={row.exempt} />
                      </td>
                      <td class="num">
                        {fmt.score(row.total)} {row.vetoed ? <VetoBadge kind="veto" /> : null}
                      </td>
                      <td>
                        <GradeBadge grade={row.grade} />
                      </td>
                      <td class="num">
                        {row.rank === null || row.rankOf === null
                          ? m.common.dash
                          : m.figures.rankOf(row.rank, row.rankOf)}
                      </td>
                      <td>
                        <Link
                          href={`/assessor/sheets/${row.id}`}
                          class={`button small ${actionable(row) ? "primary" : "secondary"}`}
                          aria-label={`${actionLabel(row)} ${row.name}`}
                        >
                          {actionLabel(row)}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </AsyncView>
    </section>
  );
}

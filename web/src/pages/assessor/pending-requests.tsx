import { api, call } from "../../api/client";
import { Link, setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { SelectField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";

const KINDS = ["recheck", "appeal"] as const;

/** 待处理复核/申诉: the county's open requests, oldest first; each row opens the sheet where it is decided. */
export default function PendingRequestsPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const { query } = useLocation();
  const townshipId = query.get("township") ?? "";
  const kind = KINDS.find((k) => k === query.get("kind"));
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const requests = useAsync(async () => {
    if (!period) return { items: [], total: 0 };
    const filter = {
      periodId: String(period.id),
      ...(townshipId ? { townshipId } : {}),
      ...(kind ? { kind } : {}),
    };
    return call(api.requests.$get({ query: filter }));
  }, [period?.id, townshipId, kind]);
  return (
    <section>
      <PageHeader title={m.nav.pendingRequests} subtitle={period?.name} />
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
          label={m.requests.kind}
          value={kind ?? ""}
          onValue={(value) => setQuery("kind", value)}
          options={[
            { value: "", label: m.common.all },
            ...KINDS.map((k) => ({ value: k, label: m.requests.kinds[k] })),
          ]}
        />
      </div>
      <AsyncView state={requests}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty>{m.pendingRequests.empty}</Empty>
          ) : (
            <TableWrap>
              <table>
                <caption>{m.common.totalItems(total)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.common.employeeNo}</th>
                    <th scope="col">{m.common.name}</th>
                    <th scope="col">{m.common.township}</th>
                    <th scope="col">{m.requests.kind}</th>
                    <th scope="col">{m.requests.indicator}</th>
                    <th scope="col">{m.requests.filedAt}</th>
                    <th scope="col">{m.pendingRequests.decideBy}</th>
                    <th scope="col">{m.common.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((row) => (
                    <tr key={row.id}>
                      <td>{row.employeeNo}</td>
                      <th scope="row">{row.name}</th>
                      <td>{row.townshipName}</td>
                      <td>{m.requests.kinds[row.kind]}</td>
                      <td>
                        {row.indicatorCode
                          ? `${row.indicatorCode} ${row.indicatorName ?? ""}`
                          : m.requests.wholeSheet}
                      </td>
                      <td class="nowrap">{fmt.dateTime(row.filedAt)}</td>
                      <td class="nowrap">
                        {row.decideBy ? fmt.date(row.decideBy) : m.pendingRequests.beforeArchive}{" "}
                        {row.overdue ? <span class="badge red">{m.pendingRequests.overdue}</span> : null}
                      </td>
                      <td>
                        <Link
                          href={`/assessor/sheets/${row.sheetId}`}
                          class="button small primary"
                          aria-label={`${m.pendingRequests.decide} ${row.name}`}
                        >
                          {m.pendingRequests.decide}
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

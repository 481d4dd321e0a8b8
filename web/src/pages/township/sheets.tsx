import { api, call } from "../../api/client";
import { Link, setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { isPublicStatus } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExemptBadge, GradeBadge, type SheetStatus, SheetStatusBadge } from "../../ui/badges";
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

/** 本乡镇考核表: every sheet of my township this period; submitted ones wait for my review. */
export default function TownshipSheetsPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const { query } = useLocation();
  const status = query.get("status") ?? "";
  const state = useAsync(async () => {
    if (!period) return [];
    return (await call(api.periods[":id"].sheets.$get({ param: { id: String(period.id) }, query: {} })))
      .items;
  }, [period?.id]);
  return (
    <section>
      <PageHeader title={m.nav.townshipSheets} subtitle={period?.name} />
      <AsyncView state={state}>
        {(rows) => {
          const waiting = rows.filter(
            (row) => row.status === "submitted" && row.category !== "township",
          ).length;
          const shown = status ? rows.filter((row) => row.status === status) : rows;
          // A township-assessed period has the township's own sheet only: no 工号 to show.
          const people = rows.some((row) => row.category !== "township");
          return (
            <>
              <div class="toolbar">
                <SelectField
                  label={m.common.status}
                  value={status}
                  onValue={(value) => setQuery("status", value)}
                  options={[
                    { value: "", label: m.common.all },
                    ...STATUSES.map((s) => ({
                      value: s,
                      label: `${m.status.sheet[s]} (${rows.filter((row) => row.status === s).length})`,
                    })),
                  ]}
                />
                <p class={waiting > 0 ? "notice" : "muted"}>{m.township.waiting(waiting)}</p>
              </div>
              {shown.length === 0 ? (
                <Empty>{m.township.noSheets}</Empty>
              ) : (
                <TableWrap>
                  <table>
                    <thead>
                      <tr>
                        {people ? <th scope="col">{m.common.employeeNo}</th> : null}
                        <th scope="col">{m.common.name}</th>
                        <th scope="col">{m.common.category}</th>
                        <th scope="col">{m.common.status}</th>
                        <th scope="col" class="num">
                          {m.common.total}
                        </th>
                        <th scope="col">{m.common.grade}</th>
                        <th scope="col">{m.common.actions}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((row) => (
                        <tr key={row.id} class={row.exempt ? "exempt" : undefined}>
                          {people ? <td>{row.employeeNo}</td> : null}
                          <td>{row.name}</td>
                          <td>{m.categories[row.category]}</td>
                          <td>
                            <SheetStatusBadge
                              status={row.status}
                              townshipSheet={row.category === "township"}
                            />
                            <ExemptBadge category={row.exempt} />
                          </td>
                          <td class="num">
                            {isPublicStatus(row.status) ? fmt.score(row.total) : m.common.dash}
                          </td>
                          <td>
                            {isPublicStatus(row.status) ? <GradeBadge grade={row.grade} /> : m.common.dash}
                          </td>
                          <td>
                            {row.category === "township" ? (
                              // 乡镇考核表: the township's own sheet, which it fills in itself (自查自纠).
                              <Link
                                href={`/township/own/${row.id}`}
                                class={`button small ${row.status === "draft" ? "primary" : "secondary"}`}
                                aria-label={`${row.status === "draft" ? m.inspection.selfCheck : m.common.details} ${row.name}`}
                              >
                                {row.status === "draft" ? m.inspection.selfCheck : m.common.details}
                              </Link>
                            ) : (
                              <Link
                                href={`/township/sheets/${row.id}`}
                                class={`button small ${row.status === "submitted" ? "primary" : "secondary"}`}
                                aria-label={`${row.status === "submitted" ? m.township.review : m.common.details} ${row.name}`}
                              >
                                {row.status === "submitted" ? m.township.review : m.common.details}
                              </Link>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

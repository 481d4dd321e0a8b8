import { api, call } from "../../api/client";
import type { SheetRow } from "../../api/types";
import { Link } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { useAsync } from "../../ui/async";
import { ExemptBadge, GradeBadge, type SheetStatus, SheetStatusBadge, VetoBadge } from "../../ui/badges";
import { SelectField, TextField } from "../../ui/field";
import { ListView, matchesSearch, useListQuery } from "../../ui/list-page";
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
const PAGE_SIZE = 50;
/**
 * 待评分, the default: passed by the township and not yet scored, and a township's own sheet (乡镇考核表) waiting
 * for the county's 督查 since it was submitted. `all` shows every status.
 */
const TO_SCORE = "reviewed";
// 督查: the server offers the inspector `pass` on a submitted township sheet.
const inspectable = (row: SheetRow) => row.category === "township" && row.actions.includes("pass");
const waiting = (row: SheetRow) => row.status === TO_SCORE || inspectable(row);

/** 评分队列: the county's sheets by township and status; reviewed ones wait for scoring. */
export default function QueuePage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const list = useListQuery({ township: "", status: TO_SCORE, q: "" });
  const { township: townshipId, q } = list.values;
  const status = STATUSES.find((s) => s === list.values.status);
  const toScore = status === TO_SCORE;
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const sheets = useAsync(async () => {
    if (!period) return [];
    // 待评分 also takes submitted township sheets, so it is filtered here rather than by the server.
    const filter = { ...(townshipId ? { townshipId } : {}), ...(status && !toScore ? { status } : {}) };
    return (await call(api.periods[":id"].sheets.$get({ param: { id: String(period.id) }, query: filter })))
      .items;
  }, [period?.id, townshipId, status, toScore]);
  return (
    <section>
      <PageHeader title={m.nav.queue} subtitle={period?.name} />
      <div class="toolbar">
        <SelectField
          label={m.common.status}
          value={status ?? "all"}
          onValue={(value) => list.setFilter("status", value)}
          options={[
            { value: TO_SCORE, label: m.queue.toScore },
            { value: "all", label: m.common.all },
            ...STATUSES.filter((s) => s !== TO_SCORE).map((s) => ({ value: s, label: m.status.sheet[s] })),
          ]}
        />
        <SelectField
          label={m.common.township}
          value={townshipId}
          onValue={(value) => list.setFilter("township", value)}
          options={[
            { value: "", label: m.common.all },
            ...(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
          ]}
        />
        <TextField
          label={m.queue.search}
          type="search"
          value={q}
          onValue={(value) => list.setFilter("q", value)}
          autocomplete="off"
        />
      </div>
      <ListView
        state={sheets}
        select={(rows) => rows.filter((row) => matchesSearch(row, q) && (!toScore || waiting(row)))}
        empty={m.queue.empty}
        page={list.page}
        pageSize={PAGE_SIZE}
        onPage={list.setPage}
      >
        {(rows) => <QueueTable rows={rows} />}
      </ListView>
    </section>
  );
}

function QueueTable(props: { rows: readonly SheetRow[] }) {
  const { m, fmt } = useI18n();
  return (
    <TableWrap>
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">{m.common.name}</th>
            <th scope="col">{m.common.township}</th>
            <th scope="col">{m.common.status}</th>
            <th scope="col" class="num">
              {m.result.selfScore}
            </th>
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
          {props.rows.map((row) => {
            // Only what the server says the caller may do now: 评分 on a sheet it can score.
            const scorable = row.actions.includes("score");
            const inspect = inspectable(row);
            const label = inspect ? m.inspection.inspect : scorable ? m.queue.score : m.common.details;
            return (
              <tr key={row.id} class={row.exempt ? "exempt" : undefined}>
                <th scope="row">
                  {row.name} <span class="muted">{row.employeeNo}</span>
                  <span class="muted small"> · {m.categories[row.category]}</span>
                </th>
                <td data-label={m.common.township}>{row.townshipName}</td>
                <td data-label={m.common.status}>
                  <SheetStatusBadge status={row.status} townshipSheet={row.category === "township"} />
                  <ExemptBadge category={row.exempt} />
                </td>
                <td class="num" data-label={m.result.selfScore}>
                  {fmt.score(row.selfScore)}
                </td>
                <td class="num" data-label={m.common.total}>
                  {fmt.score(row.total)} {row.vetoed ? <VetoBadge kind="veto" /> : null}
                </td>
                <td data-label={m.common.grade}>
                  <GradeBadge grade={row.grade} />
                </td>
                <td class="num" data-label={m.common.rank}>
                  {row.rank === null || row.rankOf === null
                    ? m.common.dash
                    : m.figures.rankOf(row.rank, row.rankOf)}
                </td>
                <td class="actions-cell">
                  <Link
                    href={`/assessor/sheets/${row.id}`}
                    class={`button small ${scorable || inspect ? "primary" : "secondary"}`}
                    aria-label={`${label} ${row.name}`}
                  >
                    {label}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

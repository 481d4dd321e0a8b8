import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import type { SheetRow } from "../../api/types";
import { Link } from "../../app/router";
import { usePeriods } from "../../app/session";
import { isPublicStatus } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { useAsync } from "../../ui/async";
import { ExemptBadge, GradeBadge, type SheetStatus, SheetStatusBadge } from "../../ui/badges";
import { SelectField } from "../../ui/field";
import { ListView, useListQuery } from "../../ui/list-page";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";
import { BatchPass } from "./batch-pass";

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
// 乡镇考核表: the township's own sheet, which it fills in itself (自查自纠) and the county inspects (督查); the
// township never reviews it, so it is never counted as waiting nor offered for (batch) passing.
const ownSheet = (row: SheetRow) => row.category === "township";
const passable = (row: SheetRow) => !ownSheet(row) && row.actions.includes("pass");

/** 本乡镇考核表: every sheet of my township this period; submitted ones wait for my review. */
export default function TownshipSheetsPage() {
  const { m } = useI18n();
  const { current: period } = usePeriods();
  const list = useListQuery({ status: "" });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const state = useAsync(async () => {
    if (!period) return [];
    return (await call(api.periods[":id"].sheets.$get({ param: { id: String(period.id) }, query: {} })))
      .items;
  }, [period?.id]);
  const rows = state.data ?? [];
  const status = list.values.status;
  const waiting = rows.filter(passable).length;
  const chosen = rows.filter((row) => selected.has(row.id) && passable(row));
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <section>
      <PageHeader title={m.nav.townshipSheets} subtitle={period?.name} />
      <div class="toolbar">
        <SelectField
          label={m.common.status}
          value={status}
          onValue={(value) => list.setFilter("status", value)}
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
      <ListView
        state={state}
        select={(all) => (status ? all.filter((row) => row.status === status) : all)}
        empty={m.township.noSheets}
        page={list.page}
        pageSize={PAGE_SIZE}
        onPage={list.setPage}
      >
        {(page) => <ReviewTable rows={page} selected={selected} onToggle={toggle} />}
      </ListView>
      <BatchPass
        chosen={chosen}
        onDone={() => {
          setSelected(new Set());
          state.reload();
        }}
      />
    </section>
  );
}

function ReviewTable(props: {
  rows: readonly SheetRow[];
  selected: ReadonlySet<number>;
  onToggle: (id: number, on: boolean) => void;
}) {
  const { m, fmt } = useI18n();
  const choosable = props.rows.filter(passable);
  const allChosen = choosable.length > 0 && choosable.every((row) => props.selected.has(row.id));
  return (
    <TableWrap>
      <table class="responsive review-list">
        <thead>
          <tr>
            <th scope="col" class="check">
              <input
                type="checkbox"
                aria-label={m.township.selectAll}
                checked={allChosen}
                disabled={choosable.length === 0}
                onChange={(event) => {
                  for (const row of choosable) props.onToggle(row.id, event.currentTarget.checked);
                }}
              />
            </th>
            <th scope="col">{m.common.name}</th>
            <th scope="col">{m.common.status}</th>
            <th scope="col" class="num">
              {m.result.selfScore}
            </th>
            <th scope="col">{m.township.submittedAt}</th>
            <th scope="col" class="num">
              {m.evidence.title}
            </th>
            <th scope="col">{m.township.flags}</th>
            <th scope="col" class="num">
              {m.common.total}
            </th>
            <th scope="col">{m.common.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const canPass = passable(row);
            const canReview = !ownSheet(row) && (canPass || row.actions.includes("return"));
            return (
              <tr key={row.id} class={row.exempt ? "exempt" : undefined}>
                <td class="check">
                  {canPass ? (
                    <input
                      type="checkbox"
                      aria-label={m.township.selectNamed(row.name)}
                      checked={props.selected.has(row.id)}
                      onChange={(event) => props.onToggle(row.id, event.currentTarget.checked)}
                    />
                  ) : null}
                </td>
                <th scope="row">
                  {row.name} <span class="muted">{row.employeeNo}</span>
                  <span class="muted small"> · {m.categories[row.category]}</span>
                </th>
                <td data-label={m.common.status}>
                  <SheetStatusBadge status={row.status} townshipSheet={ownSheet(row)} />
                  <ExemptBadge category={row.exempt} />
                </td>
                <td class="num" data-label={m.result.selfScore}>
                  {fmt.score(row.selfScore)}
                </td>
                <td data-label={m.township.submittedAt}>{fmt.dateTime(row.submittedAt)}</td>
                <td class="num" data-label={m.evidence.title}>
                  {m.township.evidenceCount(row.evidenceCount)}
                </td>
                <td data-label={m.township.flags}>
                  <Flags row={row} />
                </td>
                <td class="num" data-label={m.common.total}>
                  {isPublicStatus(row.status) ? (
                    <>
                      {fmt.score(row.total)} <GradeBadge grade={row.grade} />
                    </>
                  ) : (
                    m.common.dash
                  )}
                </td>
                <td class="actions-cell">
                  {ownSheet(row) ? (
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
                      class={`button small ${canReview ? "primary" : "secondary"}`}
                      aria-label={`${canReview ? m.township.review : m.common.details} ${row.name}`}
                    >
                      {canReview ? m.township.review : m.common.details}
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** What a reviewer should look at twice: evidence still missing, earlier returns. */
function Flags(props: { row: SheetRow }) {
  const { m } = useI18n();
  const flags = [
    props.row.missingEvidence > 0 ? (
      <span key="missing" class="badge amber">
        {m.township.missingEvidence(props.row.missingEvidence)}
      </span>
    ) : null,
    props.row.returnCount > 0 ? (
      <span key="returned" class="badge">
        {m.township.returnedTimes(props.row.returnCount)}
      </span>
    ) : null,
  ].filter(Boolean);
  return flags.length > 0 ? <>{flags}</> : <span class="muted">{m.common.dash}</span>;
}

import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import { navigate, setQuery, useLocation } from "../app/router";
import { useI18n } from "../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../ui/async";
import { TextField } from "../ui/field";
import { PageHeader } from "../ui/page";
import { Pager } from "../ui/pager";
import { TableWrap } from "../ui/table-wrap";

const LIMIT = 50;
const FILTERS = ["entity", "entityId", "userId", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];

function compact(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

/** 审计日志: every change to assessment data, newest first, filtered by entity, user and date. */
export default function AuditPage() {
  const { m, fmt } = useI18n();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ""])) as Record<
    Filter,
    string
  >;
  const offset = Number(query.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState(applied);
  const entries = useAsync(() => {
    const filter = Object.fromEntries(Object.entries(applied).filter(([, value]) => value !== ""));
    return call(api.audit.$get({ query: { ...filter, limit: String(LIMIT), offset: String(offset) } }));
  }, [query.toString()]);
  const apply = (event: Event) => {
    event.preventDefault();
    const url = new URLSearchParams();
    for (const key of FILTERS) if (draft[key].trim()) url.set(key, draft[key].trim());
    navigate(`${location.pathname}?${url}`, { replace: true });
  };
  return (
    <section>
      <PageHeader title={m.nav.audit} />
      <form class="toolbar" onSubmit={apply}>
        <TextField
          label={m.audit.entity}
          value={draft.entity}
          onValue={(entity) => setDraft({ ...draft, entity })}
          hint={m.audit.entityHint}
        />
        <TextField
          label={m.audit.entityId}
          value={draft.entityId}
          onValue={(entityId) => setDraft({ ...draft, entityId })}
        />
        <TextField
          label={m.audit.userId}
          value={draft.userId}
          inputMode="numeric"
          onValue={(userId) => setDraft({ ...draft, userId })}
        />
        <TextField
          label={m.audit.from}
          type="date"
          value={draft.from}
          onValue={(from) => setDraft({ ...draft, from })}
        />
        <TextField
          label={m.audit.to}
          type="date"
          value={draft.to}
          onValue={(to) => setDraft({ ...draft, to })}
        />
        <button type="submit" class="button">
          {m.common.search}
        </button>
      </form>
      <AsyncView state={entries}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{m.audit.empty}</Empty>
          ) : (
            <>
              <TableWrap>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.common.time}</th>
                      <th scope="col">{m.common.user}</th>
                      <th scope="col">{m.audit.action}</th>
                      <th scope="col">{m.audit.entity}</th>
                      <th scope="col">{m.audit.before}</th>
                      <th scope="col">{m.audit.after}</th>
                      <th scope="col">{m.common.reason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((entry) => (
                      <tr key={entry.id}>
                        <td class="nowrap">{fmt.dateTime(entry.at)}</td>
                        <td>{entry.username ?? entry.userId ?? ""}</td>
                        <td>{entry.action}</td>
                        <td>
                          {entry.entity}
                          {entry.entityId ? <span class="muted"> #{entry.entityId}</span> : null}
                        </td>
                        <td class="json">{compact(entry.before)}</td>
                        <td class="json">{compact(entry.after)}</td>
                        <td>{entry.reason ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <Pager
                total={page.total}
                limit={LIMIT}
                offset={offset}
                onOffset={(next) => setQuery("offset", next)}
              />
            </>
          )
        }
      </AsyncView>
    </section>
  );
}

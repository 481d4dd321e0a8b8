import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import { navigate, setQuery, useLocation } from "../app/router";
import { useI18n } from "../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../ui/async";
import { SelectField, TextField } from "../ui/field";
import { PageHeader } from "../ui/page";
import { Pager } from "../ui/pager";

const LIMIT = 50;
const FILTERS = ["kind", "userId", "person", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];

/**
 * 审计日志: every change to assessment data as a sentence (who, what, about whom, before → after, why), newest
 * first; filtered with pickers (kind of change, user, person, date range) and exportable as .xlsx.
 */
export default function AuditPage() {
  const { m } = useI18n();
  const { query } = useLocation();
  const applied = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ""])) as Record<
    Filter,
    string
  >;
  const offset = Number(query.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState(applied);
  const filters = useAsync(() => call(api.audit.filters.$get()), []);
  const people = useAsync(async () => (await call(api.people.$get({ query: { limit: "500" } }))).items, []);
  const apiQuery = () => {
    const { person, ...rest } = applied;
    const chosen = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ""));
    return { ...chosen, ...(person ? { personId: person } : {}) };
  };
  const entries = useAsync(
    () => call(api.audit.$get({ query: { ...apiQuery(), limit: String(LIMIT), offset: String(offset) } })),
    [query.toString()],
  );
  const apply = (event: Event) => {
    event.preventDefault();
    const url = new URLSearchParams();
    for (const key of FILTERS) if (draft[key].trim()) url.set(key, draft[key].trim());
    navigate(`${location.pathname}?${url}`, { replace: true });
  };
  const set = (key: Filter) => (value: string) => setDraft({ ...draft, [key]: value });
  const exportHref = `/api/v1/audit/export?${new URLSearchParams(apiQuery())}`;
  return (
    <section>
      <PageHeader
        title={m.nav.audit}
        actions={
          <a class="button secondary" href={exportHref} download>
            {m.audit.export}
          </a>
        }
      />
      <form class="toolbar" onSubmit={apply}>
        <SelectField
          label={m.audit.kind}
          value={draft.kind}
          onValue={set("kind")}
          options={[
            { value: "", label: m.audit.any },
            ...(filters.data?.kinds ?? []).map((k) => ({ value: k.kind, label: k.label })),
          ]}
        />
        <SelectField
          label={m.audit.user}
          value={draft.userId}
          onValue={set("userId")}
          options={[
            { value: "", label: m.audit.any },
            ...(filters.data?.users ?? []).map((u) => ({ value: String(u.id), label: u.username })),
          ]}
        />
        <SelectField
          label={m.audit.person}
          value={draft.person}
          onValue={set("person")}
          options={[
            { value: "", label: m.audit.any },
            ...(people.data ?? []).map((p) => ({ value: String(p.id), label: `${p.employeeNo} ${p.name}` })),
          ]}
        />
        <TextField label={m.audit.from} type="date" value={draft.from} onValue={set("from")} />
        <TextField label={m.audit.to} type="date" value={draft.to} onValue={set("to")} />
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
              <ol class="audit-sentences">
                {page.items.map((entry) => (
                  <li key={entry.id}>
                    <p>{entry.sentence}</p>
                    {entry.changes.length > 0 ? (
                      <ul class="audit-changes muted small">
                        {entry.changes.map((change) => (
                          <li key={change.field}>
                            {change.field}：{change.before || "—"} → {change.after || "—"}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
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

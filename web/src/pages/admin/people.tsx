import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { Link, navigate, setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExcelImport } from "../../ui/excel-import";
import { SelectField, TextField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { TableWrap } from "../../ui/table-wrap";
import { PersonForm } from "./person-form";
import { StaffAccounts } from "./staff-accounts";

const LIMIT = 50;

/** 人员: the county's station staff and reassigned staff, by township, category, status and search; add one. */
export default function PeoplePage() {
  const { m, fmt } = useI18n();
  const { query } = useLocation();
  const townshipId = query.get("township") ?? "";
  const category =
    query.get("category") === "reassigned"
      ? "reassigned"
      : query.get("category") === "station"
        ? "station"
        : undefined;
  const offset = Number(query.get("offset") ?? 0) || 0;
  const q = query.get("q") ?? "";
  const active = query.get("active") === "true" || query.get("active") === "false" ? query.get("active") : "";
  const [search, setSearch] = useState(q);
  const [adding, setAdding] = useState(false);
  const { current: period } = usePeriods();
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const people = useAsync(
    () =>
      call(
        api.people.$get({
          query: {
            ...(townshipId ? { townshipId } : {}),
            ...(category ? { category } : {}),
            ...(q ? { q } : {}),
            ...(active === "true" || active === "false" ? { active } : {}),
            limit: String(LIMIT),
            offset: String(offset),
          },
        }),
      ),
    [townshipId, category, q, active, offset],
  );
  return (
    <section>
      <PageHeader
        title={m.nav.people}
        actions={
          <button type="button" class="button primary" onClick={() => setAdding(true)}>
            {m.person.add}
          </button>
        }
      />
      {adding ? (
        <PersonForm
          person={null}
          townships={townships.data ?? []}
          onDone={(id) => navigate(`/admin/people/${id}`)}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery("offset", "");
          setQuery("q", search.trim());
        }}
      >
        <TextField label={m.person.search} value={search} onValue={setSearch} type="search" />
        <SelectField
          label={m.common.township}
          value={townshipId}
          onValue={(value) => {
            setQuery("offset", "");
            setQuery("township", value);
          }}
          options={[
            { value: "", label: m.common.all },
            ...(townships.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
          ]}
        />
        <SelectField
          label={m.common.category}
          value={category ?? ""}
          onValue={(value) => {
            setQuery("offset", "");
            setQuery("category", value);
          }}
          options={[
            { value: "", label: m.common.all },
            { value: "station", label: m.categories.station },
            { value: "reassigned", label: m.categories.reassigned },
          ]}
        />
        <SelectField
          label={m.person.filterActive}
          value={active ?? ""}
          onValue={(value) => {
            setQuery("offset", "");
            setQuery("active", value);
          }}
          options={[
            { value: "", label: m.common.all },
            { value: "true", label: m.person.onlyActive },
            { value: "false", label: m.person.onlyRetired },
          ]}
        />
        <button type="submit" class="button secondary">
          {m.common.search}
        </button>
      </form>
      <AsyncView state={people}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{m.people.empty}</Empty>
          ) : (
            <>
              <TableWrap>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.common.employeeNo}</th>
                      <th scope="col">{m.common.name}</th>
                      <th scope="col">{m.common.township}</th>
                      <th scope="col">{m.common.category}</th>
                      <th scope="col">{m.reports.position}</th>
                      <th scope="col">{m.reports.originUnit}</th>
                      <th scope="col" class="num">
                        {m.reports.examScore}
                      </th>
                      <th scope="col">{m.people.reassignedOn}</th>
                      <th scope="col">{m.person.phone}</th>
                      <th scope="col">{m.people.active}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((person) => (
                      <tr key={person.id}>
                        <td>{person.employeeNo}</td>
                        <th scope="row">
                          <Link href={`/admin/people/${person.id}`}>{person.name}</Link>
                        </th>
                        <td>{person.townshipName}</td>
                        <td>{m.categories[person.category]}</td>
                        <td>{person.position ?? ""}</td>
                        <td>{person.originUnit ?? ""}</td>
                        <td class="num">{person.examScore === null ? "" : fmt.number(person.examScore)}</td>
                        <td>{person.reassignedOn ? fmt.date(person.reassignedOn) : ""}</td>
                        <td>{person.phone ?? ""}</td>
                        <td>{person.active ? m.common.yes : m.common.no}</td>
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
      <StaffAccounts townships={townships.data ?? []} />
      {period ? <ExcelImport kind="people" periodId={period.id} onImported={people.reload} /> : null}
    </section>
  );
}

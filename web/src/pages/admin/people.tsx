import { api, call } from "../../api/client";
import { setQuery, useLocation } from "../../app/router";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { ExcelImport } from "../../ui/excel-import";
import { SelectField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { TableWrap } from "../../ui/table-wrap";
import { StaffAccounts } from "./staff-accounts";

const LIMIT = 50;

/** 人员: the county's station staff and reassigned staff, by township and category. */
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
  const { current: period } = usePeriods();
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  const people = useAsync(
    () =>
      call(
        api.people.$get({
          query: {
            ...(townshipId ? { townshipId } : {}),
            ...(category ? { category } : {}),
            limit: String(LIMIT),
            offset: String(offset),
          },
        }),
      ),
    [townshipId, category, offset],
  );
  return (
    <section>
      <PageHeader title={m.nav.people} />
      <div class="toolbar">
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
      </div>
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
                      <th scope="col">{m.people.active}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((person) => (
                      <tr key={person.id}>
                        <td>{person.employeeNo}</td>
                        <th scope="row">{person.name}</th>
                        <td>{person.townshipName}</td>
                        <td>{m.categories[person.category]}</td>
                        <td>{person.position ?? ""}</td>
                        <td>{person.originUnit ?? ""}</td>
                        <td class="num">{person.examScore === null ? "" : fmt.number(person.examScore)}</td>
                        <td>{person.reassignedOn ? fmt.date(person.reassignedOn) : ""}</td>
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

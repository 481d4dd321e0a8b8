import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PeriodStatusBadge } from "../../ui/badges";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { TextAreaField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";

type Listing = Awaited<ReturnType<typeof loadListing>>;

async function loadListing(id: string) {
  const [period, classes, townships] = await Promise.all([
    call(api.periods[":id"].$get({ param: { id } })),
    call(api.periods[":id"]["unit-classes"].$get({ param: { id } })),
    call(api.townships.$get()),
  ]);
  return {
    period: period.period,
    classes: classes.classes,
    items: classes.items,
    townships: townships.items,
  };
}

// The select's value for "no class" (the base parameters); a class name is never empty.
const NONE = "";
// A township whose people carry different classes shows this until the admin picks one for all of them.
const MIXED = "\u0000mixed";

/** Each township of the period with its people and the class they share (MIXED when they differ). */
function townshipRows(listing: Listing) {
  const byTownship = new Map<number, Listing["items"]>();
  for (const item of listing.items)
    byTownship.set(item.townshipId, [...(byTownship.get(item.townshipId) ?? []), item]);
  return listing.townships
    .filter((township) => byTownship.has(township.id))
    .map((township) => {
      const people = byTownship.get(township.id) ?? [];
      const classes = new Set(people.map((person) => person.unitClass ?? NONE));
      const [only] = classes;
      return { township, people, current: classes.size === 1 && only !== undefined ? only : MIXED };
    });
}

/**
 * 单位类别: the class of each township for one period (一类 / 二类 …, the scheme's `unitClasses`), which selects
 * the indicators' class values (分类考核) for every sheet of that township. Saved with a reason, audited per sheet.
 */
export default function UnitClassesPage(props: PageProps) {
  const { m } = useI18n();
  const u = m.unitClasses;
  const announce = useAnnounce();
  const id = props.params.id ?? "";
  const state = useAsync(() => loadListing(id), [id]);
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);

  const save = async (listing: Listing) => {
    const rows = townshipRows(listing);
    const items = rows.flatMap((row) => {
      const pick = chosen[row.township.id];
      if (pick === undefined || pick === MIXED || pick === row.current) return [];
      const unitClass = pick === NONE ? null : pick;
      return row.people
        .filter((person) => person.unitClass !== unitClass)
        .map((person) => ({ personId: person.personId, unitClass }));
    });
    const found = new Map<string, string>();
    if (items.length === 0) found.set("items", u.nothingChanged);
    if (!reason.trim()) found.set("reason", u.reasonRequired);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      const result = await call(
        api.periods[":id"]["unit-classes"].$put({ param: { id }, json: { reason: reason.trim(), items } }),
      );
      announce(u.saved(result.updated));
      setChosen({});
      setReason("");
      state.reload();
    } catch (failure) {
      setErrors(problemsByPath(failure, m));
      setFormError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <PageHeader
        title={state.data ? u.titleNamed(state.data.period.name) : u.title}
        subtitle={state.data ? <PeriodStatusBadge status={state.data.period.status} /> : null}
        actions={
          <Link href={`/admin/periods/${id}`} class="button secondary">
            {u.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {(listing) => {
          if (listing.classes.length === 0) return <Empty>{u.noClasses}</Empty>;
          const editable = listing.period.status !== "published" && listing.period.status !== "final";
          const options = [
            { value: NONE, label: u.none },
            ...listing.classes.map((name) => ({ value: name, label: name })),
          ];
          return (
            <form
              class="card"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void save(listing);
              }}
            >
              <p class="muted">{u.hint(listing.classes.join("、"))}</p>
              {editable ? null : <p class="notice">{u.locked}</p>}
              <TableWrap>
                <table>
                  <caption>{u.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.common.township}</th>
                      <th scope="col" class="num">
                        {u.people}
                      </th>
                      <th scope="col">{u.current}</th>
                      <th scope="col">{u.newClass}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {townshipRows(listing).map((row) => {
                      const pick = chosen[row.township.id] ?? row.current;
                      const changed = pick !== row.current;
                      return (
                        <tr key={row.township.id} class={changed ? "changed" : undefined}>
                          <th scope="row">{row.township.name}</th>
                          <td class="num">{row.people.length}</td>
                          <td>
                            {row.current === MIXED
                              ? u.mixed(
                                  row.people
                                    .map((person) => `${person.name} ${person.unitClass ?? u.none}`)
                                    .join("、"),
                                )
                              : row.current === NONE
                                ? u.none
                                : row.current}
                          </td>
                          <td>
                            <select
                              aria-label={u.selectFor(row.township.name)}
                              value={pick}
                              disabled={!editable}
                              onChange={(event) =>
                                setChosen({ ...chosen, [row.township.id]: event.currentTarget.value })
                              }
                            >
                              {row.current === MIXED ? <option value={MIXED}>{u.keepMixed}</option> : null}
                              {options.map((option) => (
                                <option key={option.value} value={option.value}>
                                  {option.label}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
              <p class="field-error" aria-live="polite">
                {errors.get("items") ?? ""}
              </p>
              {editable ? (
                <>
                  <TextAreaField
                    label={u.reason}
                    value={reason}
                    onValue={setReason}
                    rows={2}
                    error={errors.get("reason")}
                  />
                  <button type="submit" class="button primary" disabled={busy}>
                    {u.save}
                  </button>
                </>
              ) : null}
              <p class="form-error" role="alert">
                {formError}
              </p>
            </form>
          );
        }}
      </AsyncView>
    </section>
  );
}

import { api, call } from "../../api/client";
import { chinaToday } from "../../app/dates";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";
import { AccountCard, MoveForm, RetireForm } from "./person-actions";
import { PersonForm } from "./person-form";

/** 人员详情: one person's details, moves (调动), retirement (离岗) and sign-in, each change audited. */
export default function PersonPage(props: PageProps) {
  const { m, fmt } = useI18n();
  const id = props.params.id ?? "";
  const detail = useAsync(() => call(api.people[":id"].$get({ param: { id } })), [id]);
  const townships = useAsync(async () => (await call(api.townships.$get())).items, []);
  return (
    <AsyncView state={detail}>
      {({ person, moves, account }) => (
        <section>
          <PageHeader
            title={`${person.name}（${person.employeeNo}）`}
            subtitle={`${person.townshipName} · ${m.categories[person.category]} · ${
              person.active ? m.people.active : m.person.retired
            }`}
            actions={
              <>
                <Link href="/admin/people" class="button secondary">
                  {m.common.back}
                </Link>{" "}
                <Link href={`/audit?person=${person.id}`} class="button secondary">
                  {m.person.history}
                </Link>
              </>
            }
          />
          <PersonForm
            key={`${person.id}-${person.name}-${person.position}-${person.phone}`}
            person={person}
            townships={townships.data ?? []}
            onDone={() => void detail.reload()}
          />
          <AccountCard
            personId={person.id}
            personActive={person.active}
            account={account}
            onDone={() => void detail.reload()}
          />
          {person.active ? (
            <MoveForm
              personId={person.id}
              currentTownshipId={person.townshipId}
              townships={townships.data ?? []}
              today={chinaToday()}
              onDone={() => void detail.reload()}
            />
          ) : null}
          <section class="card" aria-labelledby="moves-title">
            <h2 id="moves-title">{m.person.moves}</h2>
            {moves.length === 0 ? (
              <p class="muted">{m.person.noMoves}</p>
            ) : (
              <TableWrap>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.person.movedOn}</th>
                      <th scope="col">{m.common.township}</th>
                      <th scope="col">{m.person.moveReason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {moves.map((move) => (
                      <tr key={move.id}>
                        <td>{fmt.date(move.movedOn)}</td>
                        <td>
                          {move.from} → {move.to}
                        </td>
                        <td>{move.reason ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          <RetireForm personId={person.id} active={person.active} onDone={() => void detail.reload()} />
        </section>
      )}
    </AsyncView>
  );
}

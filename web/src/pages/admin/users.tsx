import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { setQuery, useLocation } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { describeFailure } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/field";
import { PageHeader } from "../../ui/page";
import { Pager } from "../../ui/pager";
import { TableWrap } from "../../ui/table-wrap";
import { ROLES, UserForm, type UserRow } from "./user-form";

const LIMIT = 50;

/** 用户与角色: accounts with their role and scope; create, change, disable, reset a password. */
export default function UsersPage() {
  const { m } = useI18n();
  const { query } = useLocation();
  const role = ROLES.find((r) => r === query.get("role"));
  const q = query.get("q") ?? "";
  const offset = Number(query.get("offset") ?? 0) || 0;
  const [search, setSearch] = useState(q);
  const [editing, setEditing] = useState<UserRow | "new" | null>(null);
  const users = useAsync(
    () =>
      call(
        api.users.$get({
          query: {
            ...(role ? { role } : {}),
            ...(q ? { q } : {}),
            limit: String(LIMIT),
            offset: String(offset),
          },
        }),
      ),
    [role, q, offset],
  );
  return (
    <section>
      <PageHeader
        title={m.nav.users}
        actions={
          <button type="button" class="button primary" onClick={() => setEditing("new")}>
            {m.users.create}
          </button>
        }
      />
      {editing ? (
        <UserForm
          user={editing === "new" ? null : editing}
          onDone={() => {
            setEditing(null);
            void users.reload();
          }}
          onCancel={() => setEditing(null)}
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
        <SelectField
          label={m.users.role}
          value={role ?? ""}
          onValue={(value) => setQuery("role", value)}
          options={[
            { value: "", label: m.common.all },
            ...ROLES.map((r) => ({ value: r, label: m.roles[r] })),
          ]}
        />
        <TextField label={m.users.search} value={search} onValue={setSearch} type="search" />
        <button type="submit" class="button">
          {m.common.search}
        </button>
      </form>
      <AsyncView state={users}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{m.users.empty}</Empty>
          ) : (
            <>
              <TableWrap>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{m.users.username}</th>
                      <th scope="col">{m.users.displayName}</th>
                      <th scope="col">{m.users.role}</th>
                      <th scope="col">{m.users.scope}</th>
                      <th scope="col">{m.common.status}</th>
                      <th scope="col">{m.common.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((user) => (
                      <tr key={user.id}>
                        <th scope="row">{user.username}</th>
                        <td>{user.displayName}</td>
                        <td>{m.roles[user.role]}</td>
                        <td>
                          {user.townshipName ?? ""}
                          {user.personName ? `${user.personName} (${user.employeeNo})` : ""}
                        </td>
                        <td>
                          {user.active ? m.users.active : <span class="badge red">{m.users.disabled}</span>}
                          {user.mustChangePassword ? (
                            <span class="badge amber">{m.users.mustChange}</span>
                          ) : null}
                        </td>
                        <td>
                          <button
                            type="button"
                            class="button small secondary"
                            onClick={() => setEditing(user)}
                            aria-label={`${m.common.edit} ${user.username}`}
                          >
                            {m.common.edit}
                          </button>{" "}
                          <ResetPassword userId={user.id} username={user.username} />
                        </td>
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

function ResetPassword(props: { userId: number; username: string }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  if (!open)
    return (
      <button
        type="button"
        class="button small secondary"
        onClick={() => setOpen(true)}
        aria-label={`${m.users.resetPassword} ${props.username}`}
      >
        {m.users.resetPassword}
      </button>
    );
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await call(
        api.users[":id"]["reset-password"].$post({ param: { id: String(props.userId) }, json: { password } }),
      );
      announce(m.users.passwordReset(props.username));
      setOpen(false);
      setPassword("");
    } catch (failure) {
      setError(describeFailure(failure, m));
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <TextField
        label={m.users.temporaryPassword}
        value={password}
        onValue={setPassword}
        autoComplete="new-password"
        hint={m.users.temporaryHint}
        error={error || undefined}
      />
      <button type="submit" class="button small primary">
        {m.common.save}
      </button>
      <button type="button" class="button small secondary" onClick={() => setOpen(false)}>
        {m.common.cancel}
      </button>
    </form>
  );
}

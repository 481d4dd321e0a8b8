import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { Link, navigate } from "../../app/router";
import { useUser } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";
import { IMPORT_KEY } from "./scheme-doc";
import { useSchemeWorkbookImport } from "./scheme-workbook-import";

/** 考核方案: every stored version; open one to read, edit as a new version, or 试算; import a JSON document. */
export default function SchemesPage() {
  const { m, fmt } = useI18n();
  const user = useUser();
  const schemes = useAsync(async () => (await call(api.schemes.$get())).items, []);
  const [importError, setImportError] = useState("");
  const workbook = useSchemeWorkbookImport();

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      JSON.parse(await file.text());
      sessionStorage.setItem(IMPORT_KEY, await file.text());
      navigate("/admin/schemes/new?import=1");
    } catch {
      setImportError(m.schemes.importInvalid);
    } finally {
      input.value = "";
    }
  };

  return (
    <section>
      <PageHeader
        title={m.nav.schemes}
        actions={
          user.role === "admin" ? (
            <>
              <Link href="/admin/schemes/new" class="button primary">
                {m.schemes.newVersion}
              </Link>
              <label class="button secondary" for="scheme-import">
                {m.schemes.importJson}
              </label>
              <input
                id="scheme-import"
                class="visually-hidden"
                type="file"
                accept="application/json,.json"
                aria-describedby="scheme-import-error"
                onChange={(event) => void importFile(event.currentTarget)}
              />
              {workbook.button}
            </>
          ) : null
        }
      />
      <p id="scheme-import-error" class="form-error" role="alert">
        {importError}
      </p>
      {workbook.problems}
      <AsyncView state={schemes}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{m.schemes.empty}</Empty>
          ) : (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m.schemes.code}</th>
                    <th scope="col">{m.schemes.name}</th>
                    <th scope="col" class="num">
                      {m.schemes.year}
                    </th>
                    <th scope="col" class="num">
                      {m.schemes.version}
                    </th>
                    <th scope="col">{m.schemes.createdAt}</th>
                    <th scope="col">{m.common.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((scheme) => (
                    <tr key={scheme.id}>
                      <td>{scheme.code}</td>
                      <th scope="row">{scheme.name}</th>
                      <td class="num">{scheme.year}</td>
                      <td class="num">v{scheme.version}</td>
                      <td>{fmt.dateTime(scheme.createdAt)}</td>
                      <td>
                        <Link href={`/admin/schemes/${scheme.id}`} class="button small">
                          {user.role === "admin" ? m.schemes.openEdit : m.schemes.openTrial}
                        </Link>{" "}
                        <a
                          class="button small secondary"
                          href={`/api/v1/schemes/${scheme.id}/export`}
                          download
                        >
                          {m.schemes.exportJson}
                        </a>{" "}
                        <a
                          class="button small secondary"
                          href={`/api/v1/schemes/${scheme.id}/workbook`}
                          download
                        >
                          {m.schemes.exportWorkbook}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </AsyncView>
    </section>
  );
}

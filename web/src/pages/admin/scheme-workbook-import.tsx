import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import { navigate } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { describeFailure, describeProblem } from "../../ui/errors";

/**
 * 从 Excel 导入 (its button and its problems, placed apart): a 考核细则 workbook becomes a new scheme version; every bad cell is listed by its address
 * (考核细则!F7), and 方案警告 are shown for the admin to confirm before the import is repeated with them accepted.
 */
export function useSchemeWorkbookImport() {
  const { m } = useI18n();
  const [failure, setFailure] = useState<ApiFailure | Error | null>(null);
  const [pending, setPending] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (file: File, acceptWarnings: boolean) => {
    setBusy(true);
    try {
      const query = acceptWarnings ? { acceptWarnings: "true" as const } : {};
      const { scheme } = await call(api.schemes.workbook.$post({ form: { file }, query }));
      navigate(`/admin/schemes/${scheme.id}`);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
      setPending(error instanceof ApiFailure && error.code === "SCHEME_WARNINGS" ? file : null);
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <>
      <label class="button secondary" for="scheme-workbook-import">
        {m.schemes.importWorkbook}
      </label>
      <input
        id="scheme-workbook-import"
        class="visually-hidden"
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={busy}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) void send(file, false);
        }}
      />
    </>
  );
  // Shown under the page header, where the list of problems has the page's width.
  const problems = failure ? (
    <div class="form-error workbook-problems" role="alert">
      <p>{describeFailure(failure, m)}</p>
      {failure instanceof ApiFailure && failure.details.length > 0 ? (
        <ul>
          {failure.details.slice(0, 50).map((problem) => (
            <li key={`${problem.path}${problem.message}`}>
              <code>{problem.path}</code> {describeProblem(problem, m)}
            </li>
          ))}
        </ul>
      ) : null}
      {pending ? (
        <button type="button" class="button" disabled={busy} onClick={() => void send(pending, true)}>
          {m.schemes.importAnyway}
        </button>
      ) : null}
    </div>
  ) : null;
  return { button, problems };
}

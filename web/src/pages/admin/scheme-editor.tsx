import { useEffect, useState } from "preact/hooks";
import { ApiFailure, api, call } from "../../api/client";
import { Link, navigate, useLocation } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useUser } from "../../app/session";
import { loadScheme } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import type { Messages } from "../../i18n/zh-CN";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, useAsync } from "../../ui/async";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { PageHeader } from "../../ui/page";
import { IMPORT_KEY, type SchemeDocument } from "./scheme-doc";
import { SchemeForm } from "./scheme-form";
import { TrialRun } from "./trial-run";

/** Server paths name the document's fields; the preview prefixes them with `scheme.`. */
export function schemeProblems(error: unknown, m: Messages): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of problemsByPath(error, m))
    out.set(path.replace(/^scheme\.?/, "") || "(root)", message);
  return out;
}

async function loadDocument(id: string, imported: boolean) {
  if (imported) {
    const text = sessionStorage.getItem(IMPORT_KEY);
    if (text) return { title: null, document: JSON.parse(text) as SchemeDocument };
  }
  if (id === "new") {
    const { items } = await call(api.schemes.$get());
    const latest = items[0];
    if (!latest) throw new Error("no scheme to start from");
    return { title: null, document: (await loadScheme(latest.id)).document };
  }
  const loaded = await loadScheme(Number(id));
  return { title: `${loaded.scheme.name} · v${loaded.scheme.version}`, document: loaded.document };
}

/** 考核方案编辑: categories, indicators, rules and their parameters, checked by the server at each field; 试算. */
export default function SchemeEditorPage(props: PageProps) {
  const { m } = useI18n();
  const { query } = useLocation();
  const id = props.params.id ?? "new";
  const state = useAsync(() => loadDocument(id, query.get("import") === "1"), [id]);
  return (
    <section>
      <PageHeader
        title={state.data?.title ?? m.schemes.newTitle}
        actions={
          <Link href="/admin/schemes" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>{(loaded) => <Editor key={id} initial={loaded.document} />}</AsyncView>
    </section>
  );
}

function Editor(props: { initial: SchemeDocument }) {
  const { m } = useI18n();
  const user = useUser();
  const announce = useAnnounce();
  const [doc, setDoc] = useState(props.initial);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const [warnings, setWarnings] = useState<Map<string, string>>(new Map());
  const canSave = user.role === "admin";
  useEffect(() => {
    if (errors.size === 0) return;
    document.querySelector<HTMLElement>('.scheme-editor [aria-invalid="true"]')?.focus();
  }, [errors]);

  const report = (error: unknown) => {
    const problems = schemeProblems(error, m);
    setErrors(problems);
    setFormError(problems.size > 0 ? m.schemes.problems(problems.size) : describeFailure(error, m));
  };

  const validate = async () => {
    setBusy(true);
    setFormError("");
    try {
      const result = await call(api.schemes.preview.$post({ json: { scheme: doc, people: [] } }));
      setErrors(new Map());
      setWarnings(new Map(result.warnings.map((w) => [w.path.replace(/^scheme\.?/, ""), w.message])));
      announce(
        result.warnings.length > 0 ? m.schemes.warningsFound(result.warnings.length) : m.schemes.valid,
      );
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const save = async (acceptWarnings: boolean) => {
    setBusy(true);
    setFormError("");
    try {
      const query = { acceptWarnings: acceptWarnings ? ("true" as const) : ("false" as const) };
      const { scheme } = await call(api.schemes.$post({ json: doc, query }));
      setErrors(new Map());
      setWarnings(new Map());
      announce(m.schemes.saved(scheme.version));
      navigate(`/admin/schemes/${scheme.id}`);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === "SCHEME_WARNINGS") {
        setWarnings(schemeProblems(error, m));
        setFormError(m.schemes.warningsFound(error.details.length));
      } else report(error);
    } finally {
      setBusy(false);
    }
  };

  const exportJson = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `${doc.code}.json` });
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div class="scheme-editor">
      <SchemeForm doc={doc} errors={errors} readOnly={!canSave} onChange={setDoc} />
      <p class="form-error" role="alert">
        {formError}
      </p>
      {warnings.size > 0 ? (
        <section class="card warnings" aria-labelledby="scheme-warnings-title">
          <h2 id="scheme-warnings-title">{m.schemes.warningsTitle}</h2>
          <p class="muted">{m.schemes.warningsExplain}</p>
          <ul>
            {[...warnings].map(([path, message]) => (
              <li key={path}>
                {message} <code class="muted">{path}</code>
              </li>
            ))}
          </ul>
          {canSave ? (
            <button type="button" class="button primary" disabled={busy} onClick={() => save(true)}>
              {m.schemes.confirmSave}
            </button>
          ) : null}
        </section>
      ) : null}
      <div class="sticky-actions no-print">
        {canSave ? null : <span class="muted">{m.schemes.readOnly}</span>}
        <button type="button" class="button secondary" onClick={exportJson}>
          {m.schemes.exportJson}
        </button>
        <button type="button" class="button" disabled={busy} onClick={validate}>
          {m.schemes.validate}
        </button>
        {canSave ? (
          <button type="button" class="button primary" disabled={busy} onClick={() => save(false)}>
            {m.schemes.saveVersion}
          </button>
        ) : null}
      </div>
      <TrialRun doc={doc} onSchemeProblems={report} />
    </div>
  );
}

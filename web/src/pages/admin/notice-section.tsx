import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { chinaToday } from "../../app/dates";
import { Link } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { AsyncView, useAsync } from "../../ui/async";
import { describeFailure, problemsByPath } from "../../ui/errors";
import { TextAreaField, TextField } from "../../ui/field";

type Template = { issuer: string; documentNoPrefix: string; body: string };

/** The placeholders the server fills in (notice-service's list); shown so the body can be edited knowingly. */
const PLACEHOLDERS = ["{周期}", "{乡镇数}", "{第一名}", "{预否决乡镇}", "{预否决处理}", "{县}"];

/** The query naming a 通报's 文号 and date, shared by the preview, the print page and the .docx. */
export function noticeQuery(documentNo: string, date: string): Record<string, string> {
  return { ...(documentNo.trim() ? { documentNo: documentNo.trim() } : {}), ...(date ? { date } : {}) };
}

/**
 * 通报: the county's template (issuing body, 文号 prefix, body with placeholders) and this circular's 文号 and
 * date; generating saves the template, then shows the circular with its .docx and its A4 print page.
 */
export function NoticeSection(props: { periodId: string }) {
  const { m } = useI18n();
  const template = useAsync(() => call(api["notice-template"].$get()), []);
  return (
    <section class="card" aria-labelledby="notice-title">
      <h2 id="notice-title">{m.outcome.noticeTitle}</h2>
      <AsyncView state={template}>
        {(loaded) => <NoticeForm periodId={props.periodId} template={loaded} />}
      </AsyncView>
    </section>
  );
}

function NoticeForm(props: { periodId: string; template: Template }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [template, setTemplate] = useState<Template>(props.template);
  const [saved, setSaved] = useState<Template>(props.template);
  const [documentNo, setDocumentNo] = useState("");
  const [date, setDate] = useState(chinaToday());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ title: string; documentNo: string; query: string } | null>(null);
  const set = (patch: Partial<Template>) => {
    setTemplate({ ...template, ...patch });
    setNotice(null);
  };

  const generate = async (event: Event) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!template.issuer.trim()) found.set("issuer", m.outcome.required);
    if (!template.documentNoPrefix.trim()) found.set("documentNoPrefix", m.outcome.required);
    if (!template.body.trim()) found.set("body", m.outcome.required);
    setErrors(found);
    setFormError("");
    if (found.size > 0) return;
    setBusy(true);
    try {
      const changed =
        template.issuer !== saved.issuer ||
        template.documentNoPrefix !== saved.documentNoPrefix ||
        template.body !== saved.body;
      if (changed) {
        const stored = await call(api["notice-template"].$put({ json: template }));
        setSaved(stored);
      }
      const query = noticeQuery(documentNo, date);
      const built = await call(api.periods[":id"].notice.$get({ param: { id: props.periodId }, query }));
      setNotice({
        title: built.title,
        documentNo: built.documentNo,
        query: new URLSearchParams(query).toString(),
      });
      announce(m.outcome.noticeReady);
    } catch (error) {
      setErrors(problemsByPath(error, m));
      setFormError(describeFailure(error, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="outcome-form" onSubmit={generate} noValidate>
      <div class="form-row">
        <TextField
          label={m.outcome.issuer}
          value={template.issuer}
          onValue={(value) => set({ issuer: value })}
          maxLength={100}
          error={errors.get("issuer")}
        />
        <TextField
          label={m.outcome.documentNoPrefix}
          value={template.documentNoPrefix}
          onValue={(value) => set({ documentNoPrefix: value })}
          maxLength={50}
          error={errors.get("documentNoPrefix")}
        />
      </div>
      <div class="form-row">
        <TextField
          label={m.outcome.noticeDocumentNo}
          value={documentNo}
          onValue={(value) => {
            setDocumentNo(value);
            setNotice(null);
          }}
          maxLength={100}
          hint={m.outcome.documentNoHint(template.documentNoPrefix)}
          error={errors.get("documentNo")}
        />
        <TextField
          label={m.outcome.noticeDate}
          type="date"
          value={date}
          onValue={(value) => {
            setDate(value);
            setNotice(null);
          }}
          error={errors.get("date")}
        />
      </div>
      <TextAreaField
        label={m.outcome.body}
        value={template.body}
        onValue={(value) => set({ body: value })}
        rows={8}
        maxLength={20_000}
        hint={m.outcome.bodyHint(PLACEHOLDERS.join(" "))}
        error={errors.get("body")}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {m.outcome.generate}
      </button>
      {notice ? (
        <div class="notice-ready" role="status">
          <p>
            <strong>《{notice.title}》</strong> <span class="muted">{notice.documentNo}</span>
          </p>
          <p>
            <Link href={`/admin/periods/${props.periodId}/notice?${notice.query}`} class="button secondary">
              {m.outcome.printPage}
            </Link>{" "}
            <a
              class="button secondary"
              href={`/api/v1/periods/${props.periodId}/notice.docx?${notice.query}`}
              download
            >
              {m.documents.word}
            </a>
          </p>
        </div>
      ) : null}
    </form>
  );
}

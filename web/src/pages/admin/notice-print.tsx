import { api, call } from "../../api/client";
import { Link, useLocation } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { noticeQuery } from "./notice-section";

/**
 * 通报 on A4: 文号, the centred title, the body, the attachment line, the issuing body and date with room for
 * the seal, then the attached ranking of all townships (its header row repeated on every page). Page numbers
 * (— 1 —) come from the print stylesheet.
 */
export default function NoticePrintPage(props: PageProps) {
  const { m } = useI18n();
  const id = props.params.id ?? "";
  const { query: search } = useLocation();
  const query = noticeQuery(search.get("documentNo") ?? "", search.get("date") ?? "");
  const key = new URLSearchParams(query).toString();
  const state = useAsync(() => call(api.periods[":id"].notice.$get({ param: { id }, query })), [id, key]);
  return (
    <section class="notice-page">
      <PageHeader
        title={state.data ? state.data.title : m.outcome.noticeTitle}
        actions={
          <>
            <Link href={`/admin/periods/${id}/outcome`} class="button secondary">
              {m.common.back}
            </Link>{" "}
            <a class="button secondary" href={`/api/v1/periods/${id}/notice.docx?${key}`} download>
              {m.documents.word}
            </a>{" "}
            <button type="button" class="button primary" onClick={() => window.print()}>
              {m.common.print}
            </button>
          </>
        }
      />
      <AsyncView state={state}>
        {(notice) => (
          <article class="notice-document" aria-label={notice.title}>
            <p class="notice-no">{notice.documentNo}</p>
            <h2 class="notice-title">{notice.title}</h2>
            {notice.paragraphs.map((paragraph) => (
              <p class="notice-body" key={paragraph}>
                {paragraph}
              </p>
            ))}
            <p class="notice-attachment-line">
              {m.outcome.attachment}：{notice.attachmentTitle}
            </p>
            <div class="notice-sign">
              <p>{notice.issuer}</p>
              <p>{notice.date}</p>
              <p class="notice-seal" aria-hidden="true">
                {m.outcome.seal}
              </p>
            </div>
            <section class="notice-annex" aria-labelledby="notice-annex-title">
              <p class="notice-annex-label">{m.outcome.attachment}</p>
              <h3 class="notice-annex-title" id="notice-annex-title">
                {notice.attachmentTitle}
              </h3>
              <table class="notice-table">
                <thead>
                  <tr>
                    {notice.columns.map((column) => (
                      <th scope="col" key={column.header}>
                        {column.header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {notice.rows.map((row) => (
                    <tr key={String(row[1])}>
                      {row.map((cell, i) => (
                        <td key={notice.columns[i]?.header ?? i}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </article>
        )}
      </AsyncView>
    </section>
  );
}

import type { Evidence } from "../api/types";
import { useI18n } from "../i18n/i18n";

const IMAGES = new Set(["image/png", "image/jpeg"]);

/** Whether the browser can show this file inside the page (an image, or a PDF in a sandboxed frame). */
export function isPreviewable(file: Evidence): boolean {
  return IMAGES.has(file.contentType) || file.contentType === "application/pdf";
}

/** The first file of these items that can be shown inline, to open a sheet with something to look at. */
export function firstPreviewable(items: readonly { evidence: readonly Evidence[] }[]): Evidence | null {
  for (const item of items) for (const file of item.evidence) if (isPreviewable(file)) return file;
  return null;
}

/**
 * One evidence file shown beside the values: an image inline, a PDF in a frame whose document is sandboxed
 * by its own CSP (`sandbox`, the server's `?preview=1` answer). Not by the frame's `sandbox` attribute:
 * Chromium refuses to run its PDF viewer in a frame sandboxed that way and shows a broken-page icon, while
 * the response's CSP sandbox keeps the viewer. Any other type is offered as a download.
 */
export function EvidencePreview(props: { file: Evidence | null; label?: string }) {
  const { m } = useI18n();
  const file = props.file;
  if (!file) return null;
  const url = `/api/v1/evidence/${file.id}?preview=1`;
  const title = m.township.previewOf(file.fileName);
  return (
    <figure class="evidence-preview" aria-label={title}>
      <figcaption>
        {props.label ? <strong>{props.label} </strong> : null}
        <a href={`/api/v1/evidence/${file.id}`} download={file.fileName}>
          {file.fileName}
        </a>{" "}
        {isPreviewable(file) ? (
          <a href={url} target="_blank" rel="noopener">
            {m.township.openFile}
          </a>
        ) : null}
      </figcaption>
      {IMAGES.has(file.contentType) ? (
        <img src={url} alt={title} />
      ) : file.contentType === "application/pdf" ? (
        <iframe src={url} title={title} referrerpolicy="no-referrer" />
      ) : (
        <p class="muted">{m.township.noPreview}</p>
      )}
    </figure>
  );
}

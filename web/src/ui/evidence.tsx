import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { Evidence } from "../api/types";
import { uploadEvidence } from "../api/upload";
import { useI18n } from "../i18n/i18n";
import { useAnnounce } from "./announcer";
import { describeFailure } from "./errors";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.xlsx,.docx";

/** The files attached to an item: download links for everyone who may read the sheet. */
export function EvidenceList(props: {
  files: readonly Evidence[];
  onDelete?: ((file: Evidence) => void) | undefined;
  busyId?: number | undefined;
  /** Shows a file beside the values (review and scoring pages); the shown one is marked. */
  onPreview?: ((file: Evidence) => void) | undefined;
  previewId?: number | undefined;
}) {
  const { m, fmt } = useI18n();
  if (props.files.length === 0) return <p class="muted">{m.evidence.none}</p>;
  return (
    <ul class="evidence-list">
      {props.files.map((file) => (
        <li key={file.id}>
          <a href={`/api/v1/evidence/${file.id}`} download={file.fileName}>
            {file.fileName}
          </a>
          <span class="muted">{fmt.bytes(file.sizeBytes)}</span>
          {props.onPreview ? (
            <button
              type="button"
              class="button small secondary"
              aria-pressed={props.previewId === file.id}
              aria-label={m.evidence.previewNamed(file.fileName)}
              onClick={() => props.onPreview?.(file)}
            >
              {m.evidence.preview}
            </button>
          ) : null}
          {props.onDelete ? (
            <button
              type="button"
              class="button small danger"
              disabled={props.busyId === file.id}
              onClick={() => props.onDelete?.(file)}
              aria-label={m.evidence.deleteNamed(file.fileName)}
            >
              {m.common.delete}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Evidence with upload (progress shown) and removal, for the staff member's own draft sheet. */
export function EvidenceEditor(props: {
  sheetId: number;
  code: string;
  name: string;
  files: readonly Evidence[];
  required: boolean;
  error?: string | undefined;
  onChanged: () => void;
}) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const [deleting, setDeleting] = useState<number | undefined>(undefined);
  const inputId = `evidence-${props.code}`;
  const errorId = `${inputId}-error`;
  const shownError = error || props.error || "";

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError("");
    if (file.size > MAX_BYTES) {
      setError(m.evidence.tooLarge);
      input.value = "";
      return;
    }
    setProgress(0);
    try {
      await uploadEvidence(props.sheetId, props.code, file, setProgress);
      announce(m.evidence.uploaded(file.name));
      props.onChanged();
    } catch (failure) {
      setError(describeFailure(failure, m));
    } finally {
      setProgress(null);
      input.value = "";
    }
  };

  const remove = async (file: Evidence) => {
    setDeleting(file.id);
    try {
      await call(api.evidence[":id"].$delete({ param: { id: String(file.id) } }));
      announce(m.evidence.deleted(file.fileName));
      props.onChanged();
    } catch (failure) {
      setError(describeFailure(failure, m));
    } finally {
      setDeleting(undefined);
    }
  };

  return (
    <div class="evidence">
      <p class="evidence-title">
        <strong>{m.evidence.title}</strong>
        {props.required ? <span class="badge amber">{m.evidence.required}</span> : null}
      </p>
      <EvidenceList files={props.files} onDelete={remove} busyId={deleting} />
      <label class="button small secondary file-button" for={inputId}>
        {m.evidence.upload}
      </label>
      <input
        id={inputId}
        class="visually-hidden"
        type="file"
        accept={ACCEPT}
        aria-label={m.evidence.uploadFor(props.name)}
        aria-describedby={`${errorId} ${inputId}-hint`}
        disabled={progress !== null}
        onChange={(event) => void upload(event.currentTarget)}
      />
      <span class="muted small-hint" id={`${inputId}-hint`}>
        {m.evidence.hint}
      </span>
      {progress !== null ? (
        <div class="progress" role="status">
          <progress max={1} value={progress} aria-label={m.evidence.uploading} />
          <span>{fmt.percent(progress, 0)}</span>
        </div>
      ) : null}
      <p class="field-error" id={errorId} aria-live="polite">
        {shownError}
      </p>
    </div>
  );
}

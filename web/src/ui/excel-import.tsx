import { useState } from "preact/hooks";
import { ApiFailure, api, call } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { useAnnounce } from "./announcer";
import { describeFailure, describeProblem } from "./errors";
import { TextField } from "./field";

type Kind = "targets" | "progress" | "people";

interface Outcome {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const POLL_MS = 700;

/**
 * Imports an .xlsx file (checked whole before anything is written). Large files run as a server job: its
 * progress is polled and shown; problems are listed by sheet row and column as the server names them.
 */
export function ExcelImport(props: { kind: Kind; periodId: number; onImported: () => void }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [reason, setReason] = useState("");
  const [progress, setProgress] = useState<{ processed: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState("");
  const inputId = `excel-import-${props.kind}`;

  const finish = (result: Outcome) => {
    setProgress(null);
    announce(m.excel.imported(result.rows, result.inserted + result.updated));
    props.onImported();
  };

  const poll = async (jobId: string) => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const job = await call(api.excel.imports[":jobId"].$get({ param: { jobId } }));
      setProgress({ processed: job.processed, total: job.total });
      if (job.status === "succeeded" && job.result) return finish(job.result);
      if (job.status === "failed")
        throw new ApiFailure(400, job.error?.code ?? "IMPORT_FAILED", job.error?.message ?? "");
    }
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    setError("");
    setProblems([]);
    setProgress({ processed: 0, total: 0 });
    try {
      const answer = await call(
        api.excel.imports[":kind"].$post({
          param: { kind: props.kind },
          query: { periodId: String(props.periodId) },
          form: { file, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      );
      if (answer.status === "running") await poll(answer.jobId);
      else finish(answer.result);
    } catch (failure) {
      setProgress(null);
      setError(describeFailure(failure, m));
      if (failure instanceof ApiFailure)
        setProblems(failure.details.slice(0, 50).map((p) => `${p.path}: ${describeProblem(p, m)}`));
    }
  };

  return (
    <section class="card excel-import" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{m.excel.importTitle}</h2>
      <p class="muted">{m.excel.importHint}</p>
      <div class="inline-form">
        <a
          class="button secondary"
          href={`/api/v1/excel/templates/${props.kind}?periodId=${props.periodId}`}
          download
        >
          {m.excel.template}
        </a>
        <TextField label={m.excel.reason} value={reason} onValue={setReason} />
        <label class="button" for={inputId}>
          {m.excel.chooseFile}
        </label>
        <input
          id={inputId}
          class="visually-hidden"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${inputId}-error`}
          disabled={progress !== null}
          onChange={(event) => void upload(event.currentTarget)}
        />
      </div>
      {progress ? (
        <div class="progress" role="status">
          <progress
            max={progress.total || 1}
            value={progress.total ? progress.processed : undefined}
            aria-label={m.excel.importing}
          />
          <span>{progress.total ? `${progress.processed} / ${progress.total}` : m.excel.importing}</span>
        </div>
      ) : null}
      <div id={`${inputId}-error`} role="alert">
        {error ? <p class="form-error">{error}</p> : null}
        {problems.length > 0 ? (
          <ul class="problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

/** Download links for a period's exports (.xlsx). */
export function ExportLinks(props: {
  periodId: number;
  datasets: readonly ("townships" | "people" | "scores" | "targets" | "progress")[];
}) {
  const { m } = useI18n();
  return (
    <>
      {props.datasets.map((dataset) => (
        <a
          key={dataset}
          class="button secondary"
          href={`/api/v1/excel/exports/periods/${props.periodId}/${dataset}?format=xlsx`}
          download
        >
          {m.excel.exports[dataset]}
        </a>
      ))}
    </>
  );
}

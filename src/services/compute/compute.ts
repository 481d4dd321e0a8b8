import type { Issue } from "../../domain/scheme";
import type { Cell } from "../excel/cells";
import { readUpload, type UploadReading } from "../excel/read-upload";
import { type ImportKind, TEMPLATES } from "../excel/templates";
import { type PreviewPerson, previewScheme } from "../scoring/preview-service";

// Work that one request may make long even within its bounds: loading a 20,000-row workbook (exceljs,
// ~1 s) and a 试算 of 200,000 people × indicators in exact decimals (several seconds). On the event loop
// either would stop every other request of the county, /health included. On Node it runs in a worker
// thread (compute-thread.ts); on Workers, where each request has its own isolate time, inline.

/** A 试算's outcome: the issues, or the answer already serialized (where it was computed). */
export type PreviewOutcome = { ok: false; issues: Issue[] } | { ok: true; json: string };

/** The long computations of a request, wherever they run. */
export interface Compute {
  /** Opens an uploaded workbook and reads the template's sheet (its bounds already checked). */
  readUpload(data: ArrayBuffer, kind: ImportKind): Promise<UploadReading>;
  /** 试算 of a scheme over people's values (the people's shape already checked). */
  preview(scheme: unknown, people: readonly PreviewPerson[]): Promise<PreviewOutcome>;
}

/** A job sent to the compute thread: the name of a Compute method and its arguments. */
export type ComputeJob =
  | { task: "readUpload"; args: Parameters<Compute["readUpload"]> }
  | { task: "preview"; args: Parameters<Compute["preview"]> };

function runPreview(...[scheme, people]: Parameters<Compute["preview"]>): PreviewOutcome {
  const outcome = previewScheme(scheme, people);
  return outcome.ok ? { ok: true, json: JSON.stringify(outcome.result) } : outcome;
}

// A workbook's rows cross the thread boundary as one compact JSON text (a cell is a plain value):
// the main thread parses that several times faster than it would deserialize 20,000 rows of cell objects.
type WireCell = null | number | string | boolean | { d: string } | { e: string };
type WireReading = Omit<Extract<UploadReading, { ok: true }>, "rows"> & {
  rows: [number, string[], WireCell[]][];
};

function toWire(cell: Cell): WireCell {
  if (cell.kind === "empty") return null;
  if (cell.kind === "date") return { d: cell.value.toISOString() };
  if (cell.kind === "error") return { e: cell.value };
  return cell.value;
}

function fromWire(cell: WireCell): Cell {
  if (cell === null) return { kind: "empty" };
  if (typeof cell === "number") return { kind: "number", value: cell };
  if (typeof cell === "string") return { kind: "text", value: cell };
  if (typeof cell === "boolean") return { kind: "boolean", value: cell };
  return "d" in cell ? { kind: "date", value: new Date(cell.d) } : { kind: "error", value: cell.e };
}

/** Encodes a reading for the trip to the main thread. */
export function encodeReading(reading: UploadReading): string {
  if (!reading.ok) return JSON.stringify(reading);
  const rows = reading.rows.map((row) => {
    const keys = Object.keys(row.cells);
    return [row.row, keys, keys.map((key) => toWire(row.cells[key] ?? { kind: "empty" }))];
  });
  return JSON.stringify({ ...reading, rows });
}

/** Decodes what encodeReading made. */
export function decodeReading(text: string): UploadReading {
  const wire = JSON.parse(text) as UploadReading | WireReading;
  if (!wire.ok) return wire;
  const rows = (wire as WireReading).rows.map(([row, keys, cells]) => ({
    row,
    cells: Object.fromEntries(keys.map((key, i) => [key, fromWire(cells[i] ?? null)])),
  }));
  return { ...wire, rows };
}

/** Runs one job on the calling thread, in the form the compute thread sends back. */
export async function runJob(job: ComputeJob): Promise<string | PreviewOutcome> {
  if (job.task === "readUpload") return encodeReading(await readUpload(job.args[0], TEMPLATES[job.args[1]]));
  return runPreview(...job.args);
}

/** Computes on the calling thread. */
export const inlineCompute: Compute = {
  readUpload: (data, kind) => readUpload(data, TEMPLATES[kind]),
  preview: async (scheme, people) => runPreview(scheme, people),
};

// Structured logging for the Node server and the Worker. One line per event: JSON (`LOG_FORMAT=json`, for
// journald and log shippers) or `[kaohe] message key=value` (pretty, for a terminal). `LOG_LEVEL` drops the
// lines below it. The process configures it once at start (configureLog); until then it logs pretty at info.

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogFields = Record<string, unknown>;

interface LogSettings {
  format: LogFormat;
  level: LogLevel;
  /** Where a finished line goes; stdout for info and below, stderr for warn and error. */
  write: (line: string, level: LogLevel) => void;
}

const defaultWrite = (line: string, level: LogLevel) =>
  level === "warn" || level === "error" ? console.error(line) : console.log(line);

let settings: LogSettings = { format: "pretty", level: "info", write: defaultWrite };

/** Sets the format, level and (tests) the writer for every later line. */
export function configureLog(next: Partial<LogSettings>): void {
  settings = { ...settings, ...next };
}

/** An Error as plain fields (its stack included): JSON.stringify would otherwise print `{}`. */
function plain(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const cause = (value as { cause?: unknown }).cause;
  return {
    name: value.name,
    message: value.message,
    stack: value.stack,
    ...(cause ? { cause: plain(cause) } : {}),
  };
}

function pretty(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  const simple = plain(value);
  if (simple && typeof simple === "object" && "stack" in simple) return `\n${String(simple.stack)}`;
  return JSON.stringify(simple);
}

function emit(level: LogLevel, message: string, fields: LogFields = {}): void {
  if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(settings.level)) return;
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  const line =
    settings.format === "json"
      ? JSON.stringify({
          time: new Date().toISOString(),
          level,
          msg: message,
          ...Object.fromEntries(entries.map(([key, value]) => [key, plain(value)])),
        })
      : [`[kaohe] ${message}`, ...entries.map(([key, value]) => `${key}=${pretty(value)}`)].join(" ");
  settings.write(line, level);
}

export const log = {
  debug: (message: string, fields?: LogFields) => emit("debug", message, fields),
  info: (message: string, fields?: LogFields) => emit("info", message, fields),
  warn: (message: string, fields?: LogFields) => emit("warn", message, fields),
  error: (message: string, fields?: LogFields) => emit("error", message, fields),
};

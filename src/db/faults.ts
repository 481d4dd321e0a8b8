// Faults of the database or of the way to it, not of the request: the transaction did not commit (PostgreSQL
// rolls back whatever it had written), and the same request may well succeed a moment later. Classified here,
// beside the driver, so that the commit tracking and the HTTP error handler read one list.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/; // connection exception, insufficient resources, shutdown
const BUSY_SQLSTATES = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available (lock_timeout)
  "57014", // query_canceled (statement_timeout)
]);
const UNAVAILABLE_DRIVER_CODES = new Set([
  "CONNECTION_CLOSED", // postgres.js: the server closed the connection (pg_terminate_backend, restart)
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);

/** The retryable database fault behind an error (drizzle wraps the driver's error in `cause`), if any. */
export function databaseFaultOf(
  error: unknown,
): { code: "DATABASE_UNAVAILABLE" | "DATABASE_BUSY"; cause: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (BUSY_SQLSTATES.has(code)) return { code: "DATABASE_BUSY", cause: code };
      if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_DRIVER_CODES.has(code))
        return { code: "DATABASE_UNAVAILABLE", cause: code };
    }
    current = current.cause;
  }
  return undefined;
}

/** A unique-key violation (SQLSTATE 23505) from the database, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause as { code?: unknown } | undefined)?.code === "23505";
}

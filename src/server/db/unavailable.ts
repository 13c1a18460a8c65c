// Errors that mean "the database cannot be reached right now" rather than "this query is
// wrong": a lost or refused connection, PostgreSQL shutting down or starting up, SQLite busy.
// The HTTP layer answers them with a clear, retryable 503 instead of a generic server error.

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "SQLITE_BUSY"]);
/** SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now. Class 08 is checked below. */
const SHUTDOWN_STATES = new Set(["57P01", "57P02", "57P03"]);
const LOST_CONNECTION = /Connection terminated|connection error and is not queryable|terminating connection|timeout exceeded when trying to connect|Client was closed/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SHUTDOWN_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === "string" && LOST_CONNECTION.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

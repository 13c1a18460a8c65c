// Odoo's exceptions, as the JSON-RPC layer serializes them (`error.data.name`). Throw these
// from models and routes; anything else becomes a generic server error without details.
import { ODOO_ERRORS } from "../../protocol/odoo.ts";
import { DATABASE_UNAVAILABLE } from "../../protocol/bridge.ts";

export class OdooError extends Error {
  /** JSON-RPC error code: 200 for Odoo's exceptions, 100 session expired, 404 not found. */
  readonly code: number;
  /** `error.data.name`, e.g. "odoo.exceptions.ValidationError". */
  readonly exceptionName: string;
  /** `error.message` of the envelope. */
  readonly envelopeMessage: string;
  /** HTTP status (Odoo answers 200 for route errors). */
  status = 200;

  constructor(exceptionName: string, message: string, code = 200, envelopeMessage = "Odoo Server Error") {
    super(message);
    this.name = "OdooError";
    this.exceptionName = exceptionName;
    this.code = code;
    this.envelopeMessage = envelopeMessage;
  }
}

export const validationError = (message: string) => new OdooError(ODOO_ERRORS.validation, message);
export const userError = (message: string) => new OdooError(ODOO_ERRORS.user, message);
export const accessError = (message: string) => new OdooError(ODOO_ERRORS.access, message);
export const missingError = (message: string) => new OdooError(ODOO_ERRORS.missing, message);
export const accessDenied = () => new OdooError(ODOO_ERRORS.accessDenied, "Access Denied");
/** Python's ValueError, as Odoo raises it for an invalid field name. */
export const valueError = (message: string) => new OdooError("builtins.ValueError", message);
/** Python's AttributeError, as Odoo raises it for an unknown method. */
export const attributeError = (message: string) => new OdooError("builtins.AttributeError", message);
/** Python's TypeError: wrong arguments to a method. */
export const typeError = (message: string) => new OdooError("builtins.TypeError", message);

export const sessionExpired = () => new OdooError(ODOO_ERRORS.sessionExpired, "Session expired", 100, "Odoo Session Expired");

/** Odoo 18 answers an unknown model with werkzeug's NotFound (code 404 inside HTTP 200). */
export const notFound = () =>
  new OdooError(
    ODOO_ERRORS.notFound,
    "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
    404,
    "404: Not Found",
  );

/** A field restricted to groups the caller is in none of (Odoo's text). */
export function fieldAccessError(modelDescription: string, model: string, fieldNames: string[], operation: "read" | "write"): OdooError {
  return accessError(
    `You do not have enough rights to access the fields "${fieldNames.join(",")}" on ${modelDescription} (${model}). Please contact your system administrator.\n\n(Operation: ${operation})`,
  );
}

export function missingRecord(model: string, ids: number[], uid: number): OdooError {
  return missingError(
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(", ")}${ids.length === 1 ? "," : ""}), User: ${uid})`,
  );
}

/** The database cannot be reached right now: HTTP 503, retry later. */
export function databaseUnavailable(): OdooError {
  const error = new OdooError(DATABASE_UNAVAILABLE.name, DATABASE_UNAVAILABLE.message);
  error.status = DATABASE_UNAVAILABLE.status;
  return error;
}

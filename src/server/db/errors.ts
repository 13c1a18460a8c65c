// Constraint violations raised by either database, recognized so they can be answered as
// Odoo does (a ValidationError for a person) instead of an internal error.
export type ConstraintKind = "unique" | "not_null" | "foreign_key" | "check" | "invalid_value";

export function constraintKind(error: unknown): ConstraintKind | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  // PostgreSQL SQLSTATE codes
  if (code === "23505") return "unique";
  if (code === "23502") return "not_null";
  if (code === "23503") return "foreign_key";
  if (code === "23514") return "check";
  // Class 22, data exception: a value of the wrong type in a query (e.g. text compared to an integer).
  if (/^22[0-9A-Z]{3}$/.test(code)) return "invalid_value";
  // better-sqlite3 extended result codes
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "unique";
  if (code === "SQLITE_CONSTRAINT_NOTNULL") return "not_null";
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "foreign_key";
  if (code === "SQLITE_CONSTRAINT_CHECK") return "check";
  return null;
}

const MESSAGES: Record<ConstraintKind, string> = {
  unique: "The operation cannot be completed: another record already has this value (a unique constraint).",
  not_null:
    "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.",
  foreign_key: "The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.",
  check: "The operation cannot be completed: a constraint of the database is not met.",
  invalid_value: "A value of the wrong type was given (for example text where a number is expected).",
};

export function constraintMessage(kind: ConstraintKind): string {
  return MESSAGES[kind];
}

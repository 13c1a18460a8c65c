// Conversions between RPC values, column values and `read` values, per field type, with
// Odoo's checks and messages for wrong values.
import type { FieldDef } from "./fields.ts";
import type { ModelDefinition } from "./model.ts";
import { typeError, valueError } from "./errors.ts";
import type { DialectHelpers } from "../db/dialect.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** Odoo's datetime string "YYYY-MM-DD HH:MM:SS" (UTC) for a Date. */
export function toOdooDatetime(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

export const nowDatetime = () => toOdooDatetime(new Date());

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)?$/;

/** Python's repr of a JSON value, as Odoo's messages show values. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
  return String(value);
}

/** Python's type name of a JSON value. */
function pythonType(value: unknown): string {
  if (Array.isArray(value)) return "list";
  if (value === null) return "NoneType";
  return { number: Number.isInteger(value) ? "int" : "float", boolean: "bool", string: "str", object: "dict" }[typeof value as "number"] ?? typeof value;
}

function wrong(model: ModelDefinition, field: FieldDef, value: unknown): never {
  throw valueError(`Wrong value for ${model.name}.${field.name}: ${pythonRepr(value)}`);
}

/** RPC value → column value (null for False/None). Throws Odoo's ValueError on a wrong type. */
export function toColumn(model: ModelDefinition, field: FieldDef, value: unknown, helpers: DialectHelpers): unknown {
  if (field.type === "boolean") return helpers.toBoolean(Boolean(value));
  if (value === false || value === null || value === undefined) return null;
  switch (field.type) {
    case "char":
    case "text":
    case "html":
      if (typeof value === "string") return value;
      throw typeError(`expected string or bytes-like object, got ${pythonType(value)} (${model.name}.${field.name})`);
    case "binary":
    case "image":
      if (typeof value === "string") return value;
      return wrong(model, field, value);
    case "integer":
      // Python's int(): floats are truncated.
      if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
      if (value === true) return 1;
      return wrong(model, field, value);
    case "float":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      return wrong(model, field, value);
    case "selection":
      if (typeof value === "string" && field.selection!.some(([key]) => key === value)) return value;
      return wrong(model, field, value);
    case "date":
      if (typeof value === "string" && DATE_RE.test(value)) return value;
      if (typeof value === "string" && DATETIME_RE.test(value)) return value.slice(0, 10);
      return wrong(model, field, value);
    case "datetime": {
      if (typeof value === "string") {
        const match = DATETIME_RE.exec(value);
        if (match) return `${match[1]} ${match[2]}`;
        if (DATE_RE.test(value)) return `${value} 00:00:00`;
      }
      return wrong(model, field, value);
    }
    case "many2one": {
      if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
      if (typeof value === "object") throw typeError(`unhashable type: '${pythonType(value)}' (${model.name}.${field.name})`);
      return wrong(model, field, value);
    }
    default:
      return wrong(model, field, value);
  }
}

/** Column value → what `read` returns (many2one is completed with its display name later). */
export function fromColumn(field: FieldDef, value: unknown): unknown {
  switch (field.type) {
    case "boolean":
      return value === true || value === 1 || value === "1";
    case "integer":
      return value === null || value === undefined ? 0 : Number(value);
    case "float":
      return value === null || value === undefined ? 0 : Number(value);
    default:
      return value === null || value === undefined ? false : value;
  }
}

/** The id of a many2one value as read ([id, name] or false). */
export const idOf = (value: unknown): number | null => (Array.isArray(value) ? (value[0] as number) : null);

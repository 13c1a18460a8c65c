// Field declarations: what a model is made of. One declaration drives the SQL schema, read,
// write, search, defaults and fields_get.
import type { Env } from "./env.ts";

export type FieldType =
  | "char"
  | "text"
  | "html"
  | "integer"
  | "float"
  | "boolean"
  | "date"
  | "datetime"
  | "selection"
  | "many2one"
  | "one2many"
  | "many2many"
  | "binary"
  | "image";

export type OnDelete = "cascade" | "set null" | "restrict";
export type Defaultable = unknown | ((env: Env) => unknown);

export interface FieldOptions {
  /** Label (Odoo's `string`); derived from the name when absent. */
  string?: string;
  help?: string;
  required?: boolean;
  readonly?: boolean;
  /** A value, or a function of the env called at create time. */
  default?: Defaultable;
  /** Copied by `copy` (default: true, except one2many and readonly/computed fields). */
  copy?: boolean;
  /** Not stored when false (computed or related fields). Default true unless `compute`. */
  store?: boolean;
  /** Non-stored computed value, batch: returns the value per id. */
  compute?: (env: Env, ids: number[]) => Promise<Map<number, unknown>>;
  /** Path to another field ("operator_partner_id.image_1920"): read, searched and written through. */
  related?: string;
  /** Can be used in domains (stored and related fields are). */
  searchable?: boolean;
  /**
   * Reported as Odoo's `translate` by fields_get (Odoo keeps one value per language; here one
   * value, the one written, serves every language).
   */
  translate?: boolean;
  /** SQL index on the column (many2ones have one unless this is false). */
  index?: boolean;
  /**
   * Odoo's field `groups`: comma-separated group xmlids. Over RPC, a caller in none of them
   * does not get the field with "all fields", and naming it to read, search or write is refused.
   */
  groups?: string;
}

export interface FieldDef extends FieldOptions {
  type: FieldType;
  /** Set by defineModel: the field's own name. */
  name: string;
  /** selection: [value, label] pairs. */
  selection?: readonly (readonly [string, string])[];
  /** relational: the comodel name. */
  relation?: string;
  /** one2many: the many2one field on the comodel. */
  inverse?: string;
  /** many2one: what deleting the target does. Default "set null". */
  ondelete?: OnDelete;
  /** many2many: relation table and its two columns (derived when absent, as Odoo does). */
  relationTable?: string;
  column1?: string;
  column2?: string;
}

/** A declaration before defineModel gives it its name. */
export type FieldSpec = Omit<FieldDef, "name">;

const simple =
  (type: FieldType) =>
  (options: FieldOptions = {}): FieldSpec => ({ type, ...options });

export const fields = {
  char: simple("char"),
  text: simple("text"),
  html: simple("html"),
  integer: simple("integer"),
  float: simple("float"),
  boolean: simple("boolean"),
  date: simple("date"),
  datetime: simple("datetime"),
  binary: simple("binary"),
  image: simple("image"),
  selection: (selection: readonly (readonly [string, string])[], options: FieldOptions = {}): FieldSpec => ({ type: "selection", selection, ...options }),
  many2one: (relation: string, options: FieldOptions & { ondelete?: OnDelete } = {}): FieldSpec => ({ type: "many2one", relation, ...options }),
  one2many: (relation: string, inverse: string, options: FieldOptions = {}): FieldSpec => ({ type: "one2many", relation, inverse, ...options }),
  many2many: (relation: string, options: FieldOptions & { relationTable?: string; column1?: string; column2?: string } = {}): FieldSpec => ({
    type: "many2many",
    relation,
    ...options,
  }),
};

export const isRelational = (field: FieldDef): boolean => field.type === "many2one" || field.type === "one2many" || field.type === "many2many";
export const isX2many = (field: FieldDef): boolean => field.type === "one2many" || field.type === "many2many";

/** Has a column in the model's table. */
export function isColumn(field: FieldDef): boolean {
  return field.store !== false && !field.compute && !field.related && field.type !== "one2many" && field.type !== "many2many";
}

/** Stored: has a column or a relation table. */
export function isStored(field: FieldDef): boolean {
  return field.store !== false && !field.compute && !field.related && field.type !== "one2many";
}

/** Odoo's default label: "partner_id" → "Partner", "script_step_ids" → "Script Step". */
export function defaultLabel(name: string): string {
  let base = name;
  if (base.endsWith("_ids")) base = base.slice(0, -4);
  else if (base.endsWith("_id")) base = base.slice(0, -3);
  return base
    .split("_")
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}

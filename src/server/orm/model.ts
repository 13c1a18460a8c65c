// A model is a declaration: its Odoo name, its fields and, where Odoo overrides create, write,
// unlink or copy, a hook that wraps the generic operation (call `next` like `super()`).
import { defaultLabel, type FieldDef, type FieldSpec } from "./fields.ts";
import type { RawBuilder, SqlBool } from "kysely";
import type { Env } from "./env.ts";
import type { Domain } from "./domain.ts";

export type Values = Record<string, unknown>;

export interface ModelHooks {
  create?(env: Env, valsList: Values[], next: (valsList: Values[]) => Promise<number[]>): Promise<number[]>;
  write?(env: Env, ids: number[], vals: Values, next: (ids: number[], vals: Values) => Promise<void>): Promise<void>;
  unlink?(env: Env, ids: number[], next: (ids: number[]) => Promise<void>): Promise<void>;
  copy?(env: Env, id: number, defaults: Values, next: (id: number, defaults: Values) => Promise<number>): Promise<number>;
  /** Called after every create, write and unlink of the model (e.g. to invalidate a cache of its records). */
  changed?(env: Env): Promise<void>;
}

/** What an extra public method may need: read or write access on the model. */
export type MethodAccess = Operation;

export interface ModelMethod {
  access: MethodAccess;
  /** Called with call_kw's args and kwargs (ids first for record methods, as Odoo). */
  run(env: Env, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown>;
}

export interface ModelSpec {
  /** Odoo model name, e.g. "chatbot.script". */
  name: string;
  /** Odoo `_description`. */
  description: string;
  /** SQL table; default: the name with dots as underscores. */
  table?: string;
  /** Odoo `_order`, e.g. "sequence, id" or "create_date desc, id desc". Default "id". */
  order?: string;
  /** Odoo `_rec_name`: the field shown as display_name. Default "name" when it exists. */
  recName?: string;
  fields: Record<string, FieldSpec>;
  hooks?: ModelHooks;
  /** display_name for the given ids, when not simply the recName field. */
  displayName?(env: Env, ids: number[]): Promise<Map<number, string>>;
  /** The domain name_search uses for `name` (default: recName ilike name). */
  nameSearchDomain?(env: Env, name: string, operator: string): Domain;
  /** Extra public methods callable through call_kw (Odoo's model actions). */
  methods?: Record<string, ModelMethod>;
  /** SQL unique constraints: lists of column names. */
  unique?: string[][];
  /** SQL indexes over several columns (single columns say `index` on the field). */
  indexes?: string[][];
  /**
   * Access rights over RPC, as Odoo's ir.model.access lines: each line gives a group (xml id)
   * some operations. Administrators (base.group_system) may do everything on every model;
   * a model without lines is reachable by nobody else.
   */
  access?: AccessLine[];
  /**
   * Record rules over RPC, as Odoo's ir.rule for groups: a caller in some rule's group sees the
   * records any of their rules allows (a rule without `where` allows all). Callers in none of
   * the groups, administrators and internal code are not restricted.
   */
  rules?: RecordRule[];
}

export interface RecordRule {
  group: string;
  /** The SQL condition on the row aliased `alias`; absent: every record. */
  where?(env: Env, alias: string): RawBuilder<SqlBool>;
}

export type Operation = "read" | "write" | "create" | "unlink";

export interface AccessLine {
  group: string;
  read?: boolean;
  write?: boolean;
  create?: boolean;
  unlink?: boolean;
}

/** Shorthands for access lines. */
export const readOnly = (group: string): AccessLine => ({ group, read: true });
export const fullAccess = (group: string): AccessLine => ({ group, read: true, write: true, create: true, unlink: true });

export interface ModelDefinition extends Omit<ModelSpec, "fields" | "recName"> {
  table: string;
  order: string;
  recName: string | null;
  fields: Record<string, FieldDef>;
}

/** Magic fields every model has, as Odoo. */
const MAGIC: Record<string, FieldSpec> = {
  id: { type: "integer", string: "ID", readonly: true },
  create_date: { type: "datetime", string: "Created on", readonly: true, copy: false },
  create_uid: { type: "many2one", relation: "res.users", string: "Created by", readonly: true, copy: false },
  write_date: { type: "datetime", string: "Last Updated on", readonly: true, copy: false },
  write_uid: { type: "many2one", relation: "res.users", string: "Last Updated by", readonly: true, copy: false },
};

export function defineModel(spec: ModelSpec): ModelDefinition {
  const all: Record<string, FieldDef> = {};
  for (const [name, field] of Object.entries({ ...spec.fields, ...MAGIC })) {
    all[name] = { ...field, name, string: field.string ?? defaultLabel(name) };
  }
  all.display_name = { type: "char", name: "display_name", string: "Display Name", readonly: true, store: false, copy: false };
  const recName = spec.recName ?? ("name" in spec.fields ? "name" : null);
  return {
    ...spec,
    table: spec.table ?? spec.name.replace(/\./g, "_"),
    order: spec.order ?? "id",
    recName,
    fields: all,
  };
}

/** Odoo's default many2many table: "<model1>_<model2>_rel" with the names sorted. */
export function relationTableOf(model: ModelDefinition, field: FieldDef): { table: string; column1: string; column2: string } {
  const own = model.table;
  const other = field.relation!.replace(/\./g, "_");
  const [first, second] = [own, other].sort();
  return {
    table: field.relationTable ?? `${first}_${second}_rel`,
    column1: field.column1 ?? `${own}_id`,
    column2: field.column2 ?? (own === other ? `${other}_other_id` : `${other}_id`),
  };
}

// call_kw: runs a model method for a user, as Odoo's `odoo.api.call_kw` behind
// /web/dataset/call_kw and /jsonrpc execute_kw: private methods refused, access rights
// checked, Odoo's positional/keyword arguments, one transaction per call.
import type { Database } from "../db/database.ts";
import type { Registry } from "../orm/registry.ts";
import { Env, type Context } from "../orm/env.ts";
import type { Model } from "../orm/model-api.ts";
import type { Operation, Values } from "../orm/model.ts";
import { parseDomain } from "../orm/domain.ts";
import { accessError, attributeError, notFound, typeError, valueError } from "../orm/errors.ts";
import { checkAccess } from "./access.ts";

export interface Caller {
  uid: number;
  groups: ReadonlySet<string>;
  context: Context;
}

type Args = unknown[];
type Kwargs = Record<string, unknown>;

/** Positional argument `index` or keyword `name`, as Python binds them. */
function arg(args: Args, kwargs: Kwargs, index: number, name: string, fallback: unknown = undefined): unknown {
  if (index < args.length) return args[index];
  if (name in kwargs) return kwargs[name];
  return fallback;
}

function ids(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((id) => typeof id === "number" && Number.isInteger(id))) throw typeError(`Invalid record ids: ${JSON.stringify(value)}`);
  return list as number[];
}

function fieldList(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  if (!Array.isArray(value) || !value.every((f) => typeof f === "string")) throw valueError(`Invalid field list: ${JSON.stringify(value)}`);
  return value as string[];
}

function optionalNumber(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === false) return null;
  // A whole number a database can take (2^53 − 1 at most): 1e308 is an integer in JSON too.
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw valueError(`Invalid ${name}: ${JSON.stringify(value)} (a whole number from 0 to ${Number.MAX_SAFE_INTEGER})`);
  return value;
}

function optionalOrder(value: unknown): string | null {
  if (value === undefined || value === null || value === false || value === "") return null;
  if (typeof value !== "string") throw valueError(`Invalid "order" specified (${JSON.stringify(value)}).`);
  return value;
}

function values(value: unknown): Values {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw valueError(`Invalid values: ${JSON.stringify(value)}`);
  return value as Values;
}

interface Method {
  access: Operation;
  run(model: Model, args: Args, kwargs: Kwargs): Promise<unknown>;
}

const METHODS: Record<string, Method> = {
  search_read: {
    access: "read",
    run: (m, a, k) =>
      m.searchRead(parseDomain(arg(a, k, 0, "domain", [])), fieldList(arg(a, k, 1, "fields")), {
        offset: optionalNumber(arg(a, k, 2, "offset"), "offset"),
        limit: optionalNumber(arg(a, k, 3, "limit"), "limit"),
        order: optionalOrder(arg(a, k, 4, "order")),
      }),
  },
  read: { access: "read", run: (m, a, k) => m.read(ids(arg(a, k, 0, "ids", [])), fieldList(arg(a, k, 1, "fields"))) },
  search: {
    access: "read",
    async run(m, a, k) {
      const domain = parseDomain(arg(a, k, 0, "domain", []));
      if (arg(a, k, 4, "count", false)) return m.searchCount(domain);
      return m.search(domain, {
        offset: optionalNumber(arg(a, k, 1, "offset"), "offset"),
        limit: optionalNumber(arg(a, k, 2, "limit"), "limit"),
        order: optionalOrder(arg(a, k, 3, "order")),
      });
    },
  },
  search_count: { access: "read", run: (m, a, k) => m.searchCount(parseDomain(arg(a, k, 0, "domain", [])), optionalNumber(arg(a, k, 1, "limit"), "limit")) },
  name_search: {
    access: "read",
    run: (m, a, k) => {
      const name = arg(a, k, 0, "name", "");
      const operator = arg(a, k, 2, "operator", "ilike");
      // The domain is `args` up to 17.0 and `domain` from 18.0 on: both are accepted.
      const domain = 1 < a.length ? a[1] : "domain" in k ? k.domain : k.args;
      return m.nameSearch(typeof name === "string" ? name : "", parseDomain(domain ?? []), typeof operator === "string" ? operator : "ilike", optionalNumber(arg(a, k, 3, "limit", 100), "limit"));
    },
  },
  fields_get: {
    access: "read",
    run: async (m, a, k) => m.fieldsGet(fieldList(arg(a, k, 0, "allfields")), fieldList(arg(a, k, 1, "attributes"))),
  },
  default_get: { access: "read", run: async (m, a, k) => m.defaultGet(fieldList(arg(a, k, 0, "fields_list")).filter((f) => f in m.definition.fields)) },
  create: {
    access: "create",
    async run(m, a, k) {
      const given = arg(a, k, 0, "vals_list");
      if (Array.isArray(given)) return m.create(given.map(values));
      return (await m.create([values(given)]))[0];
    },
  },
  write: {
    access: "write",
    async run(m, a, k) {
      await m.write(ids(arg(a, k, 0, "ids", [])), values(arg(a, k, 1, "vals")));
      return true;
    },
  },
  unlink: {
    access: "unlink",
    async run(m, a, k) {
      await m.unlink(ids(arg(a, k, 0, "ids", [])));
      return true;
    },
  },
  copy: {
    access: "create",
    async run(m, a, k) {
      const [id] = ids(arg(a, k, 0, "ids"));
      if (id === undefined) throw valueError("Expected singleton");
      const defaults = arg(a, k, 1, "default", {});
      const copyId = await m.copy(id, defaults ? values(defaults) : {});
      return [copyId]; // 18.0 returns a list
    },
  },
};

/** Private methods every Odoo model has (the ORM's own), refused with an AccessError when called. */
const PRIVATE_METHODS = new Set([
  "_search", "_read", "_write", "_create", "_compute_display_name", "_get_welcome_steps", "_fetch_next_step", "_process_answer", "_process_step",
  "_is_last_step", "_name_search", "_read_group", "_check_company", "_name", "_fields", "_table", "_auto_init", "_check_access", "_filter_access_rules",
  "_chatbot_prepare_customer_values", "_post_welcome_steps", "_validate_fields", "_compute_triggering_answer_ids", "_get_parent_step",
]);

export async function callKw(database: Database, registry: Registry, caller: Caller, modelName: unknown, methodName: unknown, args: unknown, kwargs: unknown): Promise<unknown> {
  if (typeof modelName !== "string" || !registry.has(modelName)) throw notFound();
  if (typeof methodName !== "string" || !methodName) throw attributeError(`The method '${String(modelName)}.${String(methodName)}' does not exist`);
  const definition = registry.get(modelName);
  // As Odoo: an unknown method is an AttributeError even when private; a known private one, an AccessError.
  if (methodName.startsWith("_")) {
    if (PRIVATE_METHODS.has(methodName)) throw accessError(`Private methods (such as '${modelName}.${methodName}') cannot be called remotely.`);
    throw attributeError(`The method '${modelName}.${methodName}' does not exist`);
  }
  const custom = definition.methods && Object.hasOwn(definition.methods, methodName) ? definition.methods[methodName] : undefined;
  const builtin = Object.hasOwn(METHODS, methodName) ? METHODS[methodName] : undefined;
  if (!custom && !builtin) throw attributeError(`The method '${modelName}.${methodName}' does not exist`);
  const argList = args === undefined || args === null ? [] : Array.isArray(args) ? args : null;
  const kw = kwargs === undefined || kwargs === null ? {} : typeof kwargs === "object" && !Array.isArray(kwargs) ? (kwargs as Kwargs) : null;
  if (!argList || !kw) throw typeError(`${modelName}.${methodName}(): args must be a list and kwargs an object`);
  const { context: callContext, ...rest } = kw;
  const context = { ...caller.context, ...(callContext && typeof callContext === "object" ? (callContext as Context) : {}) };
  checkAccess(definition, (custom ?? builtin)!.access, caller.groups);
  return database.transaction(async (trx) => {
    const env = new Env(database, trx, registry, caller.uid, context, false, caller.groups);
    const model = env.model(modelName);
    return custom ? custom.run(env, argList, rest) : builtin!.run(model, argList, rest);
  });
}

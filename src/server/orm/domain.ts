// Odoo domains (prefix notation) compiled to one SQL condition: leaves on columns, dotted
// paths through many2one/x2many as sub-selects, x2many tests through their relation tables.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { isColumn, type FieldDef } from "./fields.ts";
import { relationTableOf, type ModelDefinition } from "./model.ts";
import { fieldAccessError, valueError } from "./errors.ts";
import type { Env } from "./env.ts";
import { pythonRepr } from "./values.ts";

/** A leaf as Python prints a tuple: ('title', '~', 'x'). */
const pythonTuple = (items: unknown[]) => `(${items.map(pythonRepr).join(", ")}${items.length === 1 ? "," : ""})`;

export type DomainLeaf = [string, string, unknown];
export type Domain = (string | DomainLeaf)[];

const OPERATORS = new Set([
  "=", "!=", "<>", ">", ">=", "<", "<=", "in", "not in", "like", "ilike", "not like", "not ilike", "=like", "=ilike", "child_of", "parent_of",
]);

export const TRUE_SQL: RawBuilder<SqlBool> = sql<SqlBool>`1 = 1`;
const FALSE_SQL: RawBuilder<SqlBool> = sql<SqlBool>`1 = 0`;

export function isLeaf(item: unknown): item is DomainLeaf {
  return Array.isArray(item) && item.length === 3 && typeof item[0] === "string" && typeof item[1] === "string";
}

/**
 * Conditions a domain sent over RPC may hold. SQLite plans a statement in time that grows
 * steeply with its OR-ed terms (a second for a few hundred) on the server's one thread; a
 * long list of values is one condition with "in".
 */
export const MAX_DOMAIN_CONDITIONS = 128;

/** Validates the shape of a domain sent over RPC. */
export function parseDomain(value: unknown): Domain {
  if (value === undefined || value === null || value === false) return [];
  if (!Array.isArray(value)) throw valueError(`Invalid domain: ${JSON.stringify(value)}`);
  if (value.filter((item) => Array.isArray(item)).length > MAX_DOMAIN_CONDITIONS)
    throw valueError(`Invalid domain: more than ${MAX_DOMAIN_CONDITIONS} conditions (a list of values is one condition with "in")`);
  for (const item of value) {
    if (item === "&" || item === "|" || item === "!") continue;
    if (isLeaf(item)) {
      if (!OPERATORS.has(item[1].toLowerCase())) throw valueError(`Invalid leaf ${pythonTuple(item)}`);
      // A value is a scalar or a list of scalars; an object would reach the SQL driver.
      const value: unknown = item[2];
      const scalar = (v: unknown) => v === null || typeof v !== "object";
      if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) throw valueError(`Invalid leaf ${pythonTuple(item)}`);
      continue;
    }
    // Odoo's TRUE_LEAF / FALSE_LEAF
    if (Array.isArray(item) && item.length === 3 && (item[0] === 1 || item[0] === 0) && item[1] === "=" && item[2] === 1) continue;
    throw valueError(`Invalid leaf ${Array.isArray(item) ? pythonTuple(item) : pythonRepr(item)}`);
  }
  return value as Domain;
}

/** Does the domain test `active` itself (then no implicit active filter is added)? */
export function mentionsActive(domain: Domain): boolean {
  return domain.some((item) => isLeaf(item) && item[0] === "active");
}

export class DomainCompiler {
  /** Sub-select aliases numbered per compilation, so one domain shape gives one SQL text (statement cache). */
  private aliasCounter = 0;
  constructor(private readonly env: Env) {}

  private nextAlias(): string {
    return `d${++this.aliasCounter}`;
  }

  /** Condition on `alias` (a row of `model`) for the whole domain, implicit "&" included. */
  compile(model: ModelDefinition, domain: Domain, alias: string): RawBuilder<SqlBool> {
    const stack: Condition[] = [];
    for (let i = domain.length - 1; i >= 0; i--) {
      const item = domain[i]!;
      if (item === "!") stack.push(negate(pop(stack)));
      else if (item === "&" || item === "|") stack.push(combine(item === "&" ? "and" : "or", pop(stack), pop(stack)));
      else if (Array.isArray(item) && ((item[0] as unknown) === 1 || (item[0] as unknown) === 0)) stack.push(leafOf((item[0] as unknown) === 1 ? TRUE_SQL : FALSE_SQL));
      else stack.push(leafOf(this.leaf(model, item as DomainLeaf, alias)));
    }
    if (!stack.length) return TRUE_SQL;
    let result = stack.pop()!;
    while (stack.length) result = combine("and", result, stack.pop()!);
    return render(result);
  }

  private leaf(model: ModelDefinition, [path, rawOperator, value]: DomainLeaf, alias: string): RawBuilder<SqlBool> {
    const operator = rawOperator.toLowerCase() === "<>" ? "!=" : rawOperator.toLowerCase();
    const [name, ...rest] = path.split(".");
    const field = model.fields[name!];
    if (!field) throw valueError(`Invalid field ${model.name}.${name} in leaf ${JSON.stringify([path, rawOperator, value])}`);
    // Searching on a field one may not read would reveal it, one comparison at a time.
    if (!this.env.canAccessField(field)) throw fieldAccessError(model.description, model.name, [field.name], "read");
    if (field.related) {
      const target = [field.related, ...rest].join(".");
      return this.leaf(model, [target, rawOperator, value], alias);
    }
    const registry = this.env.registry;
    if (field.type === "many2one") {
      const comodel = registry.get(field.relation!);
      const column = sql.ref(`${alias}.${name}`);
      if (rest.length) {
        const sub = this.nextAlias();
        const inner = this.compile(comodel, [[rest.join("."), rawOperator, value]], sub);
        return sql<SqlBool>`${column} in (select ${sql.ref(`${sub}.id`)} from ${sql.table(comodel.table)} as ${sql.raw(sub)} where ${inner})`;
      }
      if (typeof value === "string" && operator !== "=" && operator !== "!=" || (Array.isArray(value) && value.some((v) => typeof v === "string"))) {
        return this.byName(comodel, column, operator, value);
      }
      if (operator === "child_of" || operator === "parent_of") return this.simple(field, column, "in", toList(value));
      return this.simple(field, column, operator, value);
    }
    if (field.type === "one2many" || field.type === "many2many") {
      const comodel = registry.get(field.relation!);
      const id = sql.ref(`${alias}.id`);
      // Ids of comodel records satisfying the rest of the path (or the value itself).
      let targets: RawBuilder<unknown> | null = null;
      const sub = this.nextAlias();
      if (rest.length) {
        const inner = this.compile(comodel, [[rest.join("."), rawOperator, value]], sub);
        targets = sql`select ${sql.ref(`${sub}.id`)} from ${sql.table(comodel.table)} as ${sql.raw(sub)} where ${inner}`;
      } else if (value === false || value === null) {
        const any = this.x2manyIds(model, field, id, null);
        return operator === "=" || operator === "in" ? sql<SqlBool>`not exists (${any})` : sql<SqlBool>`exists (${any})`;
      } else if (typeof value === "string" || (Array.isArray(value) && value.some((v) => typeof v === "string"))) {
        const inner = this.byName(comodel, sql.ref(`${sub}.id`), operator.startsWith("not") || operator === "!=" ? operator.replace("not ", "").replace("!=", "=") : operator, value);
        targets = sql`select ${sql.ref(`${sub}.id`)} from ${sql.table(comodel.table)} as ${sql.raw(sub)} where ${inner}`;
        const exists = sql<SqlBool>`exists (${this.x2manyIds(model, field, id, targets)})`;
        return operator.startsWith("not") || operator === "!=" ? sql<SqlBool>`not ${exists}` : exists;
      } else {
        const ids = toList(value).map(Number);
        const negative = operator === "!=" || operator === "not in";
        if (!ids.length) return negative ? TRUE_SQL : FALSE_SQL;
        const exists = sql<SqlBool>`exists (${this.x2manyIds(model, field, id, ids)})`;
        return negative ? sql<SqlBool>`not ${exists}` : exists;
      }
      return sql<SqlBool>`exists (${this.x2manyIds(model, field, id, targets)})`;
    }
    if (rest.length) throw valueError(`Invalid field ${model.name}.${path} in leaf ${JSON.stringify([path, rawOperator, value])}`);
    if (field.compute || !isColumn(field)) {
      if (name === "display_name" && model.recName) return this.leaf(model, [model.recName, rawOperator, value], alias);
      if (name === "display_name") return this.byName(model, sql.ref(`${alias}.id`), operator, value);
      // Odoo 18.0 logs "Non-stored field … cannot be searched." and leaves the condition out.
      return TRUE_SQL;
    }
    return this.simple(field, sql.ref(`${alias}.${name}`), operator, value);
  }

  /** Sub-select of the rows linking record `id` to comodel records (restricted to `targets`). */
  private x2manyIds(model: ModelDefinition, field: FieldDef, id: RawBuilder<unknown> | ReturnType<typeof sql.ref>, targets: RawBuilder<unknown> | number[] | null): RawBuilder<unknown> {
    const registry = this.env.registry;
    const comodel = registry.get(field.relation!);
    const sub = this.nextAlias();
    if (field.type === "one2many") {
      let cond = sql<SqlBool>`${sql.ref(`${sub}.${field.inverse!}`)} = ${id}`;
      if (targets) cond = sql<SqlBool>`${cond} and ${sql.ref(`${sub}.id`)} in (${Array.isArray(targets) ? sql.join(targets) : targets})`;
      if (comodel.fields.active && this.env.context.active_test !== false) cond = sql<SqlBool>`${cond} and ${sql.ref(`${sub}.active`)} = ${this.env.database.helpers.toBoolean(true)}`;
      return sql`select 1 from ${sql.table(comodel.table)} as ${sql.raw(sub)} where ${cond}`;
    }
    const rel = relationTableOf(model, field);
    let cond = sql<SqlBool>`${sql.ref(`${sub}.${rel.column1}`)} = ${id}`;
    if (targets) cond = sql<SqlBool>`${cond} and ${sql.ref(`${sub}.${rel.column2}`)} in (${Array.isArray(targets) ? sql.join(targets) : targets})`;
    return sql`select 1 from ${sql.table(rel.table)} as ${sql.raw(sub)} where ${cond}`;
  }

  /** Records whose display name matches: through the rec name column, or computed names. */
  private byName(comodel: ModelDefinition, column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, operator: string, value: unknown): RawBuilder<SqlBool> {
    if (!comodel.recName) throw valueError(`Cannot search ${comodel.name} by name.`);
    const sub = this.nextAlias();
    const negative = operator.startsWith("not ") || operator === "!=";
    const positive = negative ? (operator === "!=" ? "=" : operator.slice(4)) : operator;
    const inner = this.compile(comodel, [[comodel.recName, positive, value]], sub);
    const select = sql<SqlBool>`${column} in (select ${sql.ref(`${sub}.id`)} from ${sql.table(comodel.table)} as ${sql.raw(sub)} where ${inner})`;
    return negative ? sql<SqlBool>`not ${select}` : select;
  }

  private simple(field: FieldDef, column: ReturnType<typeof sql.ref>, operator: string, value: unknown): RawBuilder<SqlBool> {
    const helpers = this.env.database.helpers;
    // Numbers compare with numbers only (PostgreSQL would refuse the query, SQLite would not).
    if ((field.type === "integer" || field.type === "float" || field.type === "many2one") && !operator.includes("like")) {
      const bad = toList(value).some((v) => v !== false && v !== null && typeof v !== "number");
      if (bad) throw valueError(`Invalid value ${JSON.stringify(value)} for the numeric field ${field.name}`);
    }
    const toDb = (v: unknown) => (field.type === "boolean" ? helpers.toBoolean(Boolean(v)) : typeof v === "boolean" ? (v ? 1 : 0) : v);
    const isFalse = value === false || value === null;
    switch (operator) {
      case "=":
      case "!=": {
        const negative = operator === "!=";
        if (field.type === "boolean") {
          const wanted = Boolean(value) !== negative;
          return wanted ? sql<SqlBool>`${column} = ${toDb(true)}` : sql<SqlBool>`(${column} is null or ${column} = ${toDb(false)})`;
        }
        if (isFalse) return negative ? sql<SqlBool>`${column} is not null` : sql<SqlBool>`${column} is null`;
        return negative ? sql<SqlBool>`(${column} is null or ${column} != ${toDb(value)})` : sql<SqlBool>`${column} = ${toDb(value)}`;
      }
      case "in":
      case "not in": {
        const list = toList(value);
        if (field.type === "boolean") {
          const wanted = new Set(list.map(Boolean));
          if (wanted.size === 2) return operator === "in" ? TRUE_SQL : FALSE_SQL;
          if (wanted.size === 0) return operator === "in" ? FALSE_SQL : TRUE_SQL;
          return this.simple(field, column, operator === "in" ? "=" : "!=", [...wanted][0]);
        }
        const hasFalse = list.some((v) => v === false || v === null);
        const values = list.filter((v) => v !== false && v !== null).map(toDb);
        const inList = values.length ? sql<SqlBool>`${column} in (${valueList(values)})` : FALSE_SQL;
        const positive = hasFalse ? sql<SqlBool>`(${inList} or ${column} is null)` : inList;
        if (operator === "in") return positive;
        return hasFalse ? sql<SqlBool>`not ${positive}` : sql<SqlBool>`(${column} is null or not ${inList})`;
      }
      case ">":
      case ">=":
      case "<":
      case "<=":
        if (isFalse) return FALSE_SQL;
        return sql<SqlBool>`${column} ${sql.raw(operator)} ${toDb(value)}`;
      case "like":
      case "not like":
      case "ilike":
      case "not ilike":
      case "=like":
      case "=ilike": {
        if (isFalse) {
          // Odoo: ('name', 'ilike', False) matches records without a value.
          return operator.startsWith("not") ? sql<SqlBool>`${column} is not null` : sql<SqlBool>`${column} is null`;
        }
        const exact = operator.startsWith("=");
        const pattern = exact ? String(value) : `%${String(value)}%`;
        const insensitive = operator.includes("ilike");
        const test = insensitive ? sql<SqlBool>`lower(${column}) like lower(${pattern})` : sql<SqlBool>`${column} like ${pattern}`;
        return operator.startsWith("not") ? sql<SqlBool>`(${column} is null or not ${test})` : test;
      }
      case "child_of":
      case "parent_of":
        return this.simple(field, column, "in", toList(value));
      default:
        throw valueError(`Invalid operator ${operator}`);
    }
  }
}

function pop(stack: Condition[]): Condition {
  const item = stack.pop();
  if (!item) throw valueError("Invalid domain: missing operand");
  return item;
}

// A domain's logic before it becomes SQL: "!" pairs cancel and chains of one operator become
// one n-ary group, so that long domains give shallow SQL (SQLite refuses expressions nested
// over 1,000 deep, and the SQL builder recurses once per level).
type Condition =
  | { kind: "leaf"; sql: RawBuilder<SqlBool>; depth: 1 }
  | { kind: "not"; child: Condition; depth: number }
  | { kind: "and" | "or"; parts: Condition[]; depth: number };

/** How deeply a domain may nest operators that alternate ("&" in "|" in "&"…). */
/** Values of one "in" bound as parameters; past it whole numbers are written inline (a
 * database binds at most a few ten thousand parameters per statement) and other values refused. */
export const MAX_BOUND_IN_VALUES = 1_000;
export const MAX_IN_VALUES = 100_000;

function valueList(values: unknown[]): RawBuilder<unknown> {
  if (values.length <= MAX_BOUND_IN_VALUES) return sql.join(values);
  if (values.length <= MAX_IN_VALUES && values.every((v) => typeof v === "number" && Number.isSafeInteger(v))) return sql.raw(values.join(","));
  throw valueError(`Invalid domain: an "in" list of more than ${MAX_BOUND_IN_VALUES} values must hold whole numbers only, at most ${MAX_IN_VALUES}`);
}

const MAX_DOMAIN_DEPTH = 200;
/** Terms joined flat in SQL; longer groups are split into parenthesized groups of this size. */
const FLAT_TERMS = 64;

const leafOf = (condition: RawBuilder<SqlBool>): Condition => ({ kind: "leaf", sql: condition, depth: 1 });

function checkDepth(condition: Condition): Condition {
  if (condition.depth > MAX_DOMAIN_DEPTH) throw valueError(`Invalid domain: operators nested more than ${MAX_DOMAIN_DEPTH} levels deep`);
  return condition;
}

function negate(condition: Condition): Condition {
  return condition.kind === "not" ? condition.child : checkDepth({ kind: "not", child: condition, depth: condition.depth + 1 });
}

/** `left op right`, growing an existing group of the same operator in place (order is free). */
function combine(op: "and" | "or", left: Condition, right: Condition): Condition {
  let group: Extract<Condition, { kind: "and" | "or" }>;
  let other: Condition;
  if (right.kind === op) [group, other] = [right, left];
  else if (left.kind === op) [group, other] = [left, right];
  else [group, other] = [{ kind: op, parts: [right], depth: right.depth + 1 }, left];
  if (other.kind === op) {
    for (const part of other.parts) group.parts.push(part);
    group.depth = Math.max(group.depth, other.depth);
  } else {
    group.parts.push(other);
    group.depth = Math.max(group.depth, other.depth + 1);
  }
  return checkDepth(group);
}

function render(condition: Condition): RawBuilder<SqlBool> {
  if (condition.kind === "leaf") return condition.sql;
  if (condition.kind === "not") return sql<SqlBool>`(not ${render(condition.child)})`;
  return joinTerms(condition.parts.map(render), condition.kind === "and" ? sql` and ` : sql` or `);
}

function joinTerms(terms: RawBuilder<SqlBool>[], separator: RawBuilder<unknown>): RawBuilder<SqlBool> {
  if (terms.length === 1) return terms[0]!;
  if (terms.length <= FLAT_TERMS) return sql<SqlBool>`(${sql.join(terms, separator)})`;
  const groups: RawBuilder<SqlBool>[] = [];
  for (let i = 0; i < terms.length; i += FLAT_TERMS) groups.push(joinTerms(terms.slice(i, i + FLAT_TERMS), separator));
  return joinTerms(groups, separator);
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

const ARITY: Record<string, number> = { "!": 1, "&": 2, "|": 2 };

/** Odoo's normalize_domain: explicit "&" operators so the domain is one prefix expression. */
export function normalizeDomain(domain: Domain): Domain {
  if (!domain.length) return [];
  const result: Domain = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift("&");
      expected = 1;
    }
    expected += typeof token === "string" ? (ARITY[token] ?? 0) - 1 : -1;
    result.push(token);
  }
  return result;
}

/** AND of domains, as Odoo's expression.AND. */
export function andDomains(...domains: Domain[]): Domain {
  const parts = domains.filter((d) => d.length).map(normalizeDomain);
  if (!parts.length) return [];
  return [...Array(parts.length - 1).fill("&"), ...parts.flat()] as Domain;
}

/** OR of domains, as Odoo's expression.OR. */
export function orDomains(...domains: Domain[]): Domain {
  const parts = domains.filter((d) => d.length).map(normalizeDomain);
  if (!parts.length) return [];
  return [...Array(parts.length - 1).fill("|"), ...parts.flat()] as Domain;
}

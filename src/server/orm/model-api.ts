// The generic model layer: search, read, create, write, unlink, copy, name_search, fields_get
// and default_get, written once for every declared model. Hooks of a model wrap create,
// write, unlink and copy (see model.ts).
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { isColumn, isX2many, type FieldDef } from "./fields.ts";
import { relationTableOf, type ModelDefinition, type Values } from "./model.ts";
import { andDomains, DomainCompiler, mentionsActive, type Domain } from "./domain.ts";
import { accessError, fieldAccessError, missingRecord, userError, validationError, valueError } from "./errors.ts";
import { fromColumn, nowDatetime, toColumn } from "./values.ts";
import { parseCommands } from "./commands.ts";
import type { Env } from "./env.ts";
import { checkAccess } from "../auth/access.ts";
import { GROUP } from "../auth/groups.ts";
import type { Operation } from "./model.ts";

export interface SearchOptions {
  order?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export type RecordValues = Record<string, unknown> & { id: number };

const MAGIC_READONLY = new Set(["id", "create_date", "create_uid", "write_date", "write_uid", "display_name"]);
/** Records deleted per round: each round binds their ids in a handful of statements. */
const UNLINK_SLICE = 5_000;

export class Model {
  constructor(
    readonly env: Env,
    readonly definition: ModelDefinition,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  /**
   * The caller's model access rights, for operations reached through another model (x2many
   * commands, related fields): as Odoo's ORM, a command on a comodel is that model's own create,
   * write or unlink, with the caller's rights. Internal (superuser) code is not checked.
   */
  private checkModelAccess(operation: Operation): void {
    if (!this.env.su && this.env.groups) checkAccess(this.definition, operation, this.env.groups);
  }

  /** The record rules' condition for this caller on the row aliased `alias`; null when unrestricted. */
  private ruleCondition(alias: string): RawBuilder<SqlBool> | null {
    const groups = this.env.groups;
    if (this.env.su || !groups || groups.has(GROUP.system)) return null;
    const applicable = (this.definition.rules ?? []).filter((rule) => groups.has(rule.group));
    if (!applicable.length || applicable.some((rule) => !rule.where)) return null;
    return sql<SqlBool>`(${sql.join(applicable.map((rule) => sql`(${rule.where!(this.env, alias)})`), sql` or `)})`;
  }

  private field(name: string): FieldDef {
    const field = this.definition.fields[name];
    if (!field) throw valueError(`Invalid field '${name}' on model '${this.name}'`);
    return field;
  }

  private get q() {
    return this.env.db;
  }

  private get helpers() {
    return this.env.database.helpers;
  }

  // ---------------------------------------------------------------- search

  /** The domain with Odoo's implicit `active = True` unless the context or domain says otherwise. */
  private withActiveTest(domain: Domain): Domain {
    if (!this.definition.fields.active || this.env.context.active_test === false || mentionsActive(domain)) return domain;
    return [["active", "=", true], ...domain];
  }

  orderBy(order: string | null | undefined, alias: string): RawBuilder<unknown> {
    const spec = order || this.definition.order;
    // Odoo's two errors: a malformed specification (UserError), an unknown field (ValueError).
    if (!/^(\s*[a-z0-9_]+(\s+(asc|desc))?\s*(,|$))+(?<!,)$/i.test(spec)) {
      throw userError(
        `Invalid "order" specified (${spec}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      );
    }
    const parts = spec.split(",").map((part) => part.trim()).filter(Boolean);
    const clauses = parts.map((part) => {
      const [name, direction = "asc"] = part.split(/\s+/);
      const dir = direction.toLowerCase();
      const field = this.definition.fields[name!];
      if (!field || !isColumn(field)) throw valueError(`Invalid field '${name}' on model '${this.name}'`);
      // Sorting by a field reveals its values: it needs the right to read it, as in Odoo.
      this.checkFieldAccess([field], "read");
      // PostgreSQL's default null placement, spelled out so SQLite sorts the same way.
      const nulls = sql.raw(dir === "asc" ? "asc nulls last" : "desc nulls first");
      if (field.type === "many2one" && !["create_uid", "write_uid"].includes(field.name)) {
        // As Odoo: a many2one sorts by its comodel's order (first level only).
        const comodel = this.env.registry.get(field.relation!);
        const keys = comodel.order
          .split(",")
          .map((p) => p.trim().split(/\s+/))
          .filter(([f]) => f && comodel.fields[f] && isColumn(comodel.fields[f]!) && comodel.fields[f]!.type !== "many2one");
        return sql.join(
          keys.map(([f, d]) => {
            const sub = sql`(select ${sql.ref(`o.${f}`)} from ${sql.table(comodel.table)} as o where ${sql.ref("o.id")} = ${sql.ref(`${alias}.${name}`)})`;
            const descending = ((d ?? "asc").toLowerCase() === "desc") !== (dir === "desc");
            return sql`${sub} ${sql.raw(descending ? "desc nulls first" : "asc nulls last")}`;
          }),
        );
      }
      return sql`${sql.ref(`${alias}.${name}`)} ${nulls}`;
    });
    return sql.join(clauses);
  }

  /** The domain (with the active test) and the caller's record rules, on the row aliased `m`. */
  private whereOf(domain: Domain): RawBuilder<SqlBool> {
    const where = new DomainCompiler(this.env).compile(this.definition, this.withActiveTest(domain), "m");
    const rules = this.ruleCondition("m");
    return rules ? sql<SqlBool>`(${where}) and ${rules}` : where;
  }

  /** `select <columns> from <table> as m where <domain> order by … limit … offset …`. */
  private searchQuery(domain: Domain, options: SearchOptions, columns: RawBuilder<unknown>): RawBuilder<unknown> {
    const where = this.whereOf(domain);
    let query = sql`select ${columns} from ${sql.table(this.definition.table)} as m where ${where} order by ${this.orderBy(options.order, "m")}`;
    if (options.limit) query = sql`${query} limit ${Number(options.limit)}`;
    else if (options.offset && this.env.database.dialect === "sqlite") query = sql`${query} limit -1`; // SQLite needs a LIMIT before OFFSET
    if (options.offset) query = sql`${query} offset ${Number(options.offset)}`;
    return query;
  }

  async search(domain: Domain = [], options: SearchOptions = {}): Promise<number[]> {
    const result = await this.searchQuery(domain, options, sql`${sql.ref("m.id")} as id`).execute(this.q);
    return (result.rows as { id: number }[]).map((row) => Number(row.id));
  }

  async searchCount(domain: Domain = [], limit?: number | null): Promise<number> {
    const where = this.whereOf(domain);
    const result = await sql`select count(*) as n from ${sql.table(this.definition.table)} as m where ${where}`.execute(this.q);
    const count = Number((result.rows[0] as { n: number }).n);
    return limit ? Math.min(count, limit) : count;
  }

  /** search + read in one query for the columns (then the same completion as read). */
  async searchRead(domain: Domain = [], fieldNames: string[] = [], options: SearchOptions = {}): Promise<RecordValues[]> {
    const fieldsToRead = this.fieldsToRead(fieldNames);
    const columns = this.columnsOf(fieldsToRead);
    const result = await this.searchQuery(domain, options, sql.join([sql.ref("m.id"), ...columns.map((c) => sql.ref(`m.${c}`))])).execute(this.q);
    const rows = result.rows as Record<string, unknown>[];
    if (!rows.length) return [];
    const ids = rows.map((row) => Number(row.id));
    return this.complete(ids, new Map(rows.map((row) => [Number(row.id), row])), fieldsToRead);
  }

  /** The ids among `ids` that exist (archived included). */
  async exists(ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.q.selectFrom(this.definition.table).select("id").where("id", "in", ids).execute();
    const found = new Set(rows.map((row) => Number(row.id)));
    return ids.filter((id) => found.has(id));
  }

  private async ensureExist(ids: number[]): Promise<void> {
    const found = new Set(await this.exists(ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw missingRecord(this.name, missing, this.env.uid);
  }

  // ---------------------------------------------------------------- read

  private fieldsToRead(fieldNames: string[]): FieldDef[] {
    if (!fieldNames.length) return Object.values(this.definition.fields).filter((field) => this.env.canAccessField(field));
    const fields = [...new Set(fieldNames)].map((name) => this.field(name));
    this.checkFieldAccess(fields, "read");
    return fields;
  }

  /** Odoo's field `groups`: naming a field of groups the caller is not in is refused. */
  private checkFieldAccess(fields: FieldDef[], operation: "read" | "write"): void {
    const refused = fields.filter((field) => !this.env.canAccessField(field)).map((field) => field.name);
    if (refused.length) throw fieldAccessError(this.definition.description, this.name, refused, operation);
  }

  /** Odoo's AccessError when a record rule hides some of `ids` from the caller. */
  private async checkRules(ids: number[]): Promise<void> {
    const rules = this.ruleCondition("m");
    if (!rules || !ids.length) return;
    const result = await sql`select m.id as id from ${sql.table(this.definition.table)} as m where m.id in (${sql.join(ids)}) and ${rules}`.execute(this.q);
    if (result.rows.length < ids.length) {
      throw accessError(`Due to security restrictions, you are not allowed to access '${this.definition.description}' (${this.name}) records.`);
    }
  }

  private columnsOf(fieldsToRead: FieldDef[]): string[] {
    return fieldsToRead.filter((field) => isColumn(field) && field.name !== "id").map((field) => field.name);
  }

  /** The records that exist among `ids`, in that order (as Odoo 18, missing ones are left out). */
  async read(ids: number[], fieldNames: string[] = []): Promise<RecordValues[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const fieldsToRead = this.fieldsToRead(fieldNames);
    const rows = await this.q.selectFrom(this.definition.table).select(["id", ...this.columnsOf(fieldsToRead)]).where("id", "in", unique).execute();
    const byId = new Map<number, Record<string, unknown>>(rows.map((row) => [Number(row.id), row]));
    const existing = unique.filter((id) => byId.has(id));
    await this.checkRules(existing);
    if (!existing.length) return [];
    const records = await this.complete(existing, byId, fieldsToRead);
    const byRecord = new Map(records.map((record) => [record.id, record]));
    return ids.filter((id) => byRecord.has(id)).map((id) => byRecord.get(id)!);
  }

  /** Column rows → read values: conversions, many2one names, x2many ids, computed and related fields. */
  private async complete(ids: number[], byId: Map<number, Record<string, unknown>>, fieldsToRead: FieldDef[]): Promise<RecordValues[]> {
    // Keys in the order the fields were asked for, as Odoo answers.
    const template = Object.fromEntries(fieldsToRead.filter((field) => field.name !== "id").map((field) => [field.name, undefined]));
    const records = new Map<number, RecordValues>(ids.map((id) => [id, { id, ...template }]));
    const many2ones: FieldDef[] = [];
    for (const field of fieldsToRead) {
      if (field.name === "id" || !isColumn(field)) continue;
      if (field.type === "many2one") many2ones.push(field);
      else for (const [id, row] of byId) records.get(id)![field.name] = fromColumn(field, row[field.name]);
    }
    // many2one: [id, display_name], one name query per comodel.
    const targetsByComodel = new Map<string, Set<number>>();
    for (const field of many2ones) {
      const set = targetsByComodel.get(field.relation!) ?? new Set<number>();
      for (const row of byId.values()) if (row[field.name] !== null && row[field.name] !== undefined) set.add(Number(row[field.name]));
      targetsByComodel.set(field.relation!, set);
    }
    const names = new Map<string, Map<number, string>>();
    for (const [comodel, targets] of targetsByComodel) names.set(comodel, targets.size ? await this.env.model(comodel).displayNames([...targets]) : new Map());
    for (const field of many2ones) {
      const comodelNames = names.get(field.relation!)!;
      for (const [id, row] of byId) {
        const target = row[field.name];
        records.get(id)![field.name] = target === null || target === undefined ? false : [Number(target), comodelNames.get(Number(target)) ?? ""];
      }
    }
    for (const field of fieldsToRead) {
      if (isColumn(field) || field.name === "id") continue;
      const values = await this.computeValues(field, ids);
      for (const id of ids) records.get(id)![field.name] = values.get(id) ?? (isX2many(field) ? [] : fromColumn(field, null));
    }
    return ids.map((id) => records.get(id)!);
  }

  /** Values of a field without a column: x2many, related, computed, display_name. */
  private async computeValues(field: FieldDef, ids: number[]): Promise<Map<number, unknown>> {
    if (field.name === "display_name") {
      // A record without a name reads display_name False, as Odoo.
      const names = await this.displayNames(ids);
      return new Map([...names].map(([id, name]) => [id, name || false]));
    }
    if (field.compute) return field.compute(this.env, ids);
    if (field.related) return this.relatedValues(ids, field.related);
    if (field.type === "one2many") return this.one2manyIds(field, ids);
    if (field.type === "many2many") return this.many2manyIds(field, ids);
    return new Map();
  }

  private async one2manyIds(field: FieldDef, ids: number[]): Promise<Map<number, number[]>> {
    const comodel = this.env.model(field.relation!);
    const where = new DomainCompiler(this.env).compile(comodel.definition, comodel.withActiveTest([[field.inverse!, "in", ids]]), "c");
    const result = await sql`select ${sql.ref("c.id")} as id, ${sql.ref(`c.${field.inverse!}`)} as owner from ${sql.table(comodel.definition.table)} as c where ${where} order by ${comodel.orderBy(null, "c")}`.execute(this.q);
    const map = new Map<number, number[]>(ids.map((id) => [id, []]));
    for (const row of result.rows as { id: number; owner: number }[]) map.get(Number(row.owner))?.push(Number(row.id));
    return map;
  }

  private async many2manyIds(field: FieldDef, ids: number[]): Promise<Map<number, number[]>> {
    const comodel = this.env.model(field.relation!);
    const rel = relationTableOf(this.definition, field);
    const where = new DomainCompiler(this.env).compile(comodel.definition, comodel.withActiveTest([]), "c");
    const result = await sql`select ${sql.ref(`r.${rel.column1}`)} as owner, ${sql.ref("c.id")} as id from ${sql.table(rel.table)} as r join ${sql.table(comodel.definition.table)} as c on ${sql.ref("c.id")} = ${sql.ref(`r.${rel.column2}`)} where ${sql.ref(`r.${rel.column1}`)} in (${sql.join(ids)}) and ${where} order by ${comodel.orderBy(null, "c")}`.execute(this.q);
    const map = new Map<number, number[]>(ids.map((id) => [id, []]));
    for (const row of result.rows as { id: number; owner: number }[]) map.get(Number(row.owner))?.push(Number(row.id));
    return map;
  }

  /** Follows "a.b.c": a many2one chain ending in any field. */
  private async relatedValues(ids: number[], path: string): Promise<Map<number, unknown>> {
    const [first, ...rest] = path.split(".");
    const records = await this.read(ids, [first!]);
    if (!rest.length) return new Map(records.map((record) => [record.id, record[first!]]));
    const field = this.field(first!);
    const targetOf = new Map<number, number | null>(records.map((record) => [record.id, Array.isArray(record[first!]) ? (record[first!] as [number])[0] : null]));
    const targets = [...new Set([...targetOf.values()].filter((v): v is number => v !== null))];
    const comodel = this.env.model(field.relation!);
    const values = targets.length ? await comodel.relatedValues(targets, rest.join(".")) : new Map<number, unknown>();
    const lastField = comodel.definition.fields[rest[rest.length - 1]!];
    return new Map(ids.map((id) => {
      const target = targetOf.get(id);
      return [id, target ? values.get(target) : lastField && isX2many(lastField) ? [] : false];
    }));
  }

  async displayNames(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    if (this.definition.displayName) return this.definition.displayName(this.env, ids);
    const recName = this.definition.recName;
    if (!recName) return new Map(ids.map((id) => [id, `${this.name},${id}`]));
    const rows = await this.q.selectFrom(this.definition.table).select(["id", recName]).where("id", "in", ids).execute();
    return new Map(rows.map((row) => [Number(row.id), row[recName] === null ? "" : String(row[recName])]));
  }

  // ---------------------------------------------------------------- defaults

  /** Default values of the given fields: context `default_<field>` first, then the declaration. */
  defaultGet(fieldNames: string[]): Values {
    const result: Values = {};
    for (const name of fieldNames) {
      const field = this.field(name);
      const fromContext = this.env.context[`default_${name}`];
      if (fromContext !== undefined) result[name] = fromContext;
      else if (field.default !== undefined) result[name] = typeof field.default === "function" ? (field.default as (env: Env) => unknown)(this.env) : field.default;
    }
    return result;
  }

  // ---------------------------------------------------------------- create

  async create(valsList: Values[]): Promise<number[]> {
    for (const vals of valsList) this.checkFieldAccess(Object.keys(vals).map((name) => this.field(name)), "write");
    const hook = this.definition.hooks?.create;
    const ids = hook ? await hook(this.env, valsList, (list) => this.createRecords(list)) : await this.createRecords(valsList);
    await this.definition.hooks?.changed?.(this.env);
    return ids;
  }

  async createOne(vals: Values): Promise<number> {
    return (await this.create([vals]))[0]!;
  }

  private async createRecords(valsList: Values[]): Promise<number[]> {
    const ids: number[] = [];
    const now = nowDatetime();
    for (const given of valsList) {
      for (const name of Object.keys(given)) this.field(name);
      const missing = Object.keys(this.definition.fields).filter((name) => !(name in given) && !MAGIC_READONLY.has(name));
      const vals: Values = { ...this.defaultGet(missing), ...given };
      const row: Record<string, unknown> = { create_date: now, write_date: now, create_uid: this.env.uid, write_uid: this.env.uid };
      const later: [FieldDef, unknown][] = [];
      for (const [name, value] of Object.entries(vals)) {
        const field = this.definition.fields[name]!;
        if (MAGIC_READONLY.has(name)) continue;
        if (isColumn(field)) row[name] = toColumn(this.definition, field, value, this.helpers);
        else if (isX2many(field) || field.related) later.push([field, value]);
      }
      for (const field of Object.values(this.definition.fields)) {
        if (isColumn(field) && field.required && (row[field.name] === null || row[field.name] === undefined)) throw this.requiredError(field);
      }
      await this.checkTargets(row);
      const inserted = await this.q.insertInto(this.definition.table).values(row).returning("id").executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      ids.push(id);
      for (const [field, value] of later) {
        if (isX2many(field)) await this.applyCommands(id, field, value);
        else if (value !== undefined) await this.writeRelated([id], field, value);
      }
    }
    return ids;
  }

  /** Odoo's message for a NOT NULL violation (a ValidationError). */
  private requiredError(field: FieldDef) {
    return validationError(
      `The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${this.definition.description} (${this.name})\nField: ${field.string} (${field.name})`,
    );
  }

  /** many2one values must name existing records (a foreign key, checked here for both databases, in one query). */
  private async checkTargets(row: Record<string, unknown>): Promise<void> {
    const checks: { field: FieldDef; value: unknown }[] = [];
    for (const [name, value] of Object.entries(row)) {
      const field = this.definition.fields[name];
      if (!field || field.type !== "many2one" || value === null || value === undefined) continue;
      if (name === "create_uid" || name === "write_uid") continue;
      checks.push({ field, value });
    }
    if (!checks.length) return;
    const probes = checks.map(({ field, value }, i) => sql`(select count(*) from ${sql.table(this.env.registry.get(field.relation!).table)} where id = ${value}) as ${sql.ref(`f${i}`)}`);
    const result = await sql`select ${sql.join(probes)}`.execute(this.q);
    const counts = result.rows[0] as Record<string, unknown>;
    checks.forEach(({ field, value }, i) => {
      if (Number(counts[`f${i}`]) === 0) {
        throw validationError(
          `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${this.definition.description} (${this.name})\nField: ${field.string} (${field.name})\nValue: ${String(value)}`,
        );
      }
    });
  }

  // ---------------------------------------------------------------- write

  async write(ids: number[], vals: Values): Promise<void> {
    this.checkFieldAccess(Object.keys(vals).map((name) => this.field(name)), "write");
    const hook = this.definition.hooks?.write;
    if (hook) await hook(this.env, ids, vals, (i, v) => this.writeRecords(i, v));
    else await this.writeRecords(ids, vals);
    await this.definition.hooks?.changed?.(this.env);
  }

  private async writeRecords(ids: number[], vals: Values): Promise<void> {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    for (const name of Object.keys(vals)) this.field(name);
    const row: Record<string, unknown> = {};
    const later: [FieldDef, unknown][] = [];
    for (const [name, value] of Object.entries(vals)) {
      const field = this.definition.fields[name]!;
      if (MAGIC_READONLY.has(name)) continue;
      if (isColumn(field)) {
        row[name] = toColumn(this.definition, field, value, this.helpers);
        if (field.required && row[name] === null) throw this.requiredError(field);
      } else if (isX2many(field) || field.related) later.push([field, value]);
    }
    await this.checkTargets(row);
    Object.assign(row, { write_date: nowDatetime(), write_uid: this.env.uid });
    // The update also tells whether every record exists (one query instead of two).
    const result = await this.q.updateTable(this.definition.table).set(row).where("id", "in", unique).executeTakeFirst();
    if (Number(result.numUpdatedRows) < unique.length) await this.ensureExist(unique);
    for (const [field, value] of later) {
      if (isX2many(field)) for (const id of unique) await this.applyCommands(id, field, value);
      else await this.writeRelated(unique, field, value);
    }
  }

  /** Writing a related field writes the field it points to (e.g. the script's image on its partner). */
  private async writeRelated(ids: number[], field: FieldDef, value: unknown): Promise<void> {
    const path = field.related!.split(".");
    const last = path.pop()!;
    let model: Model = this;
    let targets = ids;
    for (const step of path) {
      const records = await model.read(targets, [step]);
      targets = records.map((r) => (Array.isArray(r[step]) ? (r[step] as [number])[0] : 0)).filter(Boolean);
      model = this.env.model(model.field(step).relation!);
    }
    if (!targets.length) return;
    model.checkModelAccess("write");
    await model.write(targets, { [last]: value });
  }

  private async applyCommands(id: number, field: FieldDef, value: unknown): Promise<void> {
    const commands = parseCommands(`${this.name}.${field.name}`, value);
    const comodel = this.env.model(field.relation!);
    // Each command is an operation on the comodel, checked with the caller's rights: creating,
    // updating or deleting needs that right there, and a one2many link or detach writes the
    // child's inverse field; a many2many link or unlink only needs to read the targets.
    const inverseField = field.type === "one2many" ? comodel.field(field.inverse!) : null;
    const detaching: Operation = inverseField && (inverseField.ondelete === "cascade" || inverseField.required) ? "unlink" : "write";
    for (const command of commands) {
      const operation: Operation =
        command.op === "create" ? "create"
        : command.op === "update" ? "write"
        : command.op === "delete" ? "unlink"
        : !inverseField ? "read"
        : command.op === "link" ? "write"
        : detaching;
      comodel.checkModelAccess(operation);
      if (command.op === "set" && inverseField && command.ids.length) comodel.checkModelAccess("write");
    }
    if (field.type === "one2many") {
      const inverse = comodel.field(field.inverse!);
      const detach = async (childIds: number[]) => {
        if (!childIds.length) return;
        // As Odoo: removing a child whose link is required (cascade) deletes it.
        if (inverse.ondelete === "cascade" || inverse.required) await comodel.unlink(childIds);
        else await comodel.write(childIds, { [inverse.name]: false });
      };
      const current = async () => (await comodel.withActive(false).search([[inverse.name, "=", id]]));
      // Consecutive creates go in one batch, as Odoo creates them (it matters for step sequences).
      let pending: Values[] = [];
      const flush = async () => {
        if (pending.length) await comodel.create(pending);
        pending = [];
      };
      for (const command of commands) {
        if (command.op === "create") {
          pending.push({ ...command.values, [inverse.name]: id });
          continue;
        }
        await flush();
        switch (command.op) {
          case "update":
            await comodel.write([command.id], command.values);
            break;
          case "delete":
            await comodel.unlink([command.id]);
            break;
          case "unlink":
            await detach([command.id]);
            break;
          case "link":
            await comodel.write([command.id], { [inverse.name]: id });
            break;
          case "clear":
            await detach(await current());
            break;
          case "set": {
            const keep = new Set(command.ids);
            await detach((await current()).filter((child) => !keep.has(child)));
            if (command.ids.length) await comodel.write(command.ids, { [inverse.name]: id });
            break;
          }
        }
      }
      await flush();
      return;
    }
    const rel = relationTableOf(this.definition, field);
    const link = async (targets: number[]) => {
      if (!targets.length) return;
      await comodel.ensureExist(targets);
      const existing = await this.q.selectFrom(rel.table).select(rel.column2).where(rel.column1, "=", id).where(rel.column2, "in", targets).execute();
      const have = new Set(existing.map((row) => Number(row[rel.column2])));
      const rows = [...new Set(targets)].filter((t) => !have.has(t)).map((t) => ({ [rel.column1]: id, [rel.column2]: t }));
      if (rows.length) await this.q.insertInto(rel.table).values(rows).execute();
    };
    const unlinkRows = async (targets: number[] | null) => {
      let query = this.q.deleteFrom(rel.table).where(rel.column1, "=", id);
      if (targets) query = query.where(rel.column2, "in", targets);
      await query.execute();
    };
    for (const command of commands) {
      switch (command.op) {
        case "create":
          await link(await comodel.create([command.values]));
          break;
        case "update":
          await comodel.write([command.id], command.values);
          break;
        case "delete":
          await comodel.unlink([command.id]);
          break;
        case "unlink":
          await unlinkRows([command.id]);
          break;
        case "link":
          await link([command.id]);
          break;
        case "clear":
          await unlinkRows(null);
          break;
        case "set":
          await unlinkRows(null);
          await link(command.ids);
          break;
      }
    }
  }

  /** A copy of this model object whose env has the given active_test. */
  withActive(activeTest: boolean): Model {
    return new Model(this.env.withContext({ active_test: activeTest }), this.definition);
  }

  // ---------------------------------------------------------------- unlink

  async unlink(ids: number[]): Promise<void> {
    const hook = this.definition.hooks?.unlink;
    if (hook) await hook(this.env, ids, (i) => this.unlinkRecords(i));
    else await this.unlinkRecords(ids);
    await this.definition.hooks?.changed?.(this.env);
  }

  private async unlinkRecords(ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    // In slices: a statement binds at most a few ten thousand values (SQLite's own limit).
    if (unique.length > UNLINK_SLICE) {
      for (let start = 0; start < unique.length; start += UNLINK_SLICE) await this.unlinkRecords(unique.slice(start, start + UNLINK_SLICE));
      return;
    }
    const existing = await this.exists(unique);
    if (!existing.length) return;
    const deleting = new Set(existing);
    // Records pointing here: cascade, set null or refuse, as their many2one's ondelete says.
    for (const { model, field } of this.env.registry.referrersOf(this.name)) {
      const ondelete = field.ondelete ?? "set null";
      // One statement, however many rows point here (a step seen in a million conversations).
      if (ondelete === "set null" || field.name === "create_uid" || field.name === "write_uid") {
        await this.q.updateTable(model.table).set({ [field.name]: null }).where(field.name, "in", existing).execute();
        continue;
      }
      const rows = await this.q.selectFrom(model.table).select("id").where(field.name, "in", existing).execute();
      const referring = rows.map((row) => Number(row.id)).filter((id) => model.name !== this.name || !deleting.has(id));
      if (!referring.length) continue;
      if (ondelete === "cascade") await this.env.model(model.name).unlink(referring);
      else
        throw validationError(
          `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${model.description} (${model.name})\nConstraint: ${model.table}_${field.name}_fkey`,
        );
    }
    for (const model of this.env.registry.all()) {
      for (const field of Object.values(model.fields)) {
        if (field.type !== "many2many" || field.related || field.compute) continue;
        const rel = relationTableOf(model, field);
        if (model.name === this.name) await this.q.deleteFrom(rel.table).where(rel.column1, "in", existing).execute();
        if (field.relation === this.name) await this.q.deleteFrom(rel.table).where(rel.column2, "in", existing).execute();
      }
    }
    await this.q.deleteFrom(this.definition.table).where("id", "in", existing).execute();
  }

  // ---------------------------------------------------------------- copy

  async copy(id: number, defaults: Values = {}): Promise<number> {
    const hook = this.definition.hooks?.copy;
    return hook ? hook(this.env, id, defaults, (i, d) => this.copyRecord(i, d)) : this.copyRecord(id, defaults);
  }

  private async copyRecord(id: number, defaults: Values): Promise<number> {
    return this.createOne(await this.copyData(id, defaults));
  }

  /** The values `copy` creates the duplicate with (x2many children copied with `copy: true`). */
  async copyData(id: number, defaults: Values = {}, skip: string[] = []): Promise<Values> {
    const copyable = Object.values(this.definition.fields).filter(
      (field) =>
        !MAGIC_READONLY.has(field.name) &&
        !skip.includes(field.name) &&
        !(field.name in defaults) &&
        !field.compute &&
        !field.related &&
        (field.type === "one2many" ? field.copy === true : field.copy !== false),
    );
    const [record] = await this.withActive(false).read([id], copyable.map((field) => field.name));
    if (!record) throw missingRecord(this.name, [id], this.env.uid);
    const vals: Values = {};
    for (const field of copyable) {
      const value = record[field.name];
      if (field.type === "many2one") vals[field.name] = Array.isArray(value) ? value[0] : false;
      else if (field.type === "many2many") vals[field.name] = [[6, 0, value]];
      else if (field.type === "one2many") {
        const comodel = this.env.model(field.relation!);
        const children: unknown[] = [];
        for (const child of value as number[]) children.push([0, 0, await comodel.copyData(child, {}, [field.inverse!])]);
        vals[field.name] = children;
      } else vals[field.name] = value;
    }
    return { ...vals, ...defaults };
  }

  // ---------------------------------------------------------------- names and fields

  async nameSearch(name = "", domain: Domain = [], operator = "ilike", limit: number | null = 100): Promise<[number, string][]> {
    let full = domain;
    if (name) {
      const byName = this.definition.nameSearchDomain
        ? this.definition.nameSearchDomain(this.env, name, operator)
        : this.definition.recName
          ? ([[this.definition.recName, operator, name]] as Domain)
          : ([["id", "=", Number(name) || 0]] as Domain);
      full = andDomains(byName, domain);
    }
    const ids = await this.search(full, { limit });
    const names = await this.displayNames(ids);
    return ids.map((id) => [id, names.get(id) ?? ""]);
  }

  fieldsGet(fieldNames?: string[] | null, attributes?: string[] | null): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    const names = fieldNames?.length ? fieldNames : Object.keys(this.definition.fields);
    for (const name of names) {
      const field = this.definition.fields[name];
      if (!field || !this.env.canAccessField(field)) continue;
      const description: Record<string, unknown> = {
        name,
        // Odoo's Image field reports itself as "binary".
        type: field.type === "image" ? "binary" : field.type,
        string: field.string,
        help: field.help,
        required: Boolean(field.required),
        // As Odoo: computed and related fields are read-only unless declared otherwise.
        readonly: field.readonly ?? Boolean(field.compute || field.related),
        store: isStored(field),
        searchable: field.searchable ?? (isStored(field) || Boolean(field.related) || field.type === "one2many" || name === "display_name"),
        sortable: isColumn(field) && field.type !== "binary" && field.type !== "image",
        manual: false,
        depends: [],
        company_dependent: false,
        groupable: isColumn(field),
        exportable: true,
        translate: Boolean(field.translate),
      };
      if (field.selection) description.selection = field.selection.map(([value, label]) => [value, label]);
      if (field.relation) {
        description.relation = field.relation;
        description.context = {};
        description.domain = [];
      }
      if (field.type === "one2many") description.relation_field = field.inverse;
      if (field.related) description.related = field.related;
      if (field.type === "many2one") description.ondelete = field.ondelete ?? "set null";
      for (const key of Object.keys(description)) if (description[key] === undefined) delete description[key];
      if (attributes?.length) for (const key of Object.keys(description)) if (!attributes.includes(key)) delete description[key];
      result[name] = description;
    }
    return result;
  }
}

function isStored(field: FieldDef): boolean {
  return field.store !== false && !field.compute && !field.related;
}

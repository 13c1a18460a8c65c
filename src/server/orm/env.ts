// The environment of one operation, as Odoo's `env`: a transaction, the user, the context,
// and access to every model through `env.model(name)`.
import type { Database, Executor } from "../db/database.ts";
import type { Registry } from "./registry.ts";
import { Model } from "./model-api.ts";
import type { FieldDef } from "./fields.ts";

export type Context = Record<string, unknown>;

/** The superuser (Odoo's OdooBot, uid 1): bypasses access rights. */
export const SUPERUSER_ID = 1;

export class Env {
  constructor(
    readonly database: Database,
    /** The transaction (or the database itself) every query of this env runs on. */
    readonly db: Executor,
    readonly registry: Registry,
    readonly uid: number,
    readonly context: Context = {},
    /** Superuser mode: access rights are not checked (internal code runs like this). */
    readonly su = true,
    /** The groups of an RPC caller (field `groups` are checked against them); null for internal code. */
    readonly groups: ReadonlySet<string> | null = null,
  ) {}

  /** May this env see and use the field (Odoo's field `groups`)? */
  canAccessField(field: FieldDef): boolean {
    if (this.su || !field.groups || !this.groups) return true;
    return field.groups.split(",").some((group) => this.groups!.has(group.trim()));
  }

  model(name: string): Model {
    return new Model(this, this.registry.get(name));
  }

  withContext(extra: Context): Env {
    return new Env(this.database, this.db, this.registry, this.uid, { ...this.context, ...extra }, this.su, this.groups);
  }

  sudo(flag = true): Env {
    return new Env(this.database, this.db, this.registry, this.uid, this.context, flag, this.groups);
  }

  withUser(uid: number): Env {
    return new Env(this.database, this.db, this.registry, uid, this.context, this.su, this.groups);
  }
}

// The admin side of Odoo's JSON-RPC: session routes and `call_kw` on models, the same way
// Odoo's web client calls them, so it works against real Odoo and the embedded ERP alike.
import { JsonRpcTransport, type TransportOptions } from "./transport.ts";

export type Domain = (string | [string, string, unknown])[];
export type Context = Record<string, unknown>;

export interface SessionInfo {
  uid: number | false | null;
  name?: string;
  username?: string;
  db?: string;
  server_version?: string;
  user_context?: Context;
  partner_id?: number;
  is_admin?: boolean;
  [key: string]: unknown;
}

export class OdooClient {
  readonly transport: JsonRpcTransport;
  context: Context = {};

  constructor(options: TransportOptions | JsonRpcTransport) {
    this.transport = options instanceof JsonRpcTransport ? options : new JsonRpcTransport(options);
  }

  async authenticate(db: string, login: string, password: string): Promise<SessionInfo> {
    const info = await this.transport.call<SessionInfo>("/web/session/authenticate", { db, login, password });
    this.context = { ...(info.user_context ?? {}) };
    return info;
  }

  sessionInfo(): Promise<SessionInfo> {
    return this.transport.call<SessionInfo>("/web/session/get_session_info", {});
  }

  logout(): Promise<unknown> {
    return this.transport.call("/web/session/destroy", {});
  }

  listDatabases(): Promise<string[]> {
    return this.transport.call<string[]>("/web/database/list", {});
  }

  /** `call_kw` as Odoo's orm service sends it (user context merged into kwargs.context). */
  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    const context = { ...this.context, ...((kwargs.context as Context | undefined) ?? {}) };
    return this.transport.call<T>(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs: { ...kwargs, context } });
  }

  searchRead<T = Record<string, unknown>>(model: string, domain: Domain = [], fields: string[] = [], kwargs: Record<string, unknown> = {}): Promise<T[]> {
    return this.call<T[]>(model, "search_read", [domain], { fields, ...kwargs });
  }

  read<T = Record<string, unknown>>(model: string, ids: number[], fields: string[] = [], kwargs: Record<string, unknown> = {}): Promise<T[]> {
    return this.call<T[]>(model, "read", [ids, fields], kwargs);
  }

  search(model: string, domain: Domain = [], kwargs: Record<string, unknown> = {}): Promise<number[]> {
    return this.call<number[]>(model, "search", [domain], kwargs);
  }

  searchCount(model: string, domain: Domain = []): Promise<number> {
    return this.call<number>(model, "search_count", [domain]);
  }

  /** Creates one record and returns its id (Odoo accepts a list too; then a list is returned). */
  create(model: string, values: Record<string, unknown>): Promise<number> {
    return this.call<number>(model, "create", [values]);
  }

  write(model: string, ids: number[], values: Record<string, unknown>): Promise<boolean> {
    return this.call<boolean>(model, "write", [ids, values]);
  }

  unlink(model: string, ids: number[]): Promise<boolean> {
    return this.call<boolean>(model, "unlink", [ids]);
  }

  /** `copy` returns an id on 17.0 and `[id]` on 18.0; this gives the id on both. */
  async copy(model: string, id: number, defaults: Record<string, unknown> = {}): Promise<number> {
    const result = await this.call<number | number[]>(model, "copy", [id], { default: defaults });
    return Array.isArray(result) ? result[0]! : result;
  }

  nameSearch(model: string, name = "", domain: Domain = [], limit = 8): Promise<[number, string][]> {
    return this.call<[number, string][]>(model, "name_search", [], { name, args: domain, limit });
  }

  fieldsGet(model: string, attributes: string[] = ["string", "type", "required", "readonly", "selection", "relation"]): Promise<Record<string, Record<string, unknown>>> {
    return this.call(model, "fields_get", [], { attributes });
  }
}

// What a route handler receives: the database, the models, the logged-in user (if any) and
// the request, plus ways to answer with cookies or another HTTP status.
import type { IncomingMessage } from "node:http";
import type { Database } from "../db/database.ts";
import type { Registry } from "../orm/registry.ts";
import type { Context, Env } from "../orm/env.ts";
import type { Logger } from "../log.ts";

export interface Session {
  /** The `session_id` cookie value. */
  sid: string;
  uid: number;
  login: string;
  name: string;
  partnerId: number;
  /** Odoo group xml ids, e.g. "im_livechat.im_livechat_group_manager". */
  groups: ReadonlySet<string>;
  /** The user context: lang, tz, uid. */
  context: Context;
}

export interface CookieOptions {
  httpOnly?: boolean;
  maxAge?: number;
  path?: string;
  sameSite?: "Lax" | "Strict" | "None";
}

export interface RequestContext {
  database: Database;
  registry: Registry;
  logger: Logger;
  request: IncomingMessage;
  /** URL path of the request. */
  path: string;
  /** Client address (the socket's; no proxy header is trusted). */
  ip: string;
  /** The logged-in user: resolved for routes with auth "user" or "optional", else null. */
  session: Session | null;
  setCookie(name: string, value: string, options?: CookieOptions): void;
  /** HTTP status of the answer (default 200), e.g. 429 with a UserError. */
  setStatus(status: number): void;
  /** An env on the database for the session user (superuser when no session), outside a transaction. */
  env(options?: { sudo?: boolean; context?: Context }): Env;
  /** Runs `fn` in one transaction with an env for the session user (superuser when no session). */
  transaction<T>(fn: (env: Env) => Promise<T>, options?: { sudo?: boolean; context?: Context }): Promise<T>;
}

export type JsonHandler = (params: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

export interface JsonRouteOptions {
  /** "user": a session is required (code 100 otherwise); "optional": resolved if present; "none": not looked up. */
  auth?: "user" | "optional" | "none";
  /** Answer cross-origin calls (always on under /chatbot_bridge/v1/). */
  cors?: boolean;
}

/** Looks the session cookie up; given to the HTTP layer by the auth module. */
export type SessionResolver = (sid: string) => Promise<Session | null>;

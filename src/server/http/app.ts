// The HTTP server: a route table for JSON-RPC routes (Odoo's envelope), plain HTTP routes,
// WebSocket upgrades, static files, CORS for the bridge routes, and JSON-RPC bodies for every
// transport error (malformed JSON, bad envelope, body too large, unknown route).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import { BRIDGE_PREFIX, LIMITS } from "../../protocol/bridge.ts";
import type { Database } from "../db/database.ts";
import { Env, SUPERUSER_ID, type Context } from "../orm/env.ts";
import type { Registry } from "../orm/registry.ts";
import { OdooError, databaseUnavailable, sessionExpired } from "../orm/errors.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { Logger } from "../log.ts";
import { BodyTooLarge, readBody } from "./body.ts";
import { JsonRpcEndpoint, transportError } from "./jsonrpc.ts";
import type { CookieOptions, JsonHandler, JsonRouteOptions, RequestContext, Session, SessionResolver } from "./context.ts";
import { parseCookies, serializeCookie } from "./cookies.ts";
import { httpLimitsFromEnv } from "./limits.ts";
import { clientAddress, trustedProxiesFromEnv } from "./client-address.ts";

export type HttpHandler = (request: IncomingMessage, response: ServerResponse, ctx: RequestContext) => Promise<void> | void;
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, ctx: RequestContext) => Promise<void> | void;

interface JsonRoute {
  handler: JsonHandler;
  auth: "user" | "optional" | "none";
  cors: boolean;
}

export interface HttpAppOptions {
  database: Database;
  registry: Registry;
  logger: Logger;
  resolveSession?: SessionResolver;
}

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
  "Access-Control-Max-Age": "86400",
};

export class HttpApp {
  readonly server: Server;
  private readonly jsonRoutes = new Map<string, JsonRoute>();
  private readonly jsonPrefixes: [string, JsonRoute][] = [];
  private readonly httpRoutes: { method: string; path: string; prefix: boolean; handler: HttpHandler }[] = [];
  private readonly upgrades: { path: string; handler: UpgradeHandler }[] = [];
  private readonly rpc: JsonRpcEndpoint;
  private readonly trustedProxies = trustedProxiesFromEnv(process.env.TRUST_PROXY);
  resolveSession: SessionResolver;

  constructor(private readonly options: HttpAppOptions) {
    this.rpc = new JsonRpcEndpoint(options.logger);
    this.resolveSession = options.resolveSession ?? (async () => null);
    const limits = httpLimitsFromEnv();
    const timeouts = { requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs };
    this.server = createServer(timeouts, (request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        options.logger.error("request failed", { path: request.url, error: error instanceof Error ? error.message : String(error) });
        if (!response.headersSent) this.sendRpc(response, transportError("serverError"), false);
        else response.destroy();
      });
    });
    this.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.handleUpgrade(request, socket, head).catch(() => socket.destroy());
    });
    this.server.on("clientError", (_error, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    });
  }

  get database(): Database {
    return this.options.database;
  }

  get registry(): Registry {
    return this.options.registry;
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /**
   * Registers a JSON-RPC route (POST). A path ending in "/*" matches every path under it
   * (e.g. "/web/dataset/call_kw/*" for "/web/dataset/call_kw/<model>/<method>").
   */
  json(path: string, handler: JsonHandler, options: JsonRouteOptions = {}): void {
    const route: JsonRoute = { handler, auth: options.auth ?? "none", cors: options.cors ?? path.startsWith(BRIDGE_PREFIX + "/") };
    if (path.endsWith("/*")) this.jsonPrefixes.push([path.slice(0, -1), route]);
    else this.jsonRoutes.set(path, route);
  }

  /** Registers a plain HTTP route; a path ending in "/*" matches every path under it. */
  http(method: string, path: string, handler: HttpHandler): void {
    const prefix = path.endsWith("/*");
    this.httpRoutes.push({ method: method.toUpperCase(), path: prefix ? path.slice(0, -1) : path, prefix, handler });
  }

  /** Registers a WebSocket (or other) upgrade handler for an exact path. */
  upgrade(path: string, handler: UpgradeHandler): void {
    this.upgrades.push({ path, handler });
  }

  private findJson(path: string): JsonRoute | undefined {
    return this.jsonRoutes.get(path) ?? this.jsonPrefixes.find(([prefix]) => path.startsWith(prefix))?.[1];
  }

  private findHttp(method: string, path: string) {
    const methods = method === "HEAD" ? ["HEAD", "GET"] : [method];
    const exact = this.httpRoutes.find((r) => !r.prefix && methods.includes(r.method) && r.path === path);
    if (exact) return exact;
    return this.httpRoutes
      .filter((r) => r.prefix && methods.includes(r.method) && (path.startsWith(r.path) || path + "/" === r.path))
      .sort((a, b) => b.path.length - a.path.length)[0];
  }

  private async sessionOf(request: IncomingMessage): Promise<Session | null> {
    const sid = parseCookies(request.headers.cookie).session_id;
    return sid ? this.resolveSession(sid) : null;
  }

  makeContext(request: IncomingMessage, path: string, session: Session | null, cookies: string[], status: { value: number }): RequestContext {
    const { database, registry, logger } = this.options;
    const envFor = (db: Env["db"], options: { sudo?: boolean; context?: Context } = {}) =>
      new Env(database, db, registry, session?.uid ?? SUPERUSER_ID, { ...(session?.context ?? {}), ...(options.context ?? {}) }, options.sudo ?? !session);
    return {
      database,
      registry,
      logger,
      request,
      path,
      ip: clientAddress(request.socket.remoteAddress ?? "", request.headers["x-forwarded-for"], this.trustedProxies),
      session,
      setCookie: (name: string, value: string, options?: CookieOptions) => cookies.push(serializeCookie(name, value, options)),
      setStatus: (value: number) => (status.value = value),
      env: (options) => envFor(database.kysely, options),
      transaction: (fn, options) => database.transaction((trx) => fn(envFor(trx, options))),
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = request.method ?? "GET";
    const jsonRoute = this.findJson(path);
    const cors = jsonRoute?.cors ?? path.startsWith(BRIDGE_PREFIX + "/");
    if (method === "OPTIONS" && cors) {
      response.writeHead(204, CORS_HEADERS);
      response.end();
      return;
    }
    if (jsonRoute && method === "POST") {
      await this.handleJson(request, response, path, jsonRoute);
      return;
    }
    const httpRoute = this.findHttp(method, path);
    if (httpRoute) {
      const status = { value: 200 };
      const session = await this.sessionOf(request);
      await httpRoute.handler(request, response, this.makeContext(request, path, session, [], status));
      return;
    }
    request.resume();
    this.sendRpc(response, transportError("notFound"), cors);
  }

  private async handleJson(request: IncomingMessage, response: ServerResponse, path: string, route: JsonRoute): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(request, LIMITS.bodyMaxBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (!error.drained) response.setHeader("Connection", "close");
        this.sendRpc(response, transportError("tooLarge"), route.cors);
        return;
      }
      throw error;
    }
    const cookies: string[] = [];
    const status = { value: 200 };
    const answer = await this.rpc.answer(
      body,
      {
        run: async (params) => {
          try {
            let session: Session | null = null;
            if (route.auth !== "none") {
              session = await this.sessionOf(request);
              if (!session && route.auth === "user") throw sessionExpired();
            }
            return await route.handler(params, this.makeContext(request, path, session, cookies, status));
          } catch (caught) {
            const error = isDatabaseUnavailable(caught) ? databaseUnavailable() : caught;
            if (error instanceof OdooError && error.status !== 200) status.value = error.status;
            throw error;
          }
        },
      },
      () => status.value,
    );
    if (cookies.length) response.setHeader("Set-Cookie", cookies);
    this.sendRpc(response, answer, route.cors);
  }

  private sendRpc(response: ServerResponse, answer: { status: number; body: string }, cors: boolean): void {
    response.writeHead(answer.status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(answer.body),
      "Cache-Control": "no-store",
      ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}),
    });
    response.end(answer.body);
  }

  private async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = this.upgrades.find((u) => u.path === path);
    if (!route) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    const session = await this.sessionOf(request);
    await route.handler(request, socket, head, this.makeContext(request, path, session, [], { value: 101 }));
  }

  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        const address = this.server.address() as AddressInfo;
        const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
        resolve(`http://${shownHost}:${address.port}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Long polls and WebSockets do not stop by themselves: give them a moment, then cut.
      setTimeout(() => this.server.closeAllConnections(), 2_000).unref();
    });
  }
}

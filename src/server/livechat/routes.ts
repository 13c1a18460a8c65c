// Bridge v1 on the embedded ERP: the visitor routes, the operator routes, the WebSocket and the
// bot avatar, registered on the HTTP app. `registerLivechat` is called once at start.
import { BRIDGE_ERRORS, BRIDGE_ROUTES } from "../../protocol/bridge.ts";
import type { HttpApp } from "../http/app.ts";
import type { RequestContext, Session } from "../http/context.ts";
import { OdooError, accessError, sessionExpired, userError, validationError } from "../orm/errors.ts";
import { GROUPS } from "../../protocol/odoo.ts";
import { LiveHub } from "./hub.ts";
import { forgetOldResults } from "./idempotency.ts";
import { initResult } from "./init.ts";
import { OperatorDesk } from "./operator-desk.ts";
import { clientId, intParam, optionalInt, optionalString, pollTimeoutMs, replyRequest, urlParam } from "./params.ts";
import { startPostgresFanout, type Fanout } from "./pg-fanout.ts";
import { RATE_LIMIT_STATUS, RateLimiter, rateLimitFromEnv } from "./rate-limit.ts";
import { OpenPolls, pollsPerTokenFromEnv } from "./poll-limit.ts";
import { LivechatRuntime } from "./runtime.ts";
import { serveAvatar } from "./avatar.ts";
import { LivePushSockets } from "./websocket.ts";
import { PUSH_MODE } from "./push-mode.ts";

type Params = Record<string, unknown>;

export interface LivechatHandle {
  runtime: LivechatRuntime;
  hub: LiveHub;
  close(): Promise<void>;
}

export interface LivechatOptions {
  /** PostgreSQL URL when the database is PostgreSQL: live push then fans out across processes. */
  databaseUrl?: string;
}

/** Where the client reached us, for URLs given back to it (push, avatar). */
function originOf(ctx: RequestContext): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, "");
  return `http://${ctx.request.headers.host ?? "127.0.0.1"}`;
}

export async function registerLivechat(app: HttpApp, options: LivechatOptions = {}): Promise<LivechatHandle> {
  const hub = new LiveHub();
  const runtime = new LivechatRuntime(app.database, app.registry, hub);
  const desk = new OperatorDesk(runtime);
  const sockets = new LivePushSockets(runtime, desk);
  const perVisitor = rateLimitFromEnv();
  const visitors = new RateLimiter(perVisitor);
  // Opening conversations is limited per address, with room for many visitors behind one NAT.
  const addresses = new RateLimiter(perVisitor && { burst: perVisitor.burst * 5, perSecond: perVisitor.perSecond * 5 });

  const openPolls = new OpenPolls(pollsPerTokenFromEnv());
  const tooManyRequests = () => {
    const error = userError(BRIDGE_ERRORS.tooManyRequests);
    error.status = RATE_LIMIT_STATUS;
    return error;
  };
  const limit = (_ctx: RequestContext, key: string, limiter = visitors) => {
    if (!limiter.take(key)) throw tooManyRequests();
  };
  const byToken = (params: Params, ctx: RequestContext) => limit(ctx, `t:${typeof params.token === "string" ? params.token.slice(0, 64) : ""}`);
  const byAddress = (ctx: RequestContext) => limit(ctx, `ip:${ctx.ip}`, addresses);
  const operatorSession = (ctx: RequestContext): Session => {
    if (!ctx.session) throw sessionExpired();
    if (!ctx.session.groups.has(GROUPS.livechatUser)) throw accessError(BRIDGE_ERRORS.operatorNotAllowed);
    return ctx.session;
  };

  app.json(BRIDGE_ROUTES.init, async (params, ctx) => {
    byAddress(ctx);
    return initResult(ctx.env({ sudo: true }), {
      livechatChannelId: intParam(params, "channel_id"),
      url: urlParam(params),
      countryCode: optionalString(params, "country_code", 8),
      origin: originOf(ctx),
    });
  });

  app.json(BRIDGE_ROUTES.open, async (params, ctx) => {
    byAddress(ctx);
    return runtime.open({
      livechatChannelId: intParam(params, "channel_id"),
      scriptId: optionalInt(params, "script_id"),
      visitorName: optionalString(params, "visitor_name", 64),
      lang: optionalString(params, "lang", 35),
      countryCode: optionalString(params, "country_code", 8),
      clientOpenId: clientId(params, "client_open_id", false),
    });
  });

  app.json(
    BRIDGE_ROUTES.openTest,
    async (params, ctx) => {
      byAddress(ctx);
      return runtime.openTest(ctx.session, intParam(params, "script_id"), params.operator_available === true);
    },
    { auth: "optional" },
  );

  app.json(BRIDGE_ROUTES.reply, async (params, ctx) => {
    byToken(params, ctx);
    return runtime.reply(params.token, replyRequest(params));
  });

  app.json(BRIDGE_ROUTES.restart, async (params, ctx) => {
    byToken(params, ctx);
    return runtime.restart(params.token, clientId(params, "client_msg_id", false));
  });

  app.json(BRIDGE_ROUTES.close, async (params, ctx) => {
    byToken(params, ctx);
    return runtime.close(params.token, clientId(params, "client_msg_id", false));
  });

  app.json(BRIDGE_ROUTES.history, async (params, ctx) => {
    byToken(params, ctx);
    return runtime.history(params.token);
  });

  app.json(BRIDGE_ROUTES.poll, async (params, ctx) => {
    byToken(params, ctx);
    const afterId = params.after_id === undefined || params.after_id === null ? 0 : intParam(params, "after_id");
    const release = openPolls.take(typeof params.token === "string" ? params.token.slice(0, 64) : "");
    if (!release) throw tooManyRequests();
    const gone = new AbortController();
    const socket = ctx.request.socket;
    const onClose = () => gone.abort();
    socket.once("close", onClose);
    try {
      return await runtime.poll(params.token, afterId, pollTimeoutMs(params, PUSH_MODE.pollMaxTimeout), gone.signal);
    } finally {
      socket.off("close", onClose);
      release();
    }
  });

  app.json(BRIDGE_ROUTES.operatorPresence, async (params, ctx) => desk.presence(operatorSession(ctx), params.online === true), { auth: "user" });
  app.json(BRIDGE_ROUTES.operatorInbox, async (_params, ctx) => desk.inbox(operatorSession(ctx)), { auth: "user" });
  app.json(BRIDGE_ROUTES.operatorHistory, async (params, ctx) => desk.history(operatorSession(ctx), intParam(params, "conversation_id")), { auth: "user" });
  app.json(
    BRIDGE_ROUTES.operatorPost,
    async (params, ctx) => {
      const text = params.text;
      if (typeof text !== "string") throw validationError(BRIDGE_ERRORS.emptyMessage);
      return desk.post(operatorSession(ctx), intParam(params, "conversation_id"), clientId(params, "client_msg_id", true)!, text);
    },
    { auth: "user" },
  );
  app.json(BRIDGE_ROUTES.operatorClose, async (params, ctx) => desk.close(operatorSession(ctx), intParam(params, "conversation_id")), { auth: "user" });

  app.upgrade(BRIDGE_ROUTES.websocket, (request, socket, head, ctx) => sockets.upgrade(request, socket, head, ctx));
  app.http("GET", `${BRIDGE_ROUTES.avatar}/*`, (request, response, ctx) => serveAvatar(runtime, request, response, ctx));

  let fanout: Fanout | null = null;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (app.database.dialect === "postgres" && databaseUrl) fanout = await startPostgresFanout(databaseUrl, hub);

  const sweep = setInterval(() => {
    runtime.database.transaction((trx) => forgetOldResults(runtime.env(trx))).catch((error: unknown) => {
      app.logger.warn("could not forget old bridge results", { error: error instanceof OdooError ? error.message : String(error) });
    });
  }, 3600_000);
  sweep.unref();

  return {
    runtime,
    hub,
    async close() {
      clearInterval(sweep);
      sockets.close();
      await fanout?.close();
    },
  };
}

// Odoo's session and RPC routes: /web/session/*, /web/database/list,
// /web/dataset/call_kw[/<model>/<method>] and /jsonrpc (common, object).
import type { HttpApp } from "../http/app.ts";
import type { RequestContext, Session } from "../http/context.ts";
import { accessDenied, accessError, OdooError } from "../orm/errors.ts";
import { callKw } from "./dispatch.ts";
import { checkPassword } from "./passwords.ts";
import { createSession, destroySession, loadUserSession, SESSION_LIFETIME_S } from "./sessions.ts";
import { GROUP } from "./groups.ts";

export const SERVER_VERSION = "18.0";
export const SERVER_VERSION_INFO = [18, 0, 0, "final", 0, ""];

/** The user id for a login and password, or null. */
async function verifyLogin(ctx: RequestContext, login: unknown, password: unknown): Promise<number | null> {
  if (typeof login !== "string" || typeof password !== "string" || !login || !password) return null;
  const user = await ctx.database.kysely.selectFrom("res_users").select(["id", "active"]).where("login", "=", login).executeTakeFirst();
  if (!user || !(user.active === true || user.active === 1)) return null;
  return (await checkPassword(ctx.env(), Number(user.id), password)) ? Number(user.id) : null;
}

function checkDb(ctx: RequestContext, db: unknown): void {
  if (db !== ctx.database.name) throw accessError("Database not found.");
}

export function sessionInfo(ctx: RequestContext, session: Session) {
  return {
    uid: session.uid,
    is_system: session.groups.has(GROUP.system),
    is_admin: session.groups.has(GROUP.system),
    is_internal_user: session.groups.has(GROUP.user),
    user_context: session.context,
    db: ctx.database.name,
    server_version: SERVER_VERSION,
    server_version_info: SERVER_VERSION_INFO,
    name: session.name,
    username: session.login,
    partner_display_name: session.name,
    partner_id: session.partnerId,
    "web.base.url": `http://${ctx.request.headers.host ?? "localhost"}`,
    // Our addition, so clients can show what the user may do without guessing.
    groups: [...session.groups].sort(),
  };
}

export function registerAuthRoutes(app: HttpApp): void {
  app.json("/web/session/authenticate", async (params, ctx) => {
    checkDb(ctx, params.db);
    const uid = await verifyLogin(ctx, params.login, params.password);
    if (uid === null) throw accessDenied();
    const sid = await createSession(ctx.database, uid);
    const session = await loadUserSession(ctx.database, sid, uid);
    if (!session) throw accessDenied();
    ctx.setCookie("session_id", sid, { httpOnly: true, maxAge: SESSION_LIFETIME_S });
    return sessionInfo(ctx, session);
  });

  app.json("/web/session/get_session_info", async (_params, ctx) => sessionInfo(ctx, ctx.session!), { auth: "user" });

  app.json(
    "/web/session/destroy",
    async (_params, ctx) => {
      if (ctx.session) await destroySession(ctx.database, ctx.session.sid);
      ctx.setCookie("session_id", "", { maxAge: 0 });
      return undefined;
    },
    { auth: "optional" },
  );

  app.json("/web/session/check", async () => undefined, { auth: "user" });

  app.json("/web/database/list", async (_params, ctx) => [ctx.database.name]);

  const callKwRoute = async (params: Record<string, unknown>, ctx: RequestContext) => {
    const session = ctx.session!;
    return callKw(ctx.database, ctx.registry, { uid: session.uid, groups: session.groups, context: session.context }, params.model, params.method, params.args, params.kwargs);
  };
  app.json("/web/dataset/call_kw", callKwRoute, { auth: "user" });
  app.json("/web/dataset/call_kw/*", callKwRoute, { auth: "user" });

  app.json("/jsonrpc", async (params, ctx) => {
    const args = Array.isArray(params.args) ? params.args : [];
    const service = params.service;
    const method = params.method;
    if (service === "common") {
      if (method === "version") return { server_version: SERVER_VERSION, server_version_info: SERVER_VERSION_INFO, server_serie: SERVER_VERSION, protocol_version: 1 };
      if (method === "login" || method === "authenticate") {
        checkDb(ctx, args[0]);
        return (await verifyLogin(ctx, args[1], args[2])) ?? false;
      }
    }
    if (service === "object" && (method === "execute_kw" || method === "execute")) {
      const [db, uid, password, model, modelMethod, ...rest] = args;
      checkDb(ctx, db);
      const user = typeof uid === "number" ? await ctx.database.kysely.selectFrom("res_users").select(["login"]).where("id", "=", uid).executeTakeFirst() : undefined;
      if (!user || (await verifyLogin(ctx, user.login, password)) !== uid) throw accessDenied();
      const session = await loadUserSession(ctx.database, "", uid as number);
      if (!session) throw accessDenied();
      const caller = { uid: session.uid, groups: session.groups, context: session.context };
      if (method === "execute_kw") return callKw(ctx.database, ctx.registry, caller, model, modelMethod, rest[0] ?? [], rest[1] ?? {});
      return callKw(ctx.database, ctx.registry, caller, model, modelMethod, rest, {});
    }
    throw new OdooError("builtins.NameError", `Unknown service or method: ${String(service)}.${String(method)}`);
  });
}


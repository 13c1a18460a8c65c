// Pages and files: the addon's static folder at Odoo's URL (/livechat_chatbot_bridge/static/…),
// the admin app at /web (index.html for its client routes), the demo pages from static/,
// and GET /health.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { HttpApp } from "./app.ts";
import { ADDON_NAME } from "../../protocol/bridge.ts";
import { findFile, sendFile } from "./static-files.ts";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chatbot Bridge</title></head>
<body><h1>The admin app is not built yet</h1><p>Run <code>npm run build</code>, then reload this page.</p></body></html>`;

export function registerPages(app: HttpApp, root: string): void {
  const addonStatic = join(root, "addon", ADDON_NAME, "static");
  const adminDist = join(root, "dist", "admin");
  const siteStatic = join(root, "static");

  app.http("GET", "/health", async (_request, response, ctx) => {
    let database = "ok";
    try {
      await ctx.database.kysely.selectFrom("res_users").select("id").limit(1).execute();
    } catch {
      database = "unavailable";
    }
    const body = JSON.stringify({ status: database === "ok" ? "ok" : "degraded", database: ctx.database.dialect, db: database });
    response.writeHead(database === "ok" ? 200 : 503, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    response.end(body);
  });

  app.http("GET", `/${ADDON_NAME}/static/*`, async (request, response, ctx) => {
    const file = findFile(addonStatic, ctx.path.slice(`/${ADDON_NAME}/static/`.length));
    if (file) sendFile(response, file, request.method ?? "GET", "public, max-age=300");
    else notFoundPage(response);
  });

  const admin = async (request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse, path: string) => {
    const rest = path.replace(/^\/web\/?/, "");
    const asset = rest ? findFile(adminDist, rest) : null;
    if (asset) return sendFile(response, asset, request.method ?? "GET");
    const index = join(adminDist, "index.html");
    if (existsSync(index)) return sendFile(response, index, request.method ?? "GET");
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(NOT_BUILT);
  };
  app.http("GET", "/web", (request, response, ctx) => admin(request, response, ctx.path));
  app.http("GET", "/web/*", (request, response, ctx) => admin(request, response, ctx.path));

  // Everything else on GET: a file of static/ ("/" → index.html, "/contactus" → contactus.html).
  app.http("GET", "/*", async (request, response, ctx) => {
    const file = findFile(siteStatic, ctx.path === "/" ? "index.html" : ctx.path.slice(1));
    if (file) sendFile(response, file, request.method ?? "GET");
    else notFoundPage(response);
  });
}

function notFoundPage(response: import("node:http").ServerResponse): void {
  const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: 404, message: "Not Found", data: { name: "werkzeug.exceptions.NotFound", message: "Not Found", arguments: ["Not Found"] } } });
  response.writeHead(404, { "Content-Type": "application/json; charset=utf-8" });
  response.end(body);
}

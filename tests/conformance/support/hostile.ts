// Shared checks of the hostile-input suites: every answer is a structured JSON-RPC answer
// (a result or an error with a code and a message), never a crash, a 5xx or a stack trace;
// the server keeps answering; and the database holds what it held where a call was refused.
import { BRIDGE_PREFIX, BRIDGE_ROUTES } from "../../../src/protocol/bridge.ts";
import type { OdooClient } from "../../../src/rpc/odoo-client.ts";
import { BASE_URL, CONTACTUS_URL, DEFAULT_CHANNEL, EMBEDDED_ERP } from "./bridge.ts";

/** Every public JSON-RPC route of both servers (bridge v1, session, ORM, /jsonrpc). */
export const BRIDGE_JSON_ROUTES = Object.entries(BRIDGE_ROUTES)
  .filter(([key]) => key !== "websocket" && key !== "avatar")
  .map(([, path]) => path);
export const ODOO_JSON_ROUTES = [
  "/web/session/authenticate",
  "/web/session/get_session_info",
  "/web/session/check",
  "/web/database/list",
  "/web/dataset/call_kw",
  "/web/dataset/call_kw/chatbot.script/search_read",
  "/jsonrpc",
];
export const ALL_JSON_ROUTES = [...BRIDGE_JSON_ROUTES, ...ODOO_JSON_ROUTES];

export interface RawAnswer {
  status: number;
  text: string;
  json: { jsonrpc?: string; id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown; data?: { name?: unknown; message?: unknown; debug?: unknown } } } | null;
}

export async function rawCall(path: string, body: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(BASE_URL + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  let json: RawAnswer["json"] = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* checked by the caller */
  }
  return { status: response.status, text, json };
}

export function callBody(params: unknown, id: unknown = 1): string {
  return JSON.stringify({ jsonrpc: "2.0", method: "call", params, id });
}

const STACK_TRACE = /Traceback \(most recent call last\)|\n\s+at [^\n]+[(:]\d+|node_modules\/|\/src\/server\/|\.ts:\d+:\d+/;

/**
 * What is wrong with an answer, or null: JSON-RPC 2.0 with a result or a structured error, an
 * HTTP status the contract names (never 5xx), no stack trace, no `debug`. Routes that are not
 * bridge routes are held to the embedded ERP's promise only (real Odoo answers some malformed
 * bodies on its own routes with HTML or a traceback in `debug`).
 */
export function answerProblem(path: string, answer: RawAnswer): string | null {
  const strict = EMBEDDED_ERP || path.startsWith(BRIDGE_PREFIX + "/");
  if (answer.status >= 500 && answer.status !== 503) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (!strict) return null;
  if (![200, 400, 404, 413, 429].includes(answer.status)) return `unexpected HTTP ${answer.status}`;
  if (STACK_TRACE.test(answer.text)) return `stack trace in the answer: ${answer.text.slice(0, 300)}`;
  const json = answer.json;
  if (!json || typeof json !== "object") return `not a JSON answer: ${answer.text.slice(0, 200)}`;
  if (json.jsonrpc !== "2.0") return `no "jsonrpc":"2.0": ${answer.text.slice(0, 200)}`;
  if (json.error !== undefined) {
    const { code, message, data } = json.error;
    if (typeof code !== "number" || typeof message !== "string") return `unstructured error: ${answer.text.slice(0, 200)}`;
    if (data && "debug" in data && data.debug) return `debug in the error: ${answer.text.slice(0, 200)}`;
    if (data?.name === "builtins.Exception") return `an unexpected server error: ${answer.text.slice(0, 300)}`;
    return null;
  }
  if (!("result" in json) && answer.status === 200) return null; // a route that returns nothing
  return null;
}

/** The server still answers a normal call correctly. */
export async function aliveProblem(): Promise<string | null> {
  try {
    let answer = await rawCall(BRIDGE_ROUTES.init, callBody({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL }));
    // Fuzzing from one address may use up its rate limit: that is the limit working; wait.
    for (let i = 0; i < 30 && answer.status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      answer = await rawCall(BRIDGE_ROUTES.init, callBody({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL }));
    }
    const result = answer.json?.result as { available?: unknown } | undefined;
    return answer.status === 200 && result && typeof result.available === "boolean" ? null : `init no longer answers: HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
  } catch (error) {
    return `the server no longer answers: ${String(error)}`;
  }
}

/** Models whose content a refused call must leave as it was. */
const WATCHED: [model: string, fields: string[]][] = [
  ["chatbot.script", ["title", "active"]],
  ["chatbot.script.step", ["message", "step_type", "sequence"]],
  ["chatbot.script.answer", ["name", "sequence"]],
  ["im_livechat.channel.rule", ["regex_url", "action", "chatbot_script_id"]],
  ["res.users", ["login", "name"]],
];

/** A fingerprint of the watched models, read as admin. */
export async function databaseSnapshot(admin: OdooClient): Promise<string> {
  const parts: unknown[] = [];
  for (const [model, fields] of WATCHED) {
    parts.push(model, await admin.searchRead(model, [], fields, { order: "id", context: { active_test: false } }));
  }
  return JSON.stringify(parts);
}

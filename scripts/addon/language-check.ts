// A check of the module's Python translations inside a running Odoo (used by verify:odoo, on a
// database with Romanian loaded): a conversation opened in Romanian gets its bridge errors in
// Romanian, from the module's own ro.po, although the calls carry no language of their own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BRIDGE_PREFIX, BRIDGE_ERRORS, type BridgeView, type InitResult } from "../../src/protocol/bridge.ts";
import { parsePo } from "../../src/admin/i18n/po.ts";

export interface LanguageCheck {
  name: string;
  ok: boolean;
  detail: string;
}

async function call<T>(baseUrl: string, route: string, params: object): Promise<{ result?: T; error?: { data: { name: string; message: string } } }> {
  const response = await fetch(`${baseUrl}${BRIDGE_PREFIX}/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }),
  });
  return (await response.json()) as { result?: T; error?: { data: { name: string; message: string } } };
}

/** Opens a Romanian conversation on `channelId`'s `/contactus` rule and asks for a refused reply. */
export async function romanianCheck(baseUrl: string, moduleDir: string, channelId = 1): Promise<LanguageCheck> {
  const name = "Romanian";
  try {
    const ro = parsePo(readFileSync(join(moduleDir, "i18n/ro.po"), "utf8"));
    const url = `${baseUrl}/contactus`;
    const init = await call<InitResult>(baseUrl, "init", { channel_id: channelId, url, lang: "ro-RO" });
    const scriptId = init.result?.chatbot?.script_id;
    if (!scriptId) return { name, ok: false, detail: `no chatbot on ${url}` };
    const opened = await call<BridgeView>(baseUrl, "session/open", { channel_id: channelId, url, script_id: scriptId, lang: "ro-RO" });
    const view = opened.result;
    if (!view) return { name, ok: false, detail: `session/open failed: ${opened.error?.data.message}` };
    // a text where the step wants an answer, or an answer where it wants text
    const question = view.step?.type === "question_selection";
    const english = question ? BRIDGE_ERRORS.chooseAnswer : BRIDGE_ERRORS.expectsText;
    const refused = await call(baseUrl, "session/reply", question ? { token: view.token, client_msg_id: "ro-1", text: "salut" } : { token: view.token, client_msg_id: "ro-1", answer_id: 1 });
    await call(baseUrl, "session/close", { token: view.token });
    const expected = ro.get(english);
    const got = refused.error?.data.message;
    const ok = Boolean(expected) && got === expected;
    return { name, ok, detail: `${ok ? "" : `expected "${expected}", `}error text "${got}" in a conversation opened in ro_RO (the call itself has no language)` };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message.split("\n")[0]! };
  }
}

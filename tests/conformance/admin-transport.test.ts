// Transport on the admin routes: malformed bodies, unknown routes, results of routes that
// return nothing. Status codes hold on both servers; the JSON-RPC bodies of transport errors
// are the embedded ERP's promise (Odoo answers those with HTML).
import { LIMITS, TRANSPORT_ERRORS } from "../../src/protocol/bridge.ts";
import { BASE_URL, EMBEDDED, asAdmin } from "./support/admin.ts";

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(BASE_URL + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  let json: { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: Record<string, unknown> } } | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, json, text };
}

const embeddedOnly = EMBEDDED ? QUnit.test : QUnit.skip;

QUnit.module("admin: transport", () => {
  QUnit.test("malformed JSON is refused (the embedded ERP: HTTP 400, JSON-RPC parse error)", async (assert) => {
    const answer = await post("/web/dataset/call_kw", "{not json");
    if (EMBEDDED) {
      assert.strictEqual(answer.status, 400);
      assert.strictEqual(answer.json?.error?.code, TRANSPORT_ERRORS.parse.code, "JSON-RPC parse error");
      assert.strictEqual(answer.json?.error?.message, TRANSPORT_ERRORS.parse.message);
    } else {
      // Odoo 18 answers its JSONDecodeError (with a stack trace) in an HTTP 200 envelope.
      assert.ok(answer.status === 400 || answer.json?.error, "refused");
    }
  });

  embeddedOnly("a body that is not a JSON-RPC request: HTTP 400, Invalid Request", async (assert) => {
    for (const body of ['"just a string"', "[1,2]", '{"method":"call"}', '{"jsonrpc":"2.0","method":"call","params":[1]}']) {
      const answer = await post("/web/dataset/call_kw", body);
      assert.strictEqual(answer.status, 400, `${body}: HTTP 400`);
      assert.strictEqual(answer.json?.error?.code, TRANSPORT_ERRORS.invalidRequest.code, `${body}: -32600`);
    }
  });

  embeddedOnly("a body over 1 MB: HTTP 413 with a JSON-RPC body", async (assert) => {
    const big = JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { model: "chatbot.script", method: "search", args: [[]], kwargs: { context: { pad: "x".repeat(LIMITS.bodyMaxBytes) } } } });
    const answer = await post("/web/dataset/call_kw", big);
    assert.strictEqual(answer.status, 413);
    assert.strictEqual(answer.json?.error?.code, TRANSPORT_ERRORS.tooLarge.code);
  });

  QUnit.test("call_kw without a session: HTTP 200, code 100 'Odoo Session Expired'", async (assert) => {
    const answer = await post("/web/dataset/call_kw/chatbot.script/search", JSON.stringify({ jsonrpc: "2.0", method: "call", params: { model: "chatbot.script", method: "search", args: [[]], kwargs: {} }, id: 5 }));
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(answer.json?.error?.code, 100);
    assert.strictEqual(answer.json?.error?.message, "Odoo Session Expired");
    if (EMBEDDED) assert.strictEqual(answer.json?.id, 5, "id echoed (Odoo answers id null here)");
  });

  QUnit.test("an unknown route: HTTP 404", async (assert) => {
    const answer = await post("/web/no/such/route", JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id: 3 }));
    assert.strictEqual(answer.status, 404);
    if (EMBEDDED) assert.strictEqual(answer.json?.error?.code, TRANSPORT_ERRORS.notFound.code, "a JSON-RPC body");
  });

  QUnit.test("the answer echoes the request id; a route returning nothing leaves `result` out", async (assert) => {
    const listed = await post("/web/database/list", JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id: "abc-7" }));
    if (listed.json?.result !== undefined) assert.strictEqual(listed.json.id, "abc-7", "id echoed");
    const admin = await asAdmin();
    const cookie = `session_id=${admin.transport.sessionId}`;
    const destroyed = await post("/web/session/destroy", JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id: 9 }), { cookie });
    assert.strictEqual(destroyed.status, 200);
    assert.strictEqual(destroyed.json?.id, 9);
    assert.notOk(destroyed.json && "result" in destroyed.json, "no result key");
    assert.notOk(destroyed.json && "error" in destroyed.json, "no error");
  });

  embeddedOnly("errors never carry a stack trace", async (assert) => {
    const admin = await asAdmin();
    const cookie = `session_id=${admin.transport.sessionId}`;
    const bodies = [
      { model: "chatbot.script", method: "read", args: [[1], ["nope"]], kwargs: {} },
      { model: "chatbot.script", method: "search", args: [["not a domain"]], kwargs: {} },
      { model: "chatbot.script", method: "create", args: ["oops"], kwargs: {} },
      { model: "chatbot.script", method: "write", args: [[1]], kwargs: {} },
      { model: 42, method: null },
    ];
    for (const params of bodies) {
      const answer = await post("/web/dataset/call_kw", JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }), { cookie });
      assert.strictEqual(answer.status, 200, `${JSON.stringify(params)}: HTTP 200`);
      assert.ok(answer.json?.error, "an error");
      assert.notOk(answer.text.includes("debug") || answer.text.includes("    at "), "no stack trace");
    }
  });

  QUnit.test("GET /health (embedded) or the web client answers", async (assert) => {
    const response = await fetch(BASE_URL + (EMBEDDED ? "/health" : "/web/webclient/version_info"), EMBEDDED ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.strictEqual(response.status, 200);
  });
});

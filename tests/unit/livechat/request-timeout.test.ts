// A call the server never answers does not hang: after the transport's timeout it fails as a
// connection error, which the chat retries with the same client ids; a call given a longer
// timeout (a held poll) is let through; the caller's own abort still works.
import { isRetryable } from "../../../src/livechat/chat/core/bridge_service.ts";
import { ConnectionError } from "../../../src/rpc/errors.ts";
import { JsonRpcTransport } from "../../../src/rpc/transport.ts";

/** A fetch that answers after `delayMs`, or never when aborted first (as a stalled server). */
function slowFetch(delayMs: number, seen: string[]): typeof fetch {
  return ((_url: string, init: RequestInit) => {
    seen.push(String(init.body));
    return new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => resolve(new Response(JSON.stringify({ jsonrpc: "2.0", id: JSON.parse(String(init.body)).id, result: "late" }), { headers: { "content-type": "application/json" } })), delayMs);
      init.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  }) as unknown as typeof fetch;
}

QUnit.module("livechat: request timeout", () => {
  QUnit.test("a stalled call fails as a connection error after the timeout, worth a retry", async (assert) => {
    const seen: string[] = [];
    const transport = new JsonRpcTransport({ baseUrl: "http://erp.test", fetch: slowFetch(10_000, seen), timeoutMs: 50 });
    const started = Date.now();
    try {
      await transport.call("/chatbot_bridge/v1/session/reply", { token: "t", client_msg_id: "same" });
      assert.true(false, "should time out");
    } catch (error) {
      assert.true(error instanceof ConnectionError, String(error));
      assert.true(isRetryable(error), "retried like any network failure");
      assert.true(Date.now() - started < 5000, "given up after the timeout, not the server's delay");
    }
  });

  QUnit.test("a call with a longer timeout of its own (a held poll) gets its answer", async (assert) => {
    const transport = new JsonRpcTransport({ baseUrl: "http://erp.test", fetch: slowFetch(100, []), timeoutMs: 20 });
    assert.strictEqual(await transport.call("/chatbot_bridge/v1/session/poll", { timeout: 1 }, undefined, 2000), "late");
  });

  QUnit.test("the caller's abort still ends the call", async (assert) => {
    const transport = new JsonRpcTransport({ baseUrl: "http://erp.test", fetch: slowFetch(10_000, []), timeoutMs: 5000 });
    const abort = new AbortController();
    const call = transport.call("/chatbot_bridge/v1/session/poll", {}, abort.signal);
    abort.abort();
    try {
      await call;
      assert.true(false, "should be aborted");
    } catch (error) {
      assert.true(error instanceof ConnectionError);
    }
  });
});

import { isRetryable } from "../../../src/livechat/chat/core/bridge_service.ts";
import { newClientId, withRetry } from "../../../src/livechat/shared/retry.ts";
import { ConnectionError, RpcError } from "../../../src/rpc/errors.ts";

const noSleep = { sleep: async () => {} };

QUnit.module("livechat: retries", () => {
  QUnit.test("a call that fails on the network is tried again, with the same request, until it works", async (assert) => {
    const seen: string[] = [];
    const pauses: number[] = [];
    const request = { client_msg_id: newClientId() };
    const result = await withRetry(
      async () => {
        seen.push(request.client_msg_id);
        if (seen.length < 3) throw new ConnectionError("offline");
        return "ok";
      },
      { delaysMs: [10, 20, 30], isRetryable, sleep: async (ms) => void pauses.push(ms) },
    );
    assert.strictEqual(result, "ok");
    assert.deepEqual(pauses, [10, 20]);
    assert.strictEqual(new Set(seen).size, 1, "every attempt carries the same client_msg_id");
  });
  QUnit.test("gives up after the last pause and rethrows", async (assert) => {
    let attempts = 0;
    const retried: number[] = [];
    try {
      await withRetry(
        async () => {
          attempts++;
          throw new ConnectionError("down");
        },
        { delaysMs: [1, 1], isRetryable, ...noSleep, onRetry: (_e, n) => retried.push(n) },
      );
      assert.true(false, "should have thrown");
    } catch (error) {
      assert.true(error instanceof ConnectionError);
    }
    assert.strictEqual(attempts, 3);
    assert.deepEqual(retried, [1, 2]);
  });
  QUnit.test("the server's refusals are not retried", async (assert) => {
    let attempts = 0;
    const refusal = new RpcError(200, "Odoo Server Error", { name: "odoo.exceptions.UserError", message: "This conversation has ended." });
    try {
      await withRetry(
        async () => {
          attempts++;
          throw refusal;
        },
        { delaysMs: [1, 1, 1], isRetryable, ...noSleep },
      );
    } catch (error) {
      assert.strictEqual(error, refusal);
    }
    assert.strictEqual(attempts, 1);
  });
  QUnit.test("what counts as worth retrying", (assert) => {
    assert.true(isRetryable(new ConnectionError("x")));
    assert.true(isRetryable(new RpcError(429, "Too many", { name: "odoo.exceptions.UserError", message: "Too many requests. Please wait a moment." }, 429)));
    assert.true(isRetryable(new RpcError(500, "x", undefined, 502)));
    assert.false(isRetryable(new RpcError(200, "Odoo Server Error", { name: "odoo.exceptions.ValidationError", message: "Choose one of the answers." })));
    assert.false(isRetryable(new Error("bug")));
  });
  QUnit.test("client ids are fresh and fit the protocol", (assert) => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientId()));
    assert.strictEqual(ids.size, 100);
    for (const id of ids) assert.true(/^[0-9a-f]{24}$/.test(id));
  });
});

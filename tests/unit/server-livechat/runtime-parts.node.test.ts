// The live chat runtime's small parts: tokens, rate limit, live hub, route parameters.
import { BRIDGE_ERRORS, LIMITS } from "../../../src/protocol/bridge.ts";
import type { BridgeView } from "../../../src/protocol/bridge.ts";
import { LiveHub } from "../../../src/server/livechat/hub.ts";
import { followOn } from "../../../src/server/livechat/websocket.ts";
import { RateLimiter, rateLimitFromEnv } from "../../../src/server/livechat/rate-limit.ts";
import { isWellFormedToken, newVisitorToken } from "../../../src/server/livechat/token.ts";
import { clientId, pollTimeoutMs, replyRequest } from "../../../src/server/livechat/params.ts";
import { OdooError } from "../../../src/server/orm/errors.ts";

function errorText(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof OdooError ? error.message : String(error);
  }
}

QUnit.module("server livechat: parts", () => {
  QUnit.test("visitor tokens are long, random and recognized", (assert) => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newVisitorToken()));
    assert.strictEqual(tokens.size, 1000, "no repeats");
    for (const token of [...tokens].slice(0, 10)) {
      assert.strictEqual(token.length, 32, "192 bits in base64url");
      assert.true(isWellFormedToken(token));
    }
    for (const bad of ["", "short", 42, null, "x".repeat(33), "a".repeat(31) + "!"]) assert.false(isWellFormedToken(bad), String(bad));
  });

  QUnit.test("rate limit: a burst, then refill over time; off disables it", (assert) => {
    const limiter = new RateLimiter({ burst: 3, perSecond: 1 });
    const t = 1_000_000;
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take("v", t)), [true, true, true, false]);
    assert.false(limiter.take("v", t + 500), "half a token is not enough");
    assert.true(limiter.take("v", t + 1000), "one second gives one call");
    assert.true(limiter.take("other", t), "visitors are counted apart");
    assert.strictEqual(rateLimitFromEnv("off"), null);
    assert.deepEqual(rateLimitFromEnv("10/2"), { burst: 10, perSecond: 2 });
    assert.true(new RateLimiter(null).take("x"));
  });

  QUnit.test("hub: listeners per conversation and per operator; waitFor wakes or times out", async (assert) => {
    const hub = new LiveHub();
    const seen: string[] = [];
    const off = hub.onConversation(1, (e) => seen.push(`c${e.conversationId}`));
    hub.onOperator(7, (e) => seen.push(`o${e.conversationId}`));
    const forwarded: number[] = [];
    hub.forward = (e) => forwarded.push(e.conversationId);
    hub.publish({ conversationId: 1, operatorUserId: 7 });
    hub.publish({ conversationId: 2, operatorUserId: null });
    off();
    hub.publish({ conversationId: 1, operatorUserId: null });
    assert.deepEqual(seen, ["c1", "o1"]);
    assert.deepEqual(forwarded, [1, 2, 1], "every local event goes to other processes");
    const woken = hub.waitFor(3, 5000);
    hub.deliver({ conversationId: 3, operatorUserId: null });
    assert.true(await woken);
    const started = Date.now();
    assert.false(await hub.waitFor(4, 30));
    assert.ok(Date.now() - started >= 25);
    const aborted = new AbortController();
    const waiting = hub.waitFor(5, 5000, aborted.signal);
    aborted.abort();
    assert.false(await waiting);
  });

  QUnit.test("reply parameters with bridge v1's texts", (assert) => {
    assert.strictEqual(errorText(() => replyRequest({ text: "x" })), BRIDGE_ERRORS.badClientMsgId);
    assert.strictEqual(errorText(() => replyRequest({ client_msg_id: "", text: "x" })), BRIDGE_ERRORS.badClientMsgId);
    assert.strictEqual(errorText(() => replyRequest({ client_msg_id: "a".repeat(LIMITS.clientMsgIdMax + 1), text: "x" })), BRIDGE_ERRORS.badClientMsgId);
    assert.strictEqual(errorText(() => replyRequest({ client_msg_id: "m", text: "x", answer_id: 3 })), BRIDGE_ERRORS.eitherAnswerOrText);
    assert.strictEqual(errorText(() => replyRequest({ client_msg_id: "m", answer_id: "3" })), BRIDGE_ERRORS.unknownAnswer);
    assert.strictEqual(errorText(() => replyRequest({ client_msg_id: "m", text: 5 })), BRIDGE_ERRORS.eitherAnswerOrText);
    assert.deepEqual(replyRequest({ client_msg_id: "m", answer_id: 3 }), { clientMsgId: "m", answerId: 3, text: null, hold: false });
    assert.deepEqual(replyRequest({ client_msg_id: "m", text: "hi", hold: true }), { clientMsgId: "m", answerId: null, text: "hi", hold: true });
    assert.deepEqual(replyRequest({ client_msg_id: "m" }), { clientMsgId: "m", answerId: null, text: null, hold: false });
    assert.strictEqual(clientId({}, "client_open_id", false), null);
  });

  QUnit.test("poll timeout is clamped to 0–max seconds", (assert) => {
    assert.strictEqual(pollTimeoutMs({}, 30), 0);
    assert.strictEqual(pollTimeoutMs({ timeout: -3 }, 30), 0);
    assert.strictEqual(pollTimeoutMs({ timeout: 2.5 }, 30), 2500);
    assert.strictEqual(pollTimeoutMs({ timeout: 999 }, 30), 30_000);
    assert.strictEqual(pollTimeoutMs({ timeout: "10" }, 30), 0);
  });

  QUnit.test("push: steps' own Views are passed on only when they follow on from what was sent", (assert) => {
    const view = (...ids: number[]) => ({ token: "t", messages: ids.map((id) => ({ id, author: "bot", author_name: "", body: `m${id}`, date: "", step_id: null, answer_id: null })), step: null, state: "bot", closed: false, operator: null }) as BridgeView;
    const ids = (views: BridgeView[] | null) => views && views.map((v) => v.messages.map((m) => m.id));
    assert.deepEqual(ids(followOn([{ afterId: 10, view: view(11, 12) }, { afterId: 12, view: view(13) }], 10)), [[11, 12], [13]], "a chain from the last sent id");
    assert.strictEqual(followOn([{ afterId: 11, view: view(12) }], 10), null, "a message in between not sent yet: read instead");
    assert.strictEqual(followOn([{ afterId: 12, view: view(13) }, { afterId: 10, view: view(11, 12) }], 10), null, "out of order: read instead");
    assert.strictEqual(followOn([{ afterId: 10, view: view(11) }, null], 10), null, "a change that brought no View: read instead");
    assert.deepEqual(ids(followOn([{ afterId: 10, view: view() }, { afterId: 10, view: view(11) }], 10)), [[11]], "a step that posted nothing is skipped");
    assert.strictEqual(followOn([], 10), null, "nothing carried: read");
  });

  QUnit.test("hub: a step's View is delivered in this process and never forwarded to others", (assert) => {
    const hub = new LiveHub();
    const local: unknown[] = [];
    const forwarded: unknown[] = [];
    hub.onConversation(5, (e) => local.push(e.posted?.afterId));
    hub.forward = (e) => forwarded.push(e);
    hub.publish({ conversationId: 5, operatorUserId: null, posted: { afterId: 3, view: { token: "secret", messages: [], step: null, state: "bot", closed: false, operator: null } } });
    assert.deepEqual(local, [3]);
    assert.deepEqual(forwarded, [{ conversationId: 5, operatorUserId: null }], "only the conversation and operator cross processes");
  });
});

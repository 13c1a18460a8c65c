// Live updates by `session/poll` against a stubbed transport: a held poll gets a timeout of its
// own (longer than the hold), and polls that keep failing are said, then unsaid once they work.
import type { BridgeView } from "../../../src/protocol/bridge.ts";
import type { BridgeClient } from "../../../src/rpc/bridge-client.ts";
import { ConnectionError } from "../../../src/rpc/errors.ts";
import { LiveUpdates } from "../../../src/livechat/chat/core/live_updates.ts";

const empty: BridgeView = { token: "tok", messages: [], step: null, state: "operator", closed: false, operator: { name: "Marc Demo" } };

function stubClient(answer: (params: { timeout?: number }, timeoutMs: number | undefined) => Promise<BridgeView>): BridgeClient {
  const transport = { baseUrl: "http://erp.test", call: (_route: string, params: { timeout?: number }, _signal?: AbortSignal, timeoutMs?: number) => answer(params, timeoutMs) };
  return { transport } as unknown as BridgeClient;
}

async function until(condition: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

QUnit.module("livechat: live updates", () => {
  QUnit.test("a held poll is given up only after its hold, plus a margin", async (assert) => {
    const timeouts: (number | undefined)[] = [];
    const live = new LiveUpdates({
      client: stubClient(async (params, timeoutMs) => {
        timeouts.push(timeoutMs);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return empty;
      }),
      push: { websocket: null, poll_max_timeout: 30 },
      token: "tok",
      pollIntervalMs: 10,
      afterId: () => 0,
      onView: () => {},
    });
    live.start();
    await until(() => timeouts.length >= 1, "a poll");
    live.stop();
    assert.true(timeouts[0]! > 30_000, `a 30 s hold is not cut short (${timeouts[0]} ms)`);
  });

  QUnit.test("polls that keep failing are said (reconnecting), and unsaid when they work again", async (assert) => {
    const trouble: boolean[] = [];
    let calls = 0;
    const live = new LiveUpdates({
      client: stubClient(async () => {
        calls++;
        if (calls <= 4) throw new ConnectionError("offline");
        return empty;
      }),
      push: { websocket: null, poll_max_timeout: 0 },
      token: "tok",
      pollIntervalMs: 5,
      afterId: () => 0,
      onView: () => {},
      onTrouble: (t) => trouble.push(t),
    });
    live.start();
    await until(() => calls >= 2, "two polls");
    assert.deepEqual(trouble, [], "one or two failures are routine: nothing said");
    await until(() => trouble.length === 2, "trouble said, then unsaid");
    live.stop();
    assert.deepEqual(trouble, [true, false]);
  });
});

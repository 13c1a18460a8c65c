// The live chat runtime across real server processes: the per-visitor rate limit, and on
// PostgreSQL two processes sharing one database (live push fan-out, one step at a time).
import { BRIDGE_ERRORS } from "../../../src/protocol/bridge.ts";
import { ODOO_ERRORS } from "../../../src/protocol/odoo.ts";
import { BridgeClient } from "../../../src/rpc/bridge-client.ts";
import { RpcError } from "../../../src/rpc/errors.ts";
import { startServer, type RunningServer } from "../../support/server.ts";

async function welcome(server: RunningServer) {
  const client = new BridgeClient({ baseUrl: server.baseUrl });
  const url = `${server.baseUrl}/contactus`;
  const init = await client.init({ channel_id: 1, url });
  const view = await client.open({ channel_id: 1, url, script_id: init.chatbot!.script_id });
  return { client, view };
}

QUnit.module("server livechat: processes", () => {
  QUnit.test("too many calls from one visitor: UserError and HTTP 429", async (assert) => {
    assert.timeout(90_000); // starts a real server
    const server = await startServer({ env: { BRIDGE_RATE_LIMIT: "3/0.01" } });
    try {
      const { client, view } = await welcome(server);
      for (let i = 0; i < 3; i++) await client.history(view.token);
      try {
        await client.history(view.token);
        assert.ok(false, "the fourth call must be refused");
      } catch (error) {
        assert.ok(error instanceof RpcError);
        assert.strictEqual((error as RpcError).status, 429);
        assert.strictEqual((error as RpcError).data?.name, ODOO_ERRORS.user);
        assert.strictEqual((error as RpcError).data?.message, BRIDGE_ERRORS.tooManyRequests);
      }
      const other = await welcome(server);
      assert.ok((await other.client.history(other.view.token)).token, "other visitors are not affected");
    } finally {
      await server.stop();
    }
  });

  const postgres = process.env.TEST_DATABASE_URL;
  const twoProcesses = postgres ? QUnit.test : QUnit.skip;
  twoProcesses("two processes on one PostgreSQL database: live push and step serialization", async (assert) => {
    assert.timeout(120_000); // starts two real servers
    const first = await startServer({ postgresAdminUrl: postgres });
    const second = await startServer({ databaseUrl: first.databaseUrl });
    try {
      const { client, view } = await welcome(first);
      const elsewhere = new BridgeClient({ baseUrl: second.baseUrl });
      const waiting = elsewhere.poll({ token: view.token, after_id: view.messages.at(-1)!.id, timeout: 10 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const answer = view.step!.answers.find((a) => a.name === "I am just looking around")!;
      await client.reply({ token: view.token, client_msg_id: "a", answer_id: answer.id });
      const woken = await waiting;
      assert.ok(Date.now() - started < 2000, `the other process delivered in ${Date.now() - started} ms`);
      assert.strictEqual(woken.messages[0]?.body, "I am just looking around");

      const race = await welcome(first);
      const [a, b] = race.view.step!.answers;
      const settled = await Promise.allSettled([
        race.client.reply({ token: race.view.token, client_msg_id: "x", answer_id: a!.id }),
        new BridgeClient({ baseUrl: second.baseUrl }).reply({ token: race.view.token, client_msg_id: "y", answer_id: b!.id }),
      ]);
      assert.strictEqual(settled.filter((s) => s.status === "fulfilled").length, 1, "one answer advanced the conversation");
      const refused = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
      assert.ok(refused?.reason instanceof RpcError, "the other was refused by the conversation's new state");
      const history = await race.client.history(race.view.token);
      assert.strictEqual(history.messages.filter((m) => m.author === "visitor").length, 1, "only one answer was posted");
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

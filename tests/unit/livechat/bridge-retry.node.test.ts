// Over real HTTP: a reply whose first attempts fail (a dropped connection, then a 503 from a
// proxy) is sent again with the same client_msg_id, and the server's answer comes through.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BridgeService } from "../../../src/livechat/chat/core/bridge_service.ts";
import { BRIDGE_ROUTES } from "../../../src/protocol/bridge.ts";
import type { RpcError } from "../../../src/rpc/errors.ts";

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

QUnit.module("livechat: retried calls over HTTP", () => {
  QUnit.test("same client_msg_id on every attempt; refusals come back once", async (assert) => {
    const bodies: { route: string; params: Record<string, unknown> }[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c));
      req.on("end", () => {
        const body = JSON.parse(raw) as { id: number; params: Record<string, unknown> };
        bodies.push({ route: req.url!, params: body.params });
        const n = bodies.length;
        if (n === 1) return req.socket.destroy();
        if (n === 2) return res.writeHead(503, { "content-type": "text/html" }).end("<h1>Service Unavailable</h1>");
        res.writeHead(200, { "content-type": "application/json" });
        if (body.params.text === "refused")
          return res.end(JSON.stringify({ jsonrpc: "2.0", id: body.id, error: { code: 200, message: "Odoo Server Error", data: { name: "odoo.exceptions.UserError", message: "This conversation has ended." } } }));
        res.end(JSON.stringify({ jsonrpc: "2.0", id: body.id, result: { token: "t", messages: [], step: null, state: "ended", closed: false, operator: null } }));
      });
    });
    const baseUrl = await listen(server);
    try {
      let retries = 0;
      const service = new BridgeService(baseUrl, () => retries++, [1, 1, 1]);
      const view = await service.reply({ token: "t", client_msg_id: "abc123", text: "hello" });
      assert.strictEqual(view.state, "ended");
      assert.strictEqual(bodies.length, 3);
      assert.deepEqual(
        bodies.map((b) => [b.route, b.params.client_msg_id]),
        [
          [BRIDGE_ROUTES.reply, "abc123"],
          [BRIDGE_ROUTES.reply, "abc123"],
          [BRIDGE_ROUTES.reply, "abc123"],
        ],
      );
      assert.strictEqual(retries, 2);
      try {
        await service.reply({ token: "t", client_msg_id: "def456", text: "refused" });
        assert.true(false, "should be refused");
      } catch (error) {
        assert.strictEqual((error as Error).message, "This conversation has ended.");
        assert.strictEqual((error as RpcError).exceptionName, "odoo.exceptions.UserError", "the Odoo error name survives the JSON-RPC client");
      }
      assert.strictEqual(bodies.length, 4, "a refusal is not retried");
    } finally {
      server.close();
    }
  });
});

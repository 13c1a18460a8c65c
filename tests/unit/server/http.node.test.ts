// Small pieces of the HTTP layer: cookies, static file lookup (no way out of the folder), the
// body reader's refusal of large bodies, and answers carrying a result serialized before.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { BodyTooLarge, readBody } from "../../../src/server/http/body.ts";
import { parseCookies, serializeCookie } from "../../../src/server/http/cookies.ts";
import { findFile } from "../../../src/server/http/static-files.ts";
import { jsonText } from "../../../src/server/http/json-text.ts";
import { JsonRpcEndpoint } from "../../../src/server/http/jsonrpc.ts";
import { createLogger } from "../../../src/server/log.ts";
import { HttpApp } from "../../../src/server/http/app.ts";
import { clientAddress, trustedProxiesFromEnv } from "../../../src/server/http/client-address.ts";
import type { Database } from "../../../src/server/db/database.ts";
import { Registry } from "../../../src/server/orm/registry.ts";

QUnit.module("server: HTTP helpers", () => {
  QUnit.test("client address: the socket's, or behind TRUST_PROXY proxies the one they forwarded", (assert) => {
    assert.strictEqual(clientAddress("10.0.0.2", "1.2.3.4", 0), "10.0.0.2", "no trusted proxy: the header is ignored");
    assert.strictEqual(clientAddress("10.0.0.2", "1.2.3.4", 1), "1.2.3.4");
    assert.strictEqual(clientAddress("10.0.0.2", "6.6.6.6, 1.2.3.4", 1), "1.2.3.4", "what the client claimed itself is not trusted");
    assert.strictEqual(clientAddress("10.0.0.3", "6.6.6.6, 1.2.3.4, 10.0.0.2", 2), "1.2.3.4", "two proxies");
    assert.strictEqual(clientAddress("10.0.0.2", ["1.2.3.4", "10.0.0.9"], 2), "1.2.3.4", "repeated headers read as one list");
    assert.strictEqual(clientAddress("10.0.0.2", " , ", 1), "10.0.0.2");
    assert.strictEqual(clientAddress("10.0.0.2", "1.2.3.4", 5), "1.2.3.4", "fewer entries than hops: the first");
    assert.deepEqual(["", "0", "-1", "x", "1", "2", "99"].map(trustedProxiesFromEnv), [0, 0, 0, 0, 1, 2, 10]);
  });

  QUnit.test("a route that fails inside the server answers HTTP 500 with a JSON-RPC body that says nothing more", async (assert) => {
    const app = new HttpApp({ database: {} as Database, registry: new Registry([]), logger: createLogger("error", () => undefined) });
    app.http("GET", "/boom", () => {
      throw new Error("secret detail /etc/passwd");
    });
    const url = await app.listen("127.0.0.1", 0);
    try {
      const response = await fetch(url + "/boom");
      const text = await response.text();
      assert.strictEqual(response.status, 500);
      const body = JSON.parse(text) as { error: { code: number; message: string } };
      assert.strictEqual(body.error.code, -32603);
      assert.strictEqual(body.error.message, "Internal error");
      assert.notOk(text.includes("secret") || text.includes("passwd"), "no detail of the failure");
    } finally {
      await app.close();
    }
  });

  QUnit.test("cookies: parsed from the header; the first of a name wins; Set-Cookie is HttpOnly by default", (assert) => {
    assert.deepEqual(parseCookies("a=1; session_id=abc%3D; a=2"), { a: "1", session_id: "abc=" });
    assert.deepEqual(parseCookies(undefined), {});
    assert.deepEqual(parseCookies("broken; x=%E0%A4%A"), { x: "%E0%A4%A" }, "an undecodable value is kept as is");
    assert.strictEqual(serializeCookie("session_id", "s", { maxAge: 60 }), "session_id=s; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  });

  QUnit.test("a result serialized before is answered with the very bytes JSON.stringify would give", async (assert) => {
    const endpoint = new JsonRpcEndpoint(createLogger("error"));
    const view = { token: "t", messages: [{ id: 1, body: "<b>\"quoted\"</b> é 👋" }], step: null, state: "bot", closed: false, operator: null };
    const call = (id: unknown) => Buffer.from(JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id }));
    for (const id of [7, "abc", null]) {
      const plain = await endpoint.answer(call(id), { run: async () => structuredClone(view) }, () => 200);
      const text = jsonText(view);
      const known = await endpoint.answer(call(id), { run: async () => view }, () => 200);
      assert.strictEqual(known.body, plain.body, `id ${JSON.stringify(id)}`);
      assert.strictEqual(jsonText(view), text, "made once");
    }
  });

  QUnit.test("static files: exact file, .html, index.html; nothing outside the folder", (assert) => {
    const root = mkdtempSync(join(tmpdir(), "cb-static-"));
    const outside = mkdtempSync(join(tmpdir(), "cb-outside-"));
    try {
      mkdirSync(join(root, "docs"));
      writeFileSync(join(root, "index.html"), "home");
      writeFileSync(join(root, "contactus.html"), "contact");
      writeFileSync(join(root, "docs", "index.html"), "docs");
      writeFileSync(join(outside, "secret.txt"), "secret");
      assert.strictEqual(findFile(root, "index.html"), join(root, "index.html"));
      assert.strictEqual(findFile(root, "contactus"), join(root, "contactus.html"));
      assert.strictEqual(findFile(root, "docs"), join(root, "docs", "index.html"));
      assert.strictEqual(findFile(root, "nope"), null);
      assert.strictEqual(findFile(root, `../${outside.split("/").pop()}/secret.txt`), null, "../ refused");
      assert.strictEqual(findFile(root, `%2e%2e/${outside.split("/").pop()}/secret.txt`), null, "encoded ../ refused");
      assert.strictEqual(findFile(root, "index.html%00.png"), null, "NUL refused");
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  QUnit.test("body reader: a too large body is read to its end, so the 413 reaches the client and the connection is kept", async (assert) => {
    const limit = 1000;
    const server: Server = createServer((request, response) => {
      readBody(request, limit).then(
        (body) => response.end(`ok ${body.length}`),
        (error: unknown) => {
          const drained = error instanceof BodyTooLarge && error.drained;
          if (!drained) response.setHeader("Connection", "close");
          response.statusCode = 413;
          response.end(drained ? "too large, drained" : "too large, closing");
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      const waitFor = async (pattern: RegExp) => {
        for (let i = 0; i < 200 && !pattern.test(received); i++) await new Promise((resolve) => setTimeout(resolve, 10));
        return pattern.test(received);
      };
      // Over the limit with Content-Length, sent in pieces: no answer before the body ends.
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${limit * 3}\r\n\r\n`);
      socket.write("a".repeat(limit * 2));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.strictEqual(received, "", "nothing is answered while the client is still sending");
      socket.write("a".repeat(limit));
      assert.true(await waitFor(/too large, drained/), "413 once the body has ended");
      assert.notOk(/connection: close/i.test(received), "the connection is kept");
      // The same connection then serves a normal request.
      socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      assert.true(await waitFor(/ok 5/), "the next request on the same connection is answered");
      socket.destroy();

      // Declared far beyond the drain limit: refused at once and the connection closed.
      const huge = connect(port, "127.0.0.1");
      let hugeAnswer = "";
      huge.on("data", (chunk) => (hugeAnswer += chunk.toString()));
      huge.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${limit * 100}\r\n\r\n`);
      for (let i = 0; i < 200 && !/too large, closing/.test(hugeAnswer); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.true(/too large, closing/.test(hugeAnswer) && /connection: close/i.test(hugeAnswer), "refused before the body is sent, connection closed");
      huge.destroy();
    } finally {
      server.close();
    }
  });
});

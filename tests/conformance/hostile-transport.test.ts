// Hostile bodies on every public route and the JSON-RPC dispatcher: a corpus of known
// payloads (malformed JSON, wrong envelopes, deep nesting, huge strings, prototype keys) and
// fast-check generated bodies and params. Each answer is structured, the server never crashes.
import fc from "fast-check";
import { LIMITS } from "../../src/protocol/bridge.ts";
import { loginAdmin } from "./support/bridge.ts";
import { ALL_JSON_ROUTES, aliveProblem, answerProblem, callBody, databaseSnapshot, rawCall } from "./support/hostile.ts";

const deep = (depth: number, leaf: string) => "[".repeat(depth) + leaf + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Known hostile bodies (raw text, sent as is). */
const BODY_CORPUS: [label: string, body: string][] = [
  ["empty body", ""],
  ["not JSON", "{not json"],
  ["truncated JSON", '{"jsonrpc":"2.0","method":"call","params":{"token":"'],
  ["JSON null", "null"],
  ["JSON number", "42"],
  ["JSON string", '"call"'],
  ["JSON array (batch)", '[{"jsonrpc":"2.0","method":"call","params":{},"id":1}]'],
  ["empty array", "[]"],
  ["empty object", "{}"],
  ["wrong jsonrpc version", '{"jsonrpc":"1.0","method":"call","params":{},"id":1}'],
  ["method not a string", '{"jsonrpc":"2.0","method":7,"params":{},"id":1}'],
  ["params a string", '{"jsonrpc":"2.0","method":"call","params":"x","id":1}'],
  ["params an array", '{"jsonrpc":"2.0","method":"call","params":[1,2],"id":1}'],
  ["params a number", '{"jsonrpc":"2.0","method":"call","params":1,"id":1}'],
  ["id an object", '{"jsonrpc":"2.0","method":"call","params":{},"id":{"x":1}}'],
  ["duplicate keys", '{"jsonrpc":"2.0","method":"call","params":{},"params":{"token":1},"id":1}'],
  ["__proto__ in params", '{"jsonrpc":"2.0","method":"call","params":{"__proto__":{"uid":1,"sudo":true,"isAdmin":true}},"id":1}'],
  ["constructor.prototype in params", '{"jsonrpc":"2.0","method":"call","params":{"constructor":{"prototype":{"uid":1}}},"id":1}'],
  ["__proto__ at top level", '{"__proto__":{"jsonrpc":"2.0"},"method":"call","params":{},"id":1}'],
  ["deeply nested array params", `{"jsonrpc":"2.0","method":"call","params":{"args":${deep(5000, "1")}},"id":1}`],
  ["deeply nested object params", `{"jsonrpc":"2.0","method":"call","params":${deepObject(5000)},"id":1}`],
  ["nesting deeper than the parser", deep(200_000, "")],
  ["huge string value (900 kB)", callBody({ token: "t".repeat(900_000), text: "x".repeat(10) })],
  ["lone surrogates", '{"jsonrpc":"2.0","method":"call","params":{"token":"\\ud800\\udfff\\ud800"},"id":1}'],
  ["NUL characters", callBody({ token: "\u0000\u0000", text: "\u0000" })],
  ["BOM before the JSON", "\ufeff" + callBody({})],
  ["invalid UTF-8 bytes", "\u00ff\u00fe" + callBody({})],
  ["numbers out of range", '{"jsonrpc":"2.0","method":"call","params":{"channel_id":1e400,"script_id":-1e400,"after_id":9007199254740993},"id":1}'],
];

QUnit.module("hostile input: transport", (hooks) => {
  let snapshot = "";
  hooks.before(async () => {
    snapshot = await databaseSnapshot(await loginAdmin());
  });
  hooks.after(async (assert) => {
    assert.strictEqual(await databaseSnapshot(await loginAdmin()), snapshot, "the database is unchanged after every hostile body");
  });

  QUnit.test("known hostile bodies on every route: structured answers, no stack trace", async (assert) => {
    assert.timeout(180_000);
    for (const route of ALL_JSON_ROUTES) {
      for (const [label, body] of BODY_CORPUS) {
        const answer = await rawCall(route, body);
        const problem = answerProblem(route, answer);
        assert.strictEqual(problem, null, `${route} — ${label}`);
      }
    }
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });

  QUnit.test("a body over the size limit, with and without Content-Length, on every route", async (assert) => {
    assert.timeout(180_000);
    const big = "x".repeat(LIMITS.bodyMaxBytes + 10);
    for (const route of ALL_JSON_ROUTES.slice(0, 3)) {
      const answer = await rawCall(route, big);
      assert.strictEqual(answer.status, 413, `${route}: HTTP 413`);
      assert.strictEqual(answerProblem(route, answer), null, `${route}: structured`);
    }
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });

  QUnit.test("fast-check: arbitrary bodies on every route", async (assert) => {
    assert.timeout(180_000);
    let problems = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_JSON_ROUTES), fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 6 }), fc.string({ unit: "binary", maxLength: 200 })), async (route, body) => {
        const problem = answerProblem(route, await rawCall(route, body));
        if (problem) {
          problems++;
          assert.strictEqual(problem, null, `${route} ${JSON.stringify(body).slice(0, 120)}`);
        }
        return problem === null;
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 7) },
    );
    assert.strictEqual(problems, 0, "every arbitrary body got a structured answer");
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });

  QUnit.test("fast-check: well-formed envelopes with arbitrary params (wrong types, prototype keys) on every route", async (assert) => {
    assert.timeout(180_000);
    const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "token", "channel_id", "script_id", "client_msg_id", "answer_id", "text", "hold", "after_id", "timeout", "model", "method", "args", "kwargs", "context", "domain", "fields", "db", "login", "password", "service");
    const params = fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 });
    let problems = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_JSON_ROUTES), fc.oneof(params, fc.jsonValue({ maxDepth: 3 })), fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null)), async (route, p, id) => {
        const problem = answerProblem(route, await rawCall(route, callBody(p, id)));
        if (problem) {
          problems++;
          assert.strictEqual(problem, null, `${route} ${JSON.stringify(p).slice(0, 160)}`);
        }
        return problem === null;
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 11) },
    );
    assert.strictEqual(problems, 0, "every arbitrary call got a structured answer");
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });

  QUnit.test("prototype keys leave no trace: later calls behave as before", async (assert) => {
    assert.timeout(180_000);
    const polluting = '{"jsonrpc":"2.0","method":"call","params":{"__proto__":{"uid":1,"sudo":true,"session":{"uid":1},"groups":["base.group_system"]},"model":"res.users","method":"search_read","args":[[]],"kwargs":{"fields":["login"]}},"id":1}';
    for (const route of ALL_JSON_ROUTES) await rawCall(route, polluting);
    const anonymous = await rawCall("/web/dataset/call_kw/res.users/search_read", callBody({ model: "res.users", method: "search_read", args: [[]], kwargs: { fields: ["login"] } }));
    assert.ok(anonymous.json?.error, "an anonymous call_kw is still refused");
    assert.strictEqual(anonymous.json?.result, undefined, "and returns no users");
    assert.strictEqual(({} as Record<string, unknown>).uid, undefined, "(the client's own prototype is untouched too)");
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });
});

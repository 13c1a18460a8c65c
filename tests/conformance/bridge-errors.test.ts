// Bridge v1 errors: every exact text, transport errors, foreign tokens and hostile input.
import { BRIDGE_ERRORS, BRIDGE_ROUTES, LIMITS, TRANSPORT_ERRORS } from "../../src/protocol/bridge.ts";
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import { OdooClient } from "../../src/rpc/odoo-client.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import {
  BASE_URL,
  CONTACTUS_URL,
  DEFAULT_CHANNEL,
  EMBEDDED_ERP,
  HAS_OPERATOR_ROUTES,
  answerNamed,
  bodies,
  bridgeWithSession,
  createScript,
  envelope,
  loginAdmin,
  msgId,
  rawPost,
  rejectsWith,
  testIf,
  visitor,
  type StepSpec,
} from "./support/bridge.ts";

let admin: OdooClient;
const V = ODOO_ERRORS.validation;

async function openTest(steps: StepSpec[], operatorAvailable = false) {
  const script = await createScript(admin, steps);
  return bridgeWithSession(admin).openTest({ script_id: script.id, ...(operatorAvailable ? { operator_available: true } : {}) });
}

async function historyLength(token: string): Promise<number> {
  return (await visitor().history(token)).messages.length;
}

QUnit.module("bridge: errors", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("reply parameter validation, with the exact texts, storing nothing", async (assert) => {
    const question = await openTest([
      { type: "question_selection", message: "Q", answers: ["A"] },
      { type: "free_input_single", message: "Say" },
    ]);
    const other = await openTest([{ type: "question_selection", message: "Other", answers: ["X"] }]);
    const token = question.token;
    const before = await historyLength(token);
    const reply = (params: Record<string, unknown>) => visitor().reply({ token, client_msg_id: msgId(), ...params } as never);
    await rejectsWith(assert, reply({}), V, BRIDGE_ERRORS.eitherAnswerOrText, "neither answer nor text on a question");
    await rejectsWith(assert, reply({ answer_id: answerNamed(question, "A"), text: "A" }), V, BRIDGE_ERRORS.eitherAnswerOrText, "both");
    await rejectsWith(assert, reply({ text: "A" }), V, BRIDGE_ERRORS.chooseAnswer, "text on a question");
    await rejectsWith(assert, reply({ answer_id: answerNamed(other, "X") }), V, BRIDGE_ERRORS.unknownAnswer, "answer of another script");
    await rejectsWith(assert, reply({ answer_id: 987654321 }), V, BRIDGE_ERRORS.unknownAnswer, "answer that does not exist");
    // The contract names no text for a bad client_msg_id: only the error kind is checked.
    assert.strictEqual(await errorName(visitor().reply({ token, client_msg_id: "", answer_id: answerNamed(question, "A") })), V, "empty client_msg_id");
    assert.strictEqual(await errorName(visitor().reply({ token, client_msg_id: "x".repeat(LIMITS.clientMsgIdMax + 1), answer_id: answerNamed(question, "A") })), V, "client_msg_id over 64 characters");
    assert.strictEqual(await errorName(visitor().transport.call(BRIDGE_ROUTES.reply, { token, answer_id: answerNamed(question, "A") })), V, "missing client_msg_id");
    assert.strictEqual(await historyLength(token), before, "nothing stored by refused replies");

    const input = await visitor().reply({ token, client_msg_id: msgId(), answer_id: answerNamed(question, "A") });
    assert.strictEqual(input.step?.type, "free_input_single");
    await rejectsWith(assert, reply({ answer_id: answerNamed(question, "A") }), V, BRIDGE_ERRORS.expectsText, "answer on an input step");
    await rejectsWith(assert, reply({ text: "   \n  " }), V, BRIDGE_ERRORS.emptyMessage, "blank text");
    await rejectsWith(assert, reply({ text: "y".repeat(LIMITS.textMax + 1) }), V, BRIDGE_ERRORS.tooLong, "text over 4000 characters");
    await rejectsWith(assert, reply({}), V, BRIDGE_ERRORS.eitherAnswerOrText, "neither on a single input step");
    // `hold` belongs to multi-line answers; the contract names no text for this refusal.
    assert.strictEqual(await errorName(reply({ text: "held?", hold: true })), V, "hold on a single-line input step");
    assert.strictEqual(await historyLength(token), before + 2, "nothing stored by refused replies");
    const longest = await reply({ text: `  ${"z".repeat(LIMITS.textMax)}  ` });
    assert.strictEqual(longest.messages[0]!.body.trim().length, LIMITS.textMax, "4000 characters after trimming are accepted");
  });

  QUnit.test("an answer of an earlier step of the same script is refused", async (assert) => {
    const view = await openTest([
      { type: "question_selection", message: "Q1", answers: ["A"] },
      { type: "question_selection", message: "Q2", answers: ["B"] },
    ]);
    const first = answerNamed(view, "A");
    await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: first });
    await rejectsWith(assert, visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: first }), V, BRIDGE_ERRORS.unknownAnswer);
  });

  QUnit.test("states: ended, closed, operator", async (assert) => {
    const ended = await openTest([{ type: "free_input_single", message: "Say" }]);
    await visitor().reply({ token: ended.token, client_msg_id: msgId(), text: "bye" });
    await rejectsWith(assert, visitor().reply({ token: ended.token, client_msg_id: msgId(), text: "more" }), ODOO_ERRORS.user, BRIDGE_ERRORS.ended);
    await visitor().close(ended.token);
    await rejectsWith(assert, visitor().reply({ token: ended.token, client_msg_id: msgId(), text: "more" }), ODOO_ERRORS.user, BRIDGE_ERRORS.closed);
    await rejectsWith(assert, visitor().restart(ended.token), ODOO_ERRORS.user, BRIDGE_ERRORS.closed, "restart when closed");

    const withOperator = await openTest([{ type: "question_selection", message: "Q", answers: ["Human"] }, { type: "forward_operator", message: "One moment" }], true);
    const joined = await visitor().reply({ token: withOperator.token, client_msg_id: msgId(), answer_id: answerNamed(withOperator, "Human") });
    assert.strictEqual(joined.state, "operator");
    await rejectsWith(assert, visitor().restart(withOperator.token), ODOO_ERRORS.user, BRIDGE_ERRORS.operatorPresent);
    const closed = await visitor().close(withOperator.token);
    assert.strictEqual(closed.state, "ended");
    assert.true(closed.closed);
  });

  QUnit.test("unknown, malformed and foreign tokens: MissingError that says nothing more", async (assert) => {
    const real = await openTest([{ type: "free_input_single", message: "Say" }]);
    const fakes = ["", "nope", real.token.slice(0, -1) + (real.token.endsWith("A") ? "B" : "A"), "x".repeat(500), "' or 1=1 --"];
    for (const token of fakes) {
      const label = JSON.stringify(token).slice(0, 30);
      await rejectsWith(assert, visitor().reply({ token, client_msg_id: msgId(), text: "hi" }), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, `reply ${label}`);
      await rejectsWith(assert, visitor().history(token), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, `history ${label}`);
    }
    await rejectsWith(assert, visitor().poll({ token: "nope", after_id: 0, timeout: 0 }), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "poll");
    await rejectsWith(assert, visitor().restart("nope"), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "restart");
    await rejectsWith(assert, visitor().close("nope"), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "close");
    await rejectsWith(assert, visitor().transport.call(BRIDGE_ROUTES.history, { token: 42 }), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "a number as token");
    assert.strictEqual(await historyLength(real.token), 1, "the real conversation is untouched");
  });

  QUnit.test("a conversation deleted by an admin: its token, used before, is refused afterwards", async (assert) => {
    const chat = await openTest([
      { type: "free_input_single", message: "First" },
      { type: "free_input_single", message: "Second" },
    ]);
    await visitor().reply({ token: chat.token, client_msg_id: msgId(), text: "one" });
    // The channel of the token: a column of discuss.channel here, the addon's own model on Odoo.
    const conversationId = EMBEDDED_ERP
      ? (await admin.search("discuss.channel", [["bridge_token", "=", chat.token]]))[0]
      : ((await admin.searchRead("livechat_chatbot_bridge.conversation", [["token", "=", chat.token]], ["channel_id"]))[0]?.channel_id as [number, string] | undefined)?.[0];
    assert.ok(conversationId, "the conversation is found");
    assert.strictEqual(await admin.unlink("discuss.channel", [conversationId!]), true);
    await rejectsWith(assert, visitor().reply({ token: chat.token, client_msg_id: msgId(), text: "two" }), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "reply");
    await rejectsWith(assert, visitor().history(chat.token), ODOO_ERRORS.missing, BRIDGE_ERRORS.noConversation, "history");
  });

  QUnit.test("open_test needs a logged-in user with livechat rights", async (assert) => {
    const script = await createScript(admin, [{ type: "text", message: "hi" }]);
    await rejectsWith(assert, visitor().openTest({ script_id: script.id }), ODOO_ERRORS.access, BRIDGE_ERRORS.testNotAllowed);
  });

  testIf("session/open without a script and without an operator", HAS_OPERATOR_ROUTES, "operators cannot be made offline on this server", async (assert) => {
    await rejectsWith(assert, visitor().open({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL }), ODOO_ERRORS.user, BRIDGE_ERRORS.noOperator);
  });

  QUnit.test("session/open serves only chatbots of the channel's rules", async (assert) => {
    const stray = await createScript(admin, [{ type: "free_input_single", message: "Say" }]);
    await rejectsWith(assert, visitor().open({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: stray.id }), ODOO_ERRORS.user, BRIDGE_ERRORS.chatbotUnavailable);
    const missing = await visitor()
      .open({ channel_id: 987654321, url: CONTACTUS_URL })
      .then(() => "(no error)")
      .catch((error: RpcError) => error.data?.name);
    assert.strictEqual(missing, ODOO_ERRORS.missing, "an unknown livechat channel");
  });

  QUnit.test("transport errors answer JSON-RPC bodies with the right HTTP status", async (assert) => {
    const parse = await rawPost(BRIDGE_ROUTES.history, "{not json");
    assert.strictEqual(parse.status, TRANSPORT_ERRORS.parse.status);
    assert.strictEqual(parse.json?.error?.code, TRANSPORT_ERRORS.parse.code);
    assert.strictEqual(parse.json?.error?.message, TRANSPORT_ERRORS.parse.message);
    const invalid = await rawPost(BRIDGE_ROUTES.history, JSON.stringify([1, 2, 3]));
    assert.strictEqual(invalid.status, TRANSPORT_ERRORS.invalidRequest.status);
    assert.strictEqual(invalid.json?.error?.code, TRANSPORT_ERRORS.invalidRequest.code);
    const big = await rawPost(BRIDGE_ROUTES.history, envelope({ token: "x".repeat(LIMITS.bodyMaxBytes + 10) }));
    assert.strictEqual(big.status, TRANSPORT_ERRORS.tooLarge.status);
    assert.strictEqual(big.json?.error?.code, TRANSPORT_ERRORS.tooLarge.code);
    const unknown = await rawPost(`${BRIDGE_ROUTES.history}_nope`, envelope({}));
    assert.strictEqual(unknown.status, TRANSPORT_ERRORS.notFound.status);
    assert.strictEqual(unknown.json?.error?.code, TRANSPORT_ERRORS.notFound.code);
    for (const answer of [parse, invalid, big, unknown]) assert.notOk(/Traceback|\bat .+\.ts:\d+/.test(answer.text), "no stack trace");
  });

  QUnit.test("bad requests about a real conversation store nothing and lose nothing", async (assert) => {
    const view = await openTest([{ type: "free_input_single", message: "Say" }, { type: "text", message: "Heard" }]);
    const token = view.token;
    const broken = [
      `{"jsonrpc":"2.0","method":"call","params":{"token":"${token}","client_msg_id":"b1","text":"half`,
      JSON.stringify({ jsonrpc: "2.0", method: "call", params: [token, "b2", "text"], id: 1 }),
      envelope({ token, client_msg_id: "b3", text: "x".repeat(LIMITS.bodyMaxBytes) }),
      envelope({ token, client_msg_id: "b4", text: { html: "<b>no</b>" } }),
      envelope({ token, client_msg_id: "b5", answer_id: "1; drop table" }),
    ];
    for (const body of broken) {
      const answer = await rawPost(BRIDGE_ROUTES.reply, body);
      assert.ok(answer.json?.error, `refused with a JSON-RPC error (HTTP ${answer.status})`);
    }
    assert.strictEqual(await historyLength(token), 1, "nothing was posted");
    const after = await visitor().reply({ token, client_msg_id: msgId(), text: "still here" });
    assert.deepEqual(bodies(after.messages), ["still here", "Heard"], "the conversation goes on normally");
  });

  QUnit.test("route errors are HTTP 200 with Odoo's envelope and no debug", async (assert) => {
    const answer = await rawPost(BRIDGE_ROUTES.history, envelope({ token: "nope" }, 7));
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(answer.json.id, 7);
    assert.strictEqual(answer.json.error.code, 200);
    assert.strictEqual(answer.json.error.message, "Odoo Server Error");
    assert.strictEqual(answer.json.error.data.name, ODOO_ERRORS.missing);
    assert.deepEqual(answer.json.error.data.arguments, [BRIDGE_ERRORS.noConversation]);
    assert.notOk(answer.json.error.data.debug);
  });

  QUnit.test("bridge routes allow cross-origin calls", async (assert) => {
    const preflight = await fetch(BASE_URL + BRIDGE_ROUTES.init, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.ok(preflight.status < 300, `preflight answered (${preflight.status})`);
    assert.ok(["*", "https://shop.example"].includes(preflight.headers.get("access-control-allow-origin") ?? ""), "origin allowed");
    const call = await rawPost(BRIDGE_ROUTES.init, envelope({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL }), { origin: "https://shop.example" });
    assert.ok(["*", "https://shop.example"].includes(call.headers.get("access-control-allow-origin") ?? ""), "the answer allows the origin");
    assert.notOk(call.headers.get("set-cookie"), "no cookie for visitors");
  });

  QUnit.test("hostile text comes back as the same plain text", async (assert) => {
    const view = await openTest([
      { type: "free_input_multi", message: "Say" },
      { type: "free_input_single", message: "More" },
    ]);
    const nasty = [`<script>alert("x")</script>`, `<img src=x onerror=alert(1)> & &amp; &lt;b&gt;`, "'; DROP TABLE mail_message; --", "emoji 🙂 and \u202e rtl"];
    const posted: string[] = [];
    for (const text of nasty) {
      const answer = await visitor().reply({ token: view.token, client_msg_id: msgId(), text, hold: true });
      posted.push(answer.messages[0]!.body);
    }
    assert.deepEqual(posted, nasty, "reply bodies unchanged");
    const history = await visitor().history(view.token);
    assert.deepEqual(bodies(history.messages, ["visitor"]), nasty, "history bodies unchanged");
  });

  QUnit.test("a visitor calling admin models gets an error and nothing is stored", async (assert) => {
    const anonymous = new OdooClient({ baseUrl: BASE_URL });
    const title = `Intruder ${Date.now()}`;
    for (const [model, method, args] of [
      ["chatbot.script", "create", [{ title }]],
      ["chatbot.script", "search_read", [[]]],
      ["discuss.channel", "search_read", [[]]],
      ["crm.lead", "create", [{ name: title }]],
      ["res.users", "write", [[1], { login: "pwned" }]],
    ] as const) {
      try {
        await anonymous.call(model, method, [...args]);
        assert.ok(false, `${model}.${method} should be refused`);
      } catch (error) {
        assert.ok(error instanceof RpcError && (error as RpcError).data?.name, `${model}.${method} refused with a structured error`);
        // Odoo's own call_kw puts a traceback in `debug`; the embedded ERP never does.
        if (EMBEDDED_ERP) assert.notOk((error as RpcError).data?.debug, "no stack trace");
      }
    }
    assert.strictEqual(await admin.searchCount("chatbot.script", [["title", "=", title]]), 0, "no script was created");
    assert.strictEqual(await admin.searchCount("crm.lead", [["name", "=", title]]), 0, "no lead was created");
  });
});

async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return "(no error)";
  } catch (error) {
    return error instanceof RpcError ? error.data?.name : String(error);
  }
}

// The embedded ERP's operator side: presence, forward to a real operator, inbox, live push
// both ways (long poll and WebSocket). Odoo uses Discuss instead: not applicable there.
import WebSocket from "ws";
import { BRIDGE_ERRORS, BRIDGE_ROUTES, type BridgeView, type PushFrame } from "../../src/protocol/bridge.ts";
import { ODOO_ERRORS, ODOO_TEXTS, formatText } from "../../src/protocol/odoo.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import {
  CONTACTUS_URL,
  DEFAULT_CHANNEL,
  HAS_OPERATOR_ROUTES,
  PUSH,
  answerNamed,
  bodies,
  login as login_,
  loginAdmin,
  loginOperator,
  rejectsWith,
  msgId,
  serverInit,
  testIf,
  visitor,
} from "./support/bridge.ts";

const WHY = "no operator routes on this server (Odoo uses Discuss)";
let operator: OdooClient;

interface InboxEntry {
  conversation_id: number;
  token?: string;
  last_message: { body: string; author: string } | null;
  [key: string]: unknown;
}

const presence = (online: boolean) => operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online });
const inbox = () => operator.transport.call<InboxEntry[] | { conversations: InboxEntry[] }>(BRIDGE_ROUTES.operatorInbox, {}).then((r) => (Array.isArray(r) ? r : r.conversations));
const operatorHistory = (conversation_id: number) => operator.transport.call<BridgeView>(BRIDGE_ROUTES.operatorHistory, { conversation_id });
const operatorPost = (conversation_id: number, text: string) => operator.transport.call<BridgeView>(BRIDGE_ROUTES.operatorPost, { conversation_id, client_msg_id: msgId(), text });

/** Opens a live chat with the operator (no script) and finds it in the inbox. */
async function chatWithOperator(): Promise<{ view: BridgeView; conversationId: number }> {
  const view = await visitor().open({ channel_id: DEFAULT_CHANNEL, url: `${CONTACTUS_URL}?chat`, visitor_name: "Ada" });
  const hello = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: `hello ${view.token.slice(0, 6)}` });
  const entry = (await inbox()).find((c) => c.last_message?.body === hello.messages[0]!.body);
  if (!entry) throw new Error("conversation not in the operator's inbox");
  return { view, conversationId: entry.conversation_id };
}

QUnit.module("bridge: operators (embedded ERP)", (hooks) => {
  hooks.before(async () => {
    if (!HAS_OPERATOR_ROUTES) return;
    operator = await loginOperator();
  });
  hooks.afterEach(async () => {
    if (HAS_OPERATOR_ROUTES) await presence(false);
  });

  testIf("presence drives operator availability in init", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    await presence(false);
    assert.false((await serverInit()).operator_available, "offline");
    await presence(true);
    const online = await serverInit();
    assert.true(online.operator_available, "online");
    assert.true(online.available);
    await presence(false);
    assert.false((await serverInit()).operator_available, "offline again");
  });

  testIf("operator routes need a login with live chat rights", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    try {
      await visitor().transport.call(BRIDGE_ROUTES.operatorInbox, {});
      assert.ok(false, "inbox without login must fail");
    } catch (error) {
      assert.strictEqual((error as RpcError).code, 100, "session expired");
    }
    const admin = await loginAdmin();
    const login = `employee-${Date.now()}`;
    await admin.create("res.users", { login, name: "Plain Employee", password: "employee-pw", group_xmlids: "base.group_user" });
    const employee = await login_(login, "employee-pw");
    await rejectsWith(assert, employee.transport.call(BRIDGE_ROUTES.operatorPresence, { online: true }), ODOO_ERRORS.access, BRIDGE_ERRORS.operatorNotAllowed);
    await rejectsWith(assert, employee.transport.call(BRIDGE_ROUTES.operatorInbox, {}), ODOO_ERRORS.access, BRIDGE_ERRORS.operatorNotAllowed);
  });

  testIf("live chat without a script: the operator joins; messages go both ways", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    await presence(true);
    const { view, conversationId } = await chatWithOperator();
    assert.strictEqual(view.state, "operator");
    assert.ok(view.operator?.name, "operator named");
    assert.deepEqual(view.messages.map((m) => [m.author, m.body]), [["system", formatText(ODOO_TEXTS.operatorJoined, view.operator!.name)]]);

    const history = await operatorHistory(conversationId);
    assert.ok(bodies(history.messages).some((b) => b.startsWith("hello ")), "operator reads the visitor");
    const after = history.messages.at(-1)!.id;
    const waiting = visitor().poll({ token: view.token, after_id: after, timeout: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await operatorPost(conversationId, "Hi Ada, <b>how</b> can I help?");
    const woken = await waiting;
    const latency = Date.now() - started;
    assert.deepEqual(woken.messages.map((m) => [m.author, m.body]), [["operator", "Hi Ada, <b>how</b> can I help?"]]);
    assert.strictEqual(woken.messages[0]!.author_name, view.operator!.name);
    assert.ok(latency < 1000, `long poll delivered in ${latency} ms`);

    const visitorLine = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "I need a quote" });
    assert.strictEqual(visitorLine.state, "operator");
    const latest = await operatorHistory(conversationId);
    assert.strictEqual(latest.messages.at(-1)!.body, "I need a quote");
    const list = await inbox();
    assert.strictEqual(list.find((c) => c.conversation_id === conversationId)?.last_message?.body, "I need a quote", "inbox shows the last message");
  });

  testIf("a Welcome Bot forward picks the online operator", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    await presence(true);
    const init = await serverInit();
    const view = await visitor().open({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: init.chatbot!.script_id });
    const forwarded = await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "I have a pricing question") });
    assert.strictEqual(forwarded.state, "operator");
    const name = forwarded.operator!.name;
    assert.strictEqual(forwarded.messages.at(-1)!.body, formatText(ODOO_TEXTS.operatorJoined, name));
    assert.strictEqual(forwarded.messages.at(-1)!.author, "system");
  });

  testIf("a forward picks an operator speaking the visitor's language, else the least busy", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    const admin = await loginAdmin();
    const stamp = Date.now();
    const make = async (name: string, lang: string) => {
      const login = `${name.toLowerCase()}-${stamp}`;
      const id = await admin.create("res.users", { login, name: `${name} ${stamp}`, password: "pw-operator", lang, group_xmlids: "im_livechat.im_livechat_group_user" });
      return { id, name: `${name} ${stamp}`, client: await login_(login, "pw-operator") };
    };
    const english = await make("English", "en_US");
    const french = await make("French", "fr_FR");
    const channel = await admin.create("im_livechat.channel", { name: `Languages ${stamp}`, user_ids: [[6, 0, [english.id, french.id]]] });
    const online = (who: { client: OdooClient }, value: boolean) => who.client.transport.call(BRIDGE_ROUTES.operatorPresence, { online: value });
    await online(english, true);
    await online(french, true);
    try {
      const open = (lang?: string) => visitor().open({ channel_id: channel, url: "https://shop.example/", ...(lang ? { lang } : {}) });
      assert.strictEqual((await open("fr-FR")).operator?.name, french.name, "French visitor, French operator");
      assert.strictEqual((await open("fr-FR")).operator?.name, french.name, "language first, even when busier");
      assert.strictEqual((await open("de-DE")).operator?.name, english.name, "no German speaker: the least busy (0 against 2)");
      assert.strictEqual((await open()).operator?.name, english.name, "still the least busy (1 against 2)");
      assert.strictEqual((await open("en-US")).operator?.name, english.name, "English visitor, English operator, even when busier");
      assert.strictEqual((await open()).operator?.name, french.name, "now French is the least busy (2 against 3)");
      await online(french, false);
      assert.strictEqual((await open("fr-FR")).operator?.name, english.name, "an offline operator is never chosen");
    } finally {
      await online(english, false);
      await online(french, false);
    }
  });

  testIf("operator close ends the conversation for the visitor", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    await presence(true);
    const { view, conversationId } = await chatWithOperator();
    await operator.transport.call(BRIDGE_ROUTES.operatorClose, { conversation_id: conversationId });
    const seen = await visitor().history(view.token);
    assert.strictEqual(seen.state, "ended");
    assert.true(seen.closed);
    assert.strictEqual(seen.messages.at(-1)!.body, formatText(ODOO_TEXTS.operatorLeft, view.operator!.name));
    assert.strictEqual(seen.messages.at(-1)!.author, "system");
  });

  testIf("an operator cannot read a conversation that is not theirs", HAS_OPERATOR_ROUTES, WHY, async (assert) => {
    try {
      await operatorHistory(987654321);
      assert.ok(false, "must fail");
    } catch (error) {
      assert.ok(error instanceof Error && /does not exist|not allowed/i.test(error.message), error instanceof Error ? error.message : String(error));
    }
  });

  testIf("WebSocket: the visitor receives operator messages as view frames", HAS_OPERATOR_ROUTES && Boolean(PUSH.websocket), "no WebSocket push on this server", async (assert) => {
    await presence(true);
    const { view, conversationId } = await chatWithOperator();
    const socket = new WebSocket(`${PUSH.websocket}?token=${encodeURIComponent(view.token)}`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    const frame = new Promise<{ frame: PushFrame; at: number }>((resolve) => socket.once("message", (data) => resolve({ frame: JSON.parse(String(data)) as PushFrame, at: Date.now() })));
    const started = Date.now();
    await operatorPost(conversationId, "over the socket");
    const { frame: received, at } = await frame;
    socket.close();
    assert.strictEqual(received.type, "view");
    assert.strictEqual(received.view.token, view.token);
    assert.deepEqual(bodies(received.view.messages), ["over the socket"]);
    assert.ok(at - started < 1000, `pushed in ${at - started} ms`);
  });

  testIf("WebSocket with the operator's session: visitor messages arrive live", HAS_OPERATOR_ROUTES && Boolean(PUSH.websocket), "no WebSocket push on this server", async (assert) => {
    await presence(true);
    const { view, conversationId } = await chatWithOperator();
    const socket = new WebSocket(PUSH.websocket!, { headers: { cookie: `session_id=${operator.transport.sessionId}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    const frame = new Promise<{ conversation_id: number; view: BridgeView }>((resolve) => socket.once("message", (data) => resolve(JSON.parse(String(data)))));
    const started = Date.now();
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "are you there?" });
    const received = await frame;
    const elapsed = Date.now() - started;
    socket.close();
    assert.strictEqual(received.conversation_id, conversationId);
    assert.deepEqual(bodies(received.view.messages), ["are you there?"]);
    assert.strictEqual(received.view.token, "", "the operator never sees the visitor's token");
    assert.ok(elapsed < 1000, `pushed in ${elapsed} ms`);
  });

  testIf("WebSocket without token nor session is refused", HAS_OPERATOR_ROUTES && Boolean(PUSH.websocket), "no WebSocket push on this server", async (assert) => {
    const socket = new WebSocket(PUSH.websocket!);
    const outcome = await new Promise<string>((resolve) => {
      socket.once("open", () => resolve("open"));
      socket.once("unexpected-response", (_req, res) => resolve(`http ${res.statusCode}`));
      socket.once("error", () => resolve("error"));
    });
    socket.terminate();
    assert.strictEqual(outcome, "http 401");
  });

  testIf("WebSocket with a bad token is refused", HAS_OPERATOR_ROUTES && Boolean(PUSH.websocket), "no WebSocket push on this server", async (assert) => {
    const socket = new WebSocket(`${PUSH.websocket}?token=nope`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once("open", () => {
        setTimeout(() => resolve("stayed open"), 1000);
        socket.once("close", () => resolve("closed after open"));
      });
      socket.once("unexpected-response", (_req, res) => resolve(`http ${res.statusCode}`));
      socket.once("error", () => resolve("error"));
    });
    socket.terminate();
    assert.notStrictEqual(outcome, "stayed open", `refused (${outcome})`);
  });
});

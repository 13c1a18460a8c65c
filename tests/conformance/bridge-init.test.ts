// `init`: capabilities, the served chatbot, and rule matching as Odoo 18.0; it stores nothing.
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { STEP_TYPES } from "../../src/protocol/odoo.ts";
import { COUNTRY_BE, BASE_URL, CONTACTUS_URL, DEFAULT_CHANNEL, createScript, loginAdmin, testIf, serverInit, visitor, type MadeScript } from "./support/bridge.ts";

let admin: OdooClient;

async function makeChannel(rules: Record<string, unknown>[]): Promise<number> {
  return admin.create("im_livechat.channel", { name: `Conformance channel ${Date.now()}`, rule_ids: rules.map((rule) => [0, 0, rule]) });
}

async function makeBot(steps = true, active = true): Promise<MadeScript> {
  const script = await createScript(admin, steps ? [{ type: "text", message: "hi" }, { type: "free_input_single", message: "say" }] : []);
  if (!active) await admin.write("chatbot.script", [script.id], { active: false });
  return script;
}

const init = (channel_id: number, path: string, extra: Record<string, unknown> = {}) => visitor().init({ channel_id, url: `https://shop.example${path}`, ...extra });

QUnit.module("bridge: init", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("the default channel serves the Welcome Bot on /contactus, with server and push facts", async (assert) => {
    const result = await serverInit();
    assert.true(result.available);
    assert.deepEqual(Object.keys(result.rule ?? {}).sort(), ["action", "auto_popup_timer", "id"]);
    assert.strictEqual(result.rule!.action, "auto_popup");
    assert.strictEqual(result.rule!.auto_popup_timer, 2);
    assert.strictEqual(result.chatbot!.title, "Welcome Bot");
    assert.ok(typeof result.chatbot!.avatar_url === "string" && result.chatbot!.avatar_url.length > 0, "avatar_url");
    assert.deepEqual(result.chatbot!.welcome_steps.map((s) => [s.type, s.message, s.is_last]), [
      ["text", "Welcome to CompanyName! 👋", false],
      ["question_selection", "What are you looking for?", false],
    ]);
    assert.strictEqual(typeof result.operator_available, "boolean");
    assert.ok(result.server.name && result.server.version, "server name and version");
    assert.ok(result.server.features.every((f) => ["create_lead", "create_ticket", "phone_check", "websocket"].includes(f)), "known features");
    assert.true(Number.isInteger(result.push.poll_max_timeout) && result.push.poll_max_timeout >= 0 && result.push.poll_max_timeout <= 30);
    if (result.server.features.includes("websocket")) assert.ok(/^wss?:\/\/.+\/chatbot_bridge\/v1\/ws$/.test(result.push.websocket ?? ""), "websocket url");
    else assert.strictEqual(result.push.websocket, null);
    assert.ok(STEP_TYPES.includes(result.chatbot!.welcome_steps[0]!.type));
  });

  QUnit.test("the chatbot's avatar_url serves an image to any site", async (assert) => {
    const result = await serverInit();
    const response = await fetch(result.chatbot!.avatar_url, { headers: { origin: "https://shop.example" } });
    assert.strictEqual(response.status, 200);
    assert.ok(/^image\//.test(response.headers.get("content-type") ?? ""), `an image (${response.headers.get("content-type")})`);
    assert.ok((await response.arrayBuffer()).byteLength > 0, "with content");
  });

  QUnit.test("a page without a rule gets no chatbot", async (assert) => {
    const result = await visitor().init({ channel_id: DEFAULT_CHANNEL, url: `${BASE_URL}/shop` });
    assert.strictEqual(result.chatbot, null);
    assert.strictEqual(result.rule, null);
    assert.strictEqual(result.available, result.operator_available, "available only through an operator");
  });

  QUnit.test("rule matching: sequence order, regex searched in the url, skipped chatbots", async (assert) => {
    const first = await makeBot();
    const second = await makeBot();
    const inactive = await makeBot(true, false);
    const empty = await makeBot(false);
    const channel = await makeChannel([
      { regex_url: "/skip", sequence: 1, chatbot_script_id: inactive.id, action: "display_button" },
      { regex_url: "/skip", sequence: 2, chatbot_script_id: empty.id, action: "display_button" },
      { regex_url: "/skip", sequence: 3, chatbot_script_id: second.id, action: "display_button_and_text" },
      { regex_url: "^https://shop\\.example/pricing", sequence: 10, chatbot_script_id: first.id, action: "auto_popup", auto_popup_timer: 7 },
      { regex_url: "pricing", sequence: 5, chatbot_script_id: second.id, action: "display_button" },
      { regex_url: "/hidden", sequence: 20, action: "hide_button" },
    ]);
    const skip = await init(channel, "/a/skip/b");
    assert.strictEqual(skip.chatbot?.script_id, second.id, "inactive and empty chatbots are skipped, a later rule serves");
    assert.strictEqual(skip.rule?.action, "display_button_and_text");
    const pricing = await init(channel, "/pricing?x=1");
    assert.strictEqual(pricing.chatbot?.script_id, second.id, "lower sequence first");
    const hidden = await init(channel, "/hidden");
    assert.strictEqual(hidden.rule?.action, "hide_button");
    assert.strictEqual(hidden.chatbot, null);
    assert.false(hidden.available, "hidden and no chatbot");
    const nothing = await init(channel, "/elsewhere");
    assert.strictEqual(nothing.rule, null);
    assert.false(nothing.available, "no operator in this channel");
    assert.false(nothing.operator_available);
  });

  QUnit.test("'Enabled only if no operator' keeps the bot when nobody is online", async (assert) => {
    const bot = await makeBot();
    const channel = await makeChannel([{ regex_url: "", sequence: 1, chatbot_script_id: bot.id, chatbot_only_if_no_operator: true }]);
    const result = await init(channel, "/any");
    assert.strictEqual(result.chatbot?.script_id, bot.id);
    assert.true(result.available);
  });

  testIf("country rules come first", COUNTRY_BE !== null, "no res.country on this server", async (assert) => {
    const belgium = COUNTRY_BE!;
    const general = await makeBot();
    const local = await makeBot();
    const channel = await makeChannel([
      { regex_url: "", sequence: 1, chatbot_script_id: general.id },
      { regex_url: "", sequence: 50, chatbot_script_id: local.id, country_ids: [[6, 0, [belgium]]] },
    ]);
    assert.strictEqual((await init(channel, "/x", { country_code: "BE" })).chatbot?.script_id, local.id, "the visitor's country rule wins");
    assert.strictEqual((await init(channel, "/x", { country_code: "FR" })).chatbot?.script_id, general.id, "other countries get the general rule");
    assert.strictEqual((await init(channel, "/x")).chatbot?.script_id, general.id, "unknown country: the general rule");
  });

  QUnit.test("init stores nothing and sets no cookie", async (assert) => {
    const before = await admin.searchCount("discuss.channel", []);
    const response = await fetch(BASE_URL + BRIDGE_ROUTES.init, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL }, id: 1 }),
    });
    assert.strictEqual(response.status, 200);
    assert.notOk(response.headers.get("set-cookie"));
    assert.strictEqual(await admin.searchCount("discuss.channel", []), before);
  });
});

import type { BridgeStep } from "../../../src/protocol/bridge.ts";
import { composerMode } from "../../../src/livechat/chat/core/conversation_model.ts";

const step = (type: BridgeStep["type"]): BridgeStep => ({ id: 1, type, message: "m", answers: [], is_last: false });
const bot = (s: BridgeStep | null) => ({ state: "bot" as const, step: s, typing: null, token: "t", closed: false });

QUnit.module("livechat: composer", () => {
  QUnit.test("questions are answered with buttons, as Odoo", (assert) => {
    const mode = composerMode(bot(step("question_selection")), true);
    assert.false(mode.enabled);
    assert.strictEqual(mode.placeholder, "Select an option above");
  });
  QUnit.test("input steps take text", (assert) => {
    assert.deepEqual([composerMode(bot(step("question_email")), true).enabled, composerMode(bot(step("question_email")), true).inputMode], [true, "email"]);
    assert.strictEqual(composerMode(bot(step("question_phone")), true).inputMode, "tel");
    assert.true(composerMode(bot(step("free_input_single")), true).enabled);
    const multi = composerMode(bot(step("free_input_multi")), true);
    assert.true(multi.enabled && multi.multiline);
  });
  QUnit.test("waits while the bot types or has no step", (assert) => {
    assert.false(composerMode({ ...bot(step("question_email")), typing: "Welcome Bot" }, true).enabled);
    const none = composerMode(bot(null), true);
    assert.false(none.enabled);
    assert.strictEqual(none.placeholder, "Say something");
  });
  QUnit.test("ended offers Restart Conversation; an operator chat is free text", (assert) => {
    const ended = composerMode({ ...bot(null), state: "ended" }, true);
    assert.deepEqual([ended.enabled, ended.placeholder, ended.restart], [false, "Conversation ended...", true]);
    const live = composerMode({ ...bot(null), state: "operator" }, true);
    assert.deepEqual([live.enabled, live.restart], [true, false]);
  });
  QUnit.test("a channel without a chatbot lets the visitor write first", (assert) => {
    assert.true(composerMode({ ...bot(null), token: null }, false).enabled);
  });
});

import { DEFAULT_TYPING_DELAY, typingDelay } from "../../../src/livechat/shared/typing-delay.ts";

QUnit.module("livechat: typing delay", () => {
  QUnit.test("grows with the message length", (assert) => {
    const short = typingDelay("Hi");
    const longer = typingDelay("Would you mind leaving your email address?");
    assert.true(short >= DEFAULT_TYPING_DELAY.minMs, `${short} is at least the minimum`);
    assert.true(longer > short, `${longer} > ${short}`);
    assert.strictEqual(typingDelay("abcd", { maxMs: 10_000, minMs: 100, perCharMs: 10 }), 140);
  });
  QUnit.test("is capped", (assert) => {
    assert.strictEqual(typingDelay("x".repeat(5000)), DEFAULT_TYPING_DELAY.maxMs);
    assert.strictEqual(typingDelay("x".repeat(5000), { maxMs: 700 }), 700);
  });
  QUnit.test("is zero when turned off (tests)", (assert) => {
    assert.strictEqual(typingDelay("Welcome to CompanyName! 👋", { maxMs: 0 }), 0);
  });
  QUnit.test("counts an emoji as one character and survives empty text", (assert) => {
    const opts = { maxMs: 10_000, minMs: 0, perCharMs: 10 };
    assert.strictEqual(typingDelay("👋", opts), 10);
    assert.strictEqual(typingDelay("", opts), 0);
    assert.strictEqual(typingDelay(null, opts), 0);
  });
});

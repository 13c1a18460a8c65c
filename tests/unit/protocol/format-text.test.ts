import { formatText, ODOO_TEXTS, BRIDGE_TEXTS } from "../../../src/protocol/odoo.ts";

QUnit.module("protocol: formatText", () => {
  QUnit.test("fills Odoo's retry messages", (assert) => {
    assert.strictEqual(
      formatText(ODOO_TEXTS.invalidEmailRetry, "not-an-email"),
      "'not-an-email' does not look like a valid email. Can you please try again?",
    );
    assert.strictEqual(
      formatText(BRIDGE_TEXTS.invalidPhoneRetry, "12345"),
      "'12345' does not look like a valid phone number. Can you please try again?",
    );
  });
  QUnit.test("fills several places in order and leaves missing ones empty", (assert) => {
    assert.strictEqual(formatText("%s and %s", "a", "b"), "a and b");
    assert.strictEqual(formatText("%s and %s", "a"), "a and ");
    assert.strictEqual(formatText(ODOO_TEXTS.leadName, "Welcome Bot"), "Welcome Bot's New Lead");
  });
});

import { emailNormalize, splitEmails, quoteVisitorText, checkPhone } from "../../../src/engine/index.ts";

QUnit.module("engine: email answers (inline cases, also run in the browser)", () => {
  const cases: [string, string | false][] = [
    ["visitor@example.com", "visitor@example.com"],
    ["Visitor@Example.COM", "visitor@example.com"],
    ["not-an-email", false],
    ["", false],
    ["@", false],
    ["a@b", "a@b"],
    ["John Doe <john@example.com>", "john@example.com"],
    ["john@example.com, jane@example.com", false],
    ["john@example.com jane@example.com", false],
    ["john@@example.com", "@example.com"],
    ["user name@example.com", "name@example.com"],
    ["user@exa mple.com", "user@example.com"],
    ['"quoted local"@example.com', '"quoted,local"@example.com'],
    ['a"b@example.com', false],
    ["user@[192.168.0.1]", "user@[192.168.0.1]"],
    ["mailto:user@example.com", "user@example.com"],
    ["user@example.com<script>alert(1)</script>", "user@example.com"],
    ["user@example.com;other@example.com", false],
    ["email@example.com (Joe Smith)", "email@example.com"],
    ["Joe <joe@example.com> extra", "joe@example.com"],
    ["ÉLODIE@EXAMPLE.COM", "ÉLODIE@example.com"],
    ["JOE@ÉXAMPLE.COM", "joe@éxample.com"],
    ["\u00a0joe@example.com", "\u00a0joe@example.com"],
    // Quirks observed on running Odoo (behaviour reference, section 11)
    ["@example.com", "@example.com"],
    ["a@b@c@d", "@d"],
    ["user@example.com@", false],
    ["(user@example.com)", false],
    ["Doe, John <john@example.com>", "john@example.com"],
    ["user\uff20example.com", false],
  ];
  QUnit.test("Odoo's decisions, quirks included", (assert) => {
    for (const [input, expected] of cases) assert.strictEqual(emailNormalize(input), expected, JSON.stringify(input));
  });
  QUnit.test("splitEmails finds every address", (assert) => {
    assert.deepEqual(splitEmails("a@x.com, B <b@y.org>"), ["a@x.com", "b@y.org"]);
    assert.deepEqual(splitEmails("nothing here"), []);
    assert.deepEqual(splitEmails(""), []);
  });
  QUnit.test("the visitor's text as Odoo quotes it in the retry message", (assert) => {
    assert.strictEqual(quoteVisitorText("a  b"), "a b");
    assert.strictEqual(quoteVisitorText("  not   an email  "), "not an email");
    assert.strictEqual(quoteVisitorText("line one  \n   line   two"), "line one\nline two");
    assert.strictEqual(quoteVisitorText("No, you won't get my email!"), "No, you won't get my email!");
  });
});

QUnit.module("engine: phone check (libphonenumber-js, full metadata)", () => {
  QUnit.test("valid numbers in E.164, invalid ones refused", (assert) => {
    assert.deepEqual(checkPhone("+32 499 11 22 33"), { valid: true, e164: "+32499112233" });
    assert.deepEqual(checkPhone("12345"), { valid: false, e164: null });
    assert.deepEqual(checkPhone("12345", "BE"), { valid: false, e164: null });
    assert.deepEqual(checkPhone("not a number"), { valid: false, e164: null });
  });
  QUnit.test("a default country lets visitors write national numbers", (assert) => {
    assert.deepEqual(checkPhone("0499 11 22 33", "BE"), { valid: true, e164: "+32499112233" });
    assert.deepEqual(checkPhone("0499 11 22 33", "be"), { valid: true, e164: "+32499112233" }, "case-insensitive");
    assert.false(checkPhone("0499 11 22 33").valid, "no default: international format required");
    assert.false(checkPhone("0499 11 22 33", "ZZ").valid, "unknown country: as no default");
    assert.true(checkPhone("+32 499 11 22 33", "FR").valid, "an international number ignores the default");
  });
});

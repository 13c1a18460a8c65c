import { linkify, safeHref } from "../../../src/livechat/shared/linkify.ts";

QUnit.module("livechat: links in bot messages", () => {
  QUnit.test("plain text stays one text part", (assert) => {
    assert.deepEqual(linkify("And tadaaaa here you go! 🌟"), [{ text: "And tadaaaa here you go! 🌟" }]);
    assert.deepEqual(linkify(""), [{ text: "" }]);
  });
  QUnit.test("http and https URLs become links, sentence punctuation stays text", (assert) => {
    assert.deepEqual(linkify("See https://example.com/docs. Or http://a.example/x?y=1, thanks"), [
      { text: "See " },
      { text: "https://example.com/docs", href: "https://example.com/docs" },
      { text: ". Or " },
      { text: "http://a.example/x?y=1", href: "http://a.example/x?y=1" },
      { text: ", thanks" },
    ]);
  });
  QUnit.test("a parenthesis that belongs to the URL is kept", (assert) => {
    const parts = linkify("(see https://en.wikipedia.org/wiki/Chair_(furniture))");
    assert.strictEqual(parts[1]!.href, "https://en.wikipedia.org/wiki/Chair_(furniture)");
    assert.strictEqual(parts[2]!.text, ")");
  });
  QUnit.test("no other scheme can become a link", (assert) => {
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "ftp://example.com/file", "<a href=x>y</a>"]) {
      assert.true(linkify(text).every((p) => !p.href), text);
    }
    assert.strictEqual(safeHref("javascript:alert(1)"), null);
    assert.strictEqual(safeHref("https://example.com"), "https://example.com/");
  });
  QUnit.test("markup in a message is text, not HTML", (assert) => {
    const parts = linkify('<img src=x onerror="alert(1)"> https://example.com');
    assert.strictEqual(parts[0]!.text, '<img src=x onerror="alert(1)"> ');
    assert.strictEqual(parts[1]!.href, "https://example.com/");
  });
});

import { parsePo } from "../../../src/livechat/i18n/po.ts";
import { pickLanguage, translator } from "../../../src/livechat/i18n/translate.ts";

QUnit.module("livechat: UI language", () => {
  QUnit.test("the first given tag decides, region ignored", (assert) => {
    const supported = ["ro"];
    assert.strictEqual(pickLanguage(["ro-RO", "en"], supported), "ro");
    assert.strictEqual(pickLanguage(["ro_RO"], supported), "ro");
    assert.strictEqual(pickLanguage([undefined, "", "RO"], supported), "ro");
    assert.strictEqual(pickLanguage(["en-US", "ro"], supported), "en");
    assert.strictEqual(pickLanguage(["fr", "ro"], supported), "en", "an unsupported page language gets English, not the next candidate");
    assert.strictEqual(pickLanguage([null, undefined], supported), "en");
  });
  QUnit.test("translates with the catalog and fills %s", (assert) => {
    const catalogs = { ro: { "Say something": "Spune ceva", "%s is typing...": "%s scrie..." } };
    const ro = translator("ro", catalogs);
    const en = translator("en", catalogs);
    assert.strictEqual(ro("Say something"), "Spune ceva");
    assert.strictEqual(ro("%s is typing...", "Welcome Bot"), "Welcome Bot scrie...");
    assert.strictEqual(ro("Not in the catalog"), "Not in the catalog");
    assert.strictEqual(en("%s is typing...", "Welcome Bot"), "Welcome Bot is typing...");
  });
  QUnit.test("reads .po entries: multi-line, escapes, untranslated left out", (assert) => {
    const po = [
      'msgid ""',
      'msgstr ""',
      '"Language: ro\\n"',
      "",
      "#. a comment",
      'msgid "Restart Conversation"',
      'msgstr "Repornește conversația"',
      "",
      'msgid ""',
      '"Say "',
      '"\\"something\\""',
      'msgstr "Spune \\"ceva\\""',
      "",
      'msgid "Untranslated"',
      'msgstr ""',
    ].join("\n");
    assert.deepEqual(parsePo(po), { "Restart Conversation": "Repornește conversația", 'Say "something"': 'Spune "ceva"' });
  });
  QUnit.test("keeps only the entries referenced from the wanted place", (assert) => {
    const po = [
      "#: code:addons/m/static/dist/",
      'msgid "Send"',
      'msgstr "Trimite"',
      "",
      "#: model:ir.ui.menu,name:m.menu",
      "#: code:addons/m/controllers/main.py:0",
      'msgid "Chatbots"',
      'msgstr "Chatboți"',
      "#: code:addons/m/models/x.py:0",
      "#: code:addons/m/static/src/y.js:0",
      'msgid "Both"',
      'msgstr "Ambele"',
    ].join("\n");
    assert.deepEqual(parsePo(po, "/static/"), { Send: "Trimite", Both: "Ambele" });
    assert.deepEqual(Object.keys(parsePo(po)).sort(), ["Both", "Chatbots", "Send"]);
  });
});

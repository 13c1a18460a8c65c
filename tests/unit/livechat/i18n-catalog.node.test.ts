// The shipped Romanian catalog covers every widget string of the template (.pot, entries
// referenced from static/dist/) and keeps the %s places.
import { readFileSync } from "node:fs";
import { parsePo } from "../../../src/livechat/i18n/po.ts";

const dir = new URL("../../../addon/livechat_chatbot_bridge/i18n/", import.meta.url);

/** msgids of the .pot entries referenced from the widget bundles. */
function widgetMsgids(pot: string): string[] {
  return pot
    .split(/\n\s*\n/)
    .filter((block) => /^#:.*\/static\/dist\//m.test(block))
    .map((block) => /^msgid "(.*)"$/m.exec(block)?.[1]?.replace(/\\"/g, '"') ?? "")
    .filter(Boolean);
}

QUnit.module("livechat: Romanian catalog", () => {
  QUnit.test("every widget string is translated, with the same %s places", (assert) => {
    const ids = widgetMsgids(readFileSync(new URL("livechat_chatbot_bridge.pot", dir), "utf8"));
    const ro = parsePo(readFileSync(new URL("ro.po", dir), "utf8"), "/static/dist/");
    assert.true(ids.length >= 20, `${ids.length} strings`);
    for (const id of ids) {
      assert.true(!!ro[id], `translated: ${id}`);
      assert.strictEqual((ro[id] ?? "").split("%s").length, id.split("%s").length, `same %s places: ${id}`);
    }
    assert.deepEqual(Object.keys(ro).sort(), [...ids].sort(), "nothing but the widget's strings");
  });
});
